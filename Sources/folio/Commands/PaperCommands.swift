import ArgumentParser
import FolioCore
import Foundation
import TerminalUI

struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show one paper in full.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "A Folio id, or an arXiv id with or without version.") var id: String
    @Flag(help: "Print the paper as one JSON object.") var json = false

    func run() throws {
        let store = try global.openStore()
        guard let p = try store.paper(id: id) else { throw CLIError("no paper with id \(id)") }
        if json { return Output.json(PaperJSON.object(p)) }
        let m = p.metadata
        var lines = [TeXDisplay.render(m.title), ""]
        func fact(_ name: String, _ value: String?) {
            if let value, !value.isEmpty { lines.append("\(name): \(value)") }
        }
        fact("id", p.id)
        fact("arXiv", m.arxivID.map { $0 + (m.version ?? "") })
        fact("authors", m.authors.map(TeXDisplay.render).joined(separator: ", "))
        fact("affiliations", m.affiliations.map(TeXDisplay.render).joined(separator: "; "))
        fact("published", m.published)
        fact("announced", m.announced)
        fact("updated", m.updated)
        fact("categories", m.categories.joined(separator: " "))
        fact("url", p.url)
        fact("pdf", m.pdfURL)
        fact("comments", m.comments)
        fact("journal", m.journalRef)
        fact("doi", m.doi)
        fact("upvotes", m.upvotes.map(String.init))
        fact("github", m.githubRepo)
        fact("keywords", m.aiKeywords.joined(separator: ", "))
        fact("starred", p.starredAt)
        fact("read", p.readAt)
        fact("tags", p.tags.joined(separator: ", "))
        lines += ["", TeXDisplay.render(m.abstract)]
        Output.line(lines.joined(separator: "\n"))
    }
}

struct StarCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "star", abstract: "Star papers.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Paper ids.") var ids: [String]

    func run() throws { try starring(ids, true, global: global) }
}

struct UnstarCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "unstar", abstract: "Remove stars from papers.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Paper ids.") var ids: [String]

    func run() throws { try starring(ids, false, global: global) }
}

struct ReadCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "read", abstract: "Mark papers read.")
    @OptionGroup var marks: ReadMarkArguments

    func run() throws { try marks.mark(read: true) }
}

struct UnreadCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "unread", abstract: "Mark papers unread.")
    @OptionGroup var marks: ReadMarkArguments

    func run() throws { try marks.mark(read: false) }
}

/// `folio read` and `folio unread`: papers by id, a line (or JSON object) each.
struct ReadMarkArguments: ParsableArguments {
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Paper ids.") var ids: [String]
    @Flag(help: "Print JSON Lines {\"id\", \"read\", \"changed\"}, one per paper.") var json = false

    func validate() throws {
        if ids.isEmpty { throw ValidationError("name at least one paper id") }
    }

    func mark(read: Bool) throws {
        let store = try global.openStore()
        let resolved = try store.resolve(ids)
        let changedIDs = try store.setReadChanging(resolved, read)
        for id in resolved {
            let changed = changedIDs.contains(id)
            if json {
                Output.json(.object([("id", .string(id)), ("read", .bool(read)), ("changed", .bool(changed))]))
            } else {
                Output.line("\(id): \(read ? "read" : "unread")\(changed ? "" : " already")")
            }
        }
    }
}

private func starring(_ ids: [String], _ on: Bool, global: GlobalOptions) throws {
    let store = try global.openStore()
    let changed = try store.setStarred(try store.resolve(ids), on)
    Output.line("\(on ? "starred" : "unstarred") \(changed) paper\(changed == 1 ? "" : "s")")
}

/// `folio tag` and `folio untag`: one paper, several tag names.
struct TagArguments: ParsableArguments {
    @OptionGroup var global: GlobalOptions
    @Argument(help: "A paper id.") var id: String
    @Argument(help: "Tag names.") var tags: [String]

    func validate() throws {
        if tags.isEmpty { throw ValidationError("name at least one tag") }
    }

    func apply(_ verb: String, _ change: (Store, [String], String) throws -> Int) throws {
        let store = try global.openStore()
        let paper = try store.resolve([id])[0]
        let count = try change(store, tags, paper)
        Output.line("\(paper): \(verb) \(count) tag\(count == 1 ? "" : "s")")
    }
}

struct TagCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "tag", abstract: "Add tags to a paper.")
    @OptionGroup var arguments: TagArguments

    func run() throws { try arguments.apply("added") { try $0.addTags($1, to: $2) } }
}

struct UntagCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "untag", abstract: "Remove tags from a paper.")
    @OptionGroup var arguments: TagArguments

    func run() throws { try arguments.apply("removed") { try $0.removeTags($1, from: $2) } }
}

struct TagsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "tags", abstract: "List tags with their number of papers.")
    @OptionGroup var global: GlobalOptions
    @Flag(help: "Print JSON Lines {\"name\", \"count\"}.") var json = false

    func run() throws {
        for tag in try global.openStore().tagCounts() {
            if json {
                Output.json(.object([("name", .string(tag.name)), ("count", .int(tag.count))]))
            } else {
                Output.line("\(tag.name)\t\(tag.count)")
            }
        }
    }
}

struct StatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "stats", abstract: "Summarize the library.")
    @OptionGroup var global: GlobalOptions
    @Flag(help: "Print one JSON object.") var json = false

    func run() throws {
        let store = try global.openStore()
        let s = try store.stats()
        let facts: [(String, JSONValue)] = [
            ("library", .string(store.path)), ("papers", .int(s.papers)), ("with_arxiv_id", .int(s.withArxivID)),
            ("starred", .int(s.starred)), ("read", .int(s.read)), ("tags", .int(s.tags)), ("topics", .int(s.topics)),
            ("oldest", .optional(s.oldest)), ("newest", .optional(s.newest)),
        ]
        if json { return Output.json(.object(facts)) }
        for (name, value) in facts {
            if case .string(let text) = value { Output.line("\(name): \(text)") } else { Output.line("\(name): \(value.text)") }
        }
    }
}

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "export", abstract: "Export papers (all, or those matching QUERY).",
                                                    discussion: QueryArgument.examples("folio export --format jsonl"))
    @OptionGroup var global: GlobalOptions
    @Argument(parsing: .allUnrecognized, help: QueryArgument.help) var query: [String] = []
    @Option(help: "folio-json (a full backup), jsonl, bibtex or markdown.") var format: ExportFormat
    @Option(name: .shortAndLong, help: "Write to this file instead of standard output.") var output: String?
    @Flag(help: "Overwrite the output file if it exists.") var force = false

    func run() throws {
        let store = try global.openStore()
        let papers = try store.papers(PaperFilter(query: try QueryArgument.parse(query)))
        guard let target = output else {
            return try Exporter(store: store).export(papers, format: format) { Output.write($0) }
        }
        let output = UserPath.expand(target)
        switch UserPath.kind(output) {
        case nil: break
        case .file?: if !force { throw CLIError("\(output) exists; --force replaces the file") }
        case let kind?: throw CLIError("\(output) is a \(kind.name); -o names a file to write")
        }
        // Written beside the target and renamed over it: a failed export leaves the old file as it was.
        let temporary = output + ".folio-partial"
        guard FileManager.default.createFile(atPath: temporary, contents: nil), let handle = FileHandle(forWritingAtPath: temporary) else {
            throw CLIError("cannot write \(output)")
        }
        do {
            try Exporter(store: store).export(papers, format: format) { handle.write(Data($0.utf8)) }
            try handle.close()
            guard rename(temporary, output) == 0 else { throw CLIError("cannot write \(output): \(String(cString: strerror(errno)))") }
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            throw error
        }
        Output.line("exported \(papers.count) paper\(papers.count == 1 ? "" : "s") to \(output)")
    }
}
