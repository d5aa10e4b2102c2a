import ArgumentParser
import FolioCore
import Foundation

struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List papers, newest first.")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "Only papers whose title or abstract contains this text (any case).") var query: String?

    @Flag(help: "Only starred papers.") var starred = false

    @Option(help: "Only papers with this tag.") var tag: String?

    @Option(help: "At most this many papers.") var limit: Int?

    @Option(help: "Order: date (newest first) or title.") var sort: PaperSort = .date

    @Flag(help: "Print JSON Lines, one object per paper.") var json = false

    func validate() throws {
        if let limit, limit < 0 { throw ValidationError("--limit must be 0 or more") }
    }

    func run() throws {
        let store = try global.openStore()
        let papers = try store.papers(PaperFilter(text: query, starredOnly: starred, tag: tag, limit: limit, sort: sort))
        for paper in papers {
            if json {
                Output.json(PaperJSON.object(paper))
            } else {
                Output.line(ListCommand.line(paper))
            }
        }
    }

    /// `2406.01234  2024-06-10 ★ Title [tag, tag]`: text for people, ids first for scripts.
    static func line(_ p: Paper) -> String {
        let date = p.metadata.published ?? "----------"
        let star = p.isStarred ? "★" : " "
        let tags = p.tags.isEmpty ? "" : "  [" + p.tags.joined(separator: ", ") + "]"
        return "\(p.id)\t\(date) \(star) \(TerminalText.plain(p.title))\(TerminalText.plain(tags))"
    }
}

/// Text for a terminal from the CLI: control characters shown as `^[`-style escapes, never raw.
enum TerminalText {
    static func plain(_ s: String) -> String {
        var out = ""
        for scalar in s.unicodeScalars {
            switch scalar.value {
            case 0..<0x20: out += "^" + String(UnicodeScalar(UInt8(scalar.value + 0x40)))
            case 0x7F: out += "^?"
            case 0x80..<0xA0, 0x202A...0x202E, 0x2066...0x2069: out += "\\u{\(String(scalar.value, radix: 16))}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
