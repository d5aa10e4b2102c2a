import FolioCore
import Foundation

/// `--index`: what the search index gives on its own: each keystroke's exact count and first screen of
/// newest matches (bitmaps, the date order, then the 50 rows), opening, and 20 topics' counts.
struct IndexFigures {
    var openMilliseconds = 0.0
    var keystrokes: [Double] = []
    var inexactKeystrokes = 0
    var topicsMilliseconds = 0.0
    var topicPapers = 0
    var lines: [String] = []

    /// What the benchmark types, a keystroke at a time, in both modes: words, a boolean query, hyphenated
    /// words and a quoted phrase (the last three are answered through candidate rows, not postings alone).
    static let queries = ["retrieval augmented generation", "(graph OR transformer) -image", "text-to-image",
                          "retrieval-augmented", "\"language model\""]

    static func measure(store: Store, topics: [String]) throws -> IndexFigures {
        var figures = IndexFigures()
        let opened = Clock.now
        let index = SearchIndex(store: store)
        let everything = try index.all()
        let firstScreen = try store.papers(byNum: try index.first(50, of: everything)).map(\.paper)
        figures.openMilliseconds = Clock.now.millisecondsSince(opened)
        guard firstScreen.count == min(50, everything.count) else { throw BenchError("first screen has \(firstScreen.count) papers") }

        for query in queries {
            for length in 1...query.count {
                let typed = String(query.prefix(length))
                let start = Clock.now
                // `(graph` does not parse yet; the reader keeps the last result, so there is nothing to time.
                guard let parsed = try? QueryParser.parse(typed, typing: true) else {
                    figures.lines.append("  \"\(typed)\" (incomplete: last result kept)")
                    continue
                }
                let (docs, exact) = try index.evaluate(parsed)
                let count = docs.count
                let screen = try store.papers(byNum: try index.first(50, of: docs)).map(\.paper)
                let elapsed = Clock.now.millisecondsSince(start)
                figures.keystrokes.append(elapsed)
                if !exact { figures.inexactKeystrokes += 1 }
                figures.lines.append(String(format: "  %-32@ %8d matches %3d shown %8.2f ms%@", "\"\(typed)\"" as NSString, count, screen.count, elapsed, exact ? "" : " (not exact)"))
            }
        }

        // A fresh index object: no word read before; the date order is loaded first, as at open.
        let cold = SearchIndex(store: store)
        _ = try cold.all()
        let topicsStart = Clock.now
        for topic in topics {
            figures.topicPapers += try cold.evaluate(try QueryParser.parse(topic)).docs.count
        }
        figures.topicsMilliseconds = Clock.now.millisecondsSince(topicsStart)
        return figures
    }
}

struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
