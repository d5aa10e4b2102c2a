import ArgumentParser
import FolioCore
import Foundation
import TerminalUI

struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List papers, newest first.", discussion: QueryArgument.examples("folio list"))

    @OptionGroup var global: GlobalOptions

    @Argument(parsing: .allUnrecognized, help: QueryArgument.help) var query: [String] = []

    @Flag(help: "Only starred papers.") var starred = false

    @Option(help: "Only papers with this tag.") var tag: String?

    @Option(parsing: .unconditional, help: "At most this many papers.") var limit: Int?

    @Option(help: "Order: date (newest first), title, upvotes (most first) or relevance (the query's words weighted by rarity).")
    var sort: PaperSort = .date

    @Flag(help: "Print JSON Lines, one object per paper.") var json = false

    @Flag(help: "Papers mute rules hide too (see folio mute).") var includeMuted = false

    func validate() throws {
        if let limit, limit < 0 { throw ValidationError("--limit must be 0 or more") }
    }

    func run() throws {
        let store = try global.openStore()
        let filter = PaperFilter(query: try QueryArgument.parse(query, store: store), starredOnly: starred, tag: tag, limit: limit, sort: sort,
                                 includeMuted: includeMuted)
        // Topics only in JSON: their sets are computed once, then each printed paper is looked up in them.
        try PaperListing(store: store).forEach(filter, withTopics: json) { paper in
            if json {
                Output.json(PaperJSON.object(paper))
            } else {
                Output.line(ListCommand.line(paper))
            }
        }
    }

    /// `2406.01234  2024-06-10 ★ Title [tag, tag]`: text for people, ids first for scripts.
    /// Raw text: `Output.line` makes control characters visible.
    static func line(_ p: Paper) -> String {
        var date = p.metadata.published ?? "----------"
        date += String(repeating: " ", count: max(0, 10 - date.count))  // `2022-05`: the columns stay aligned
        let star = p.isStarred ? "★" : " "
        let tags = p.tags.isEmpty ? "" : "  [" + p.tags.joined(separator: ", ") + "]"
        return "\(p.id)\t\(date) \(star) \(TeXDisplay.render(p.title))\(tags)"
    }
}

/// A QUERY argument: its words are one query, parsed once; errors say the column.
enum QueryArgument {
    static let help = ArgumentHelp(
        "Only papers matching this query (see the README's query language); its words may be given apart.",
        valueName: "query")

    /// `--help`'s examples, for a command that takes a query.
    static func examples(_ command: String) -> String {
        """
        Examples:
          \(command) dense retrieval            both words
          \(command) 'retriev* OR rerank*'      a prefix, OR
          \(command) -image                     papers without the word (a word with - is a NOT)
          \(command) '"language model" -vision' a phrase and a NOT
          \(command) -- --odd                   everything after -- is the query
        """
    }

    /// The words as one query (`dense retrieval`); none is no query.
    static func parse(_ words: [String], store: Store?) throws -> Query? {
        try parse(words.isEmpty ? nil : words.joined(separator: " "), store: store)
    }

    /// `is:new` means since the reader last closed on `store` (nothing when it never has).
    static func parse(_ text: String?, store: Store?) throws -> Query? {
        guard let text else { return nil }
        do {
            return try QueryParser.parse(text, context: .now(newSince: try store?.readerClosedAt()))
        } catch {
            throw CLIError("query: \(error)")
        }
    }
}
