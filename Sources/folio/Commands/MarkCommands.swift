import ArgumentParser
import FolioCore
import Foundation

/// Prints what `body` did (when it has not said it itself), run for real, or rehearsed and rolled back
/// with `--dry-run`.
func acting(dryRun: Bool, _ body: () throws -> String?) throws {
    let said = dryRun ? try Store.rehearse(body) : try body()
    if dryRun {
        Output.line((said.map { $0 + " " } ?? "") + "(dry run: nothing changed)")
    } else if let said {
        Output.line(said)
    }
}

/// Which papers a command acts on besides the ids it is given: every paper a query matches.
struct QuerySelection: ParsableArguments {
    @Option(help: ArgumentHelp("Every paper this query matches, instead of ids.", valueName: "query")) var query: String?
    @Flag(help: "Say what would change, and change nothing.") var dryRun = false

    func act(_ body: () throws -> String?) throws { try acting(dryRun: dryRun, body) }

    /// The papers of `ids`, or of `--query`: exactly one of the two.
    func papers(_ ids: [String], in store: Store) throws -> [String] {
        switch (query, ids.isEmpty) {
        case (nil, true): throw CLIError("name papers by id, or --query")
        case (nil, false): return try store.resolve(ids)
        case (let text?, true): return try store.ids(matching: try QueryArgument.parse(text, store: store)!)
        case (_?, false): throw CLIError("name papers by id or by --query, not both")
        }
    }
}

/// `folio star`, `unstar`, `read`, `unread`: ids or a query, one journal entry each.
struct MarkArguments: ParsableArguments {
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Paper ids.") var ids: [String] = []
    @OptionGroup var selection: QuerySelection
    @Flag(help: "Print JSON Lines {\"id\", \"starred\" or \"read\", \"changed\"}, one per paper.") var json = false

    /// Sets the read mark (`read`) or the star to `on` and says how many papers changed; `folio read ID`
    /// says it per paper, as it always has.
    func mark(read: Bool, _ on: Bool) throws {
        let store = try global.openStore()
        let papers = try selection.papers(ids, in: store)
        try selection.act {
            let changed = read ? try store.setReadChanging(papers, on) : try store.setStarredChanging(papers, on)
            guard json || (read && selection.query == nil) else {
                return read ? ChangeWords.read(on, changed.count) : ChangeWords.starred(on, changed.count)
            }
            for id in papers {
                if json {
                    Output.json(.object([("id", .string(id)), (read ? "read" : "starred", .bool(on)), ("changed", .bool(changed.contains(id)))]))
                } else {
                    Output.line("\(id): \(on ? "read" : "unread")\(changed.contains(id) ? "" : " already")")
                }
            }
            return nil
        }
    }
}

struct StarCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "star", abstract: "Star papers (ids, or --query).")
    @OptionGroup var marks: MarkArguments
    func run() throws { try marks.mark(read: false, true) }
}

struct UnstarCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "unstar", abstract: "Unstar papers (ids, or --query).")
    @OptionGroup var marks: MarkArguments
    func run() throws { try marks.mark(read: false, false) }
}

struct ReadCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "read", abstract: "Mark papers read (ids, or --query).")
    @OptionGroup var marks: MarkArguments
    func run() throws { try marks.mark(read: true, true) }
}

struct UnreadCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "unread", abstract: "Mark papers unread (ids, or --query).")
    @OptionGroup var marks: MarkArguments
    func run() throws { try marks.mark(read: true, false) }
}

/// `folio tag` and `folio untag`: paper ids then tag names, or `--query` and tag names.
struct TagArguments: ParsableArguments {
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Paper ids, then tag names (with --query, tag names only).") var words: [String] = []
    @OptionGroup var selection: QuerySelection

    /// The leading words that name papers are ids; the rest, at least one, are tags.
    func apply(adding: Bool, _ change: (Store, [String], [String]) throws -> Store.TagChange) throws {
        let store = try global.openStore()
        var ids: [String] = [], tags = words[...]
        if selection.query == nil {
            while tags.count > 1, let first = tags.first, let paper = try store.paper(id: first) {
                ids.append(paper.id)
                tags = tags.dropFirst()
            }
            if ids.isEmpty { throw CLIError(words.isEmpty ? "name papers and tags" : "no paper with id \(words[0])") }
        }
        guard !tags.isEmpty else { throw CLIError("name at least one tag") }
        let papers = try selection.papers(ids, in: store)
        try selection.act {
            let changed = try change(store, papers, Array(tags))
            let rows = "\(groupedDigits(changed.tags)) tag\(changed.tags == 1 ? "" : "s")"
            return ChangeWords.tagged(adding, changed.papers, Array(tags)) + " (\(rows))"
        }
    }
}

struct TagCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tag", abstract: "Tag papers; rename or remove a tag.",
        discussion: """
            Examples:
              folio tag 2306.02556 rl "to read"        tags one paper
              folio tag 2306.02556 2401.00001 rl       the leading words that name papers are ids
              folio tag --query 'cat:cs.LG rl' rl       every paper the query matches
              folio tag rename ML machine-learning      merges into the new name when it exists
            """,
        subcommands: [TagAddCommand.self, TagRenameCommand.self, TagRemoveCommand.self], defaultSubcommand: TagAddCommand.self)
}

struct TagAddCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "add", abstract: "Add tags to papers (ids, or --query).")
    @OptionGroup var arguments: TagArguments
    func run() throws { try arguments.apply(adding: true) { try $0.addTags($2, to: $1) } }
}

struct UntagCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "untag", abstract: "Remove tags from papers (ids, or --query).")
    @OptionGroup var arguments: TagArguments
    func run() throws { try arguments.apply(adding: false) { try $0.removeTags($2, from: $1) } }
}

struct TagRenameCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "rename",
                                                    abstract: "Rename a tag on every paper, merging into NEW when it exists.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The tag's name.") var old: String
    @Argument(help: "Its new name.") var new: String
    @Flag(help: "Say what would change, and change nothing.") var dryRun = false

    func run() throws {
        let store = try global.openStore()
        try acting(dryRun: dryRun) {
            let papers = try store.renameTag(old, to: new)
            if papers == 0 { throw CLIError("no tag named \(old)") }
            return ChangeWords.renamedTag(old, to: new, papers)
        }
    }
}

struct TagRemoveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "rm", abstract: "Remove a tag from every paper.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The tag's name.") var name: String
    @Flag(help: "Say what would change, and change nothing.") var dryRun = false

    func run() throws {
        let store = try global.openStore()
        try acting(dryRun: dryRun) {
            let papers = try store.deleteTag(name)
            if papers == 0 { throw CLIError("no tag named \(name)") }
            return ChangeWords.removedTag(name, papers)
        }
    }
}
