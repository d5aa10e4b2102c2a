import ArgumentParser
import FolioCore
import Foundation

/// `folio similar ID` and `folio recommend`: ranked lists, one paper a line (`score  id  date  title
/// (because: a, b, c)`) or JSON Lines with `score` and `because` added to the paper's object.
enum RankedOutput {
    static func print(_ ranked: [RankedPaper], json: Bool) {
        for item in ranked {
            if json {
                guard case .object(var fields) = PaperJSON.object(item.paper) else { continue }
                fields.append(("score", .number((item.score * 1000).rounded() / 1000)))
                fields.append(("because", .strings(item.because)))
                Output.json(.object(fields))
            } else {
                Output.line(String(format: "%6.2f  ", item.score) + ListCommand.line(item.paper) + "  (because: \(item.because.joined(separator: ", ")))")
            }
        }
    }
}

struct SimilarCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "similar", abstract: "Papers most like one paper by their words, best first.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The paper: Folio id or arXiv id.") var id: String
    @Option(help: "At most this many papers.") var limit = 50
    @Flag(help: "Print JSON Lines, with score and because.") var json = false

    func run() throws {
        RankedOutput.print(try Discovery(store: try global.openStore()).similar(to: id, limit: limit), json: json)
    }
}

struct RecommendCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "recommend", abstract: "Unread papers ranked by how well they fit your stars (or a tag).")

    @OptionGroup var global: GlobalOptions
    @Option(help: "Rank by the papers with this tag instead of the starred ones.") var tag: String?
    @Option(help: "At most this many papers.") var limit = 50
    @Flag(help: "Print JSON Lines, with score and because.") var json = false

    func run() throws {
        let store = try global.openStore()
        let ranked = try Discovery(store: store).recommend(tag: tag, limit: limit)
        if ranked.isEmpty {
            // Say why: nothing to learn from, or nothing unread that shares their words.
            let nothingLiked = try store.papers(PaperFilter(starredOnly: tag == nil, tag: tag, limit: 1)).isEmpty
            Output.error(nothingLiked ? tag.map { "nothing to rank by: no paper is tagged \($0)" } ?? "nothing to rank by: no paper is starred"
                         : "no unread paper shares words with the papers ranked by")
        }
        RankedOutput.print(ranked, json: json)
    }
}
