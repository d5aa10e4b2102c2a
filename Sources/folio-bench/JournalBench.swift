import FolioCore
import Foundation
import GRDB

/// Bulk changes and the journal on the benchmark's library: tag 100,000 papers by query (finding them
/// included) and undo it, each one transaction; and the newest 50 of 100,000 journal entries read by a
/// store opened for it, as `folio history --limit 50` does.
enum JournalBench {
    struct Figures {
        var tagMilliseconds = 0.0, undoMilliseconds = 0.0, historyMilliseconds = 0.0
        var tagged = 0
    }

    static let query = "cat:cs.IR"
    static let papers = 100_000
    static let entries = 100_000

    static func measure(path: String) throws -> Figures {
        var figures = Figures()
        let store = try Store(path: path)
        let tagging = Clock.now
        let ids = Array(try store.ids(matching: try QueryParser.parse(query)).prefix(papers))
        figures.tagged = try store.addTags(["bench-bulk"], to: ids).papers
        figures.tagMilliseconds = Clock.now.millisecondsSince(tagging)
        let undoing = Clock.now
        try store.undo()
        figures.undoMilliseconds = Clock.now.millisecondsSince(undoing)

        // The entries are written straight into the journal's table in one transaction (100,000 changes
        // made one by one would each wait for the disk), then taken out again after the measurement.
        let queue = try DatabaseQueue(path: path)
        let at = ISO8601DateFormatter().string(from: Date())
        try queue.write { db in
            let insert = try db.makeStatement(sql: "INSERT INTO journal (at, origin, summary, changes) VALUES (?, 'cli', ?, 1)")
            for i in 0..<entries { try insert.execute(arguments: [at, "bench entry \(i)"]) }
        }
        let reading = Clock.now
        let listed = try Store(path: path).history(limit: 50)
        figures.historyMilliseconds = Clock.now.millisecondsSince(reading)
        precondition(listed.count == 50, "the journal lists \(listed.count) entries")
        try queue.write { db in try db.execute(sql: "DELETE FROM journal WHERE summary LIKE 'bench entry %'") }
        return figures
    }
}
