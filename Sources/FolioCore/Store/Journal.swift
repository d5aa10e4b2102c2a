import Foundation
import GRDB

/// Where a change to user state came from.
public enum JournalOrigin: String, Sendable, CaseIterable {
    case reader, cli, fetch
}

/// One change of user state as the journal lists it: a star, a tag on many papers, a topic deleted.
public struct JournalEntry: Sendable, Equatable {
    public var seq: Int64
    /// `Timestamp` of the change.
    public var at: String
    public var origin: JournalOrigin
    /// What it did, in words (`tagged 1,204 papers rl`).
    public var summary: String
    /// Rows of user state it changed, and papers an import added or changed.
    public var changes: Int
    /// Undone, and so next in line for redo.
    public var undone: Bool
}

/// How much of the journal is kept: at least `entries` entries, and every entry younger than `days`
/// (`[journal]` in the config file). Older entries are folded away; the state they changed stays.
public struct JournalBounds: Sendable, Equatable {
    public var entries: Int
    public var days: Int

    public init(entries: Int = 10_000, days: Int = 90) {
        self.entries = entries
        self.days = days
    }
}

/// The journal of user state: every star, tag, read mark and topic change is one entry, written in the
/// same transaction as the change. Triggers on the user-state tables write each row's value before and
/// after into `journal_change` while `journal_recording` names the open entry, so no code path that
/// changes those tables inside `journaled` can forget to record (see `v12-journal`).
extension Store {
    /// Stars, read marks and notes: the same shape of row (a paper and one value: the time it was marked, the
    /// note's text), per journal kind.
    static let markTables = [(kind: "star", table: "star", column: "starred_at"), (kind: "read", table: "read_mark", column: "read_at"),
                             (kind: "note", table: "note", column: "text")]

    /// SQL: the ids of papers that carry a star, a read mark, a note or a tag (undo and sync keep such papers).
    static let papersWithUserState = (markTables.map(\.table) + ["tag"]).map { "SELECT paper_id FROM \($0)" }.joined(separator: " UNION ALL ")

    /// Set while `rehearse` runs: journaled changes are made, counted and rolled back.
    @TaskLocal static var rehearsing = false

    /// Runs `body` with every change to user state rolled back at the end of its transaction: what a
    /// change would do, counted exactly (`--dry-run`).
    public static func rehearse<T>(_ body: () throws -> T) rethrows -> T {
        try $rehearsing.withValue(true) { try body() }
    }

    private struct Rehearsal: Error {}

    /// Runs `body` in one transaction as one journal entry, summarized by `summary` of its result. A body
    /// that changes nothing leaves no entry. A new entry ends what could be redone, as in any editor.
    @discardableResult
    func journaled<T>(origin: JournalOrigin? = nil, _ body: (Database) throws -> T, summary: (T) -> String) throws -> T {
        var result: T?
        do {
            try pool.write { db in
                try db.execute(sql: "INSERT INTO journal (at, origin, summary) VALUES (?, ?, '')",
                               arguments: [Timestamp.now(), (origin ?? self.origin).rawValue])
                let seq = db.lastInsertedRowID
                try db.execute(sql: "INSERT INTO journal_recording (entry) VALUES (?)", arguments: [seq])
                result = try body(db)
                if Store.rehearsing { throw Rehearsal() }
                try db.execute(sql: "DELETE FROM journal_recording")
                let changes = try Int.fetchOne(db, sql: ImportJournal.changesSQL, arguments: [seq]) ?? 0
                guard changes > 0 else {
                    try db.execute(sql: "DELETE FROM journal WHERE seq = ?", arguments: [seq])
                    return
                }
                try db.execute(sql: "UPDATE journal SET summary = ?, changes = ? WHERE seq = ?",
                               arguments: [summary(result!), changes, seq])
                try SyncCapture.capture(db, entry: seq)
                try db.execute(sql: "DELETE FROM journal WHERE undone = 1")
                try foldOldEntries(db, newest: seq)
            }
        } catch is Rehearsal {}
        return result!
    }

    /// Entries past the newest `journalBounds.entries` that are also older than `journalBounds.days` go;
    /// the state they changed stays as it is.
    private func foldOldEntries(_ db: Database, newest: Int64) throws {
        let cutoff = ISO8601DateFormatter().string(from: Date(timeIntervalSinceNow: -Double(journalBounds.days) * 86_400))
        try db.execute(sql: "DELETE FROM journal WHERE seq <= ? AND at < ?", arguments: [newest - Int64(journalBounds.entries), cutoff])
    }

    /// The newest entries first, at most `limit`.
    public func history(limit: Int = 50) throws -> [JournalEntry] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM journal ORDER BY seq DESC LIMIT ?", arguments: [limit]).map(Store.entry)
        }
    }

    /// Undoes the newest `steps` entries not undone yet, newest first, all in one transaction; returns them.
    @discardableResult
    public func undo(steps: Int = 1) throws -> [JournalEntry] { try walk(steps: steps, back: true) }

    /// Does again the oldest `steps` undone entries, oldest first, in one transaction; returns them.
    @discardableResult
    public func redo(steps: Int = 1) throws -> [JournalEntry] { try walk(steps: steps, back: false) }

    private func walk(steps: Int, back: Bool) throws -> [JournalEntry] {
        defer { mergeSearchSegmentsAfterImport() }
        return try pool.write { db in
            let next = back ? "undone = 0 ORDER BY seq DESC" : "undone = 1 ORDER BY seq"
            let entries = try Row.fetchAll(db, sql: "SELECT * FROM journal WHERE \(next) LIMIT ?", arguments: [steps]).map(Store.entry)
            for entry in entries {
                // An import's papers go after its user state (a paper it starred can go), and come back before.
                if !back { try ImportJournal.replay(db, entry: entry.seq, back: false) }
                try Store.replay(db, entry: entry.seq, back: back)
                if back { try ImportJournal.replay(db, entry: entry.seq, back: true) }
                try SyncCapture.capture(db, entry: entry.seq)
                try db.execute(sql: "UPDATE journal SET undone = ? WHERE seq = ?", arguments: [back, entry.seq])
            }
            return entries
        }
    }

    private static func entry(_ row: Row) -> JournalEntry {
        JournalEntry(seq: row["seq"], at: row["at"], origin: JournalOrigin(rawValue: row["origin"]) ?? .cli,
                     summary: row["summary"], changes: row["changes"], undone: row["undone"])
    }

    /// Sets every row an entry changed back to its value before (`back`), or again to its value after:
    /// each key's earliest `before` is its value before the entry, its latest `after` its value after.
    /// A few statements per kind of row, whatever the entry's size. A paper known by an older id is
    /// found through its alias; one no longer in the library is skipped.
    private static func replay(_ db: Database, entry: Int64, back: Bool) throws {
        let (value, pick) = back ? ("before", "min") : ("after", "max")
        let paper = "COALESCE((SELECT a.paper_id FROM paper_alias a WHERE a.alias = c.paper_id), c.paper_id)"
        /// The value to set per key of `kind`, keyed by `keys` (`paper` stands for the paper's id now).
        func chosen(_ kind: String, keys: [String]) -> String {
            let grouped = keys.map { $0 == "paper" ? "paper_id" : $0 }.joined(separator: ", ")
            let selected = keys.map { $0 == "paper" ? "\(paper) AS paper" : "c.\($0) AS \($0)" }.joined(separator: ", ")
            return """
                SELECT \(selected), c.v AS v FROM (SELECT \(grouped), \(value) AS v, \(pick)(rowid)
                  FROM journal_change WHERE entry = ?1 AND kind = '\(kind)' GROUP BY \(grouped)) c
                """
        }
        // One statement per call: GRDB hands the arguments out across statements in turn.
        for (kind, table, column) in Store.markTables {
            let rows = chosen(kind, keys: ["paper"])
            try db.execute(sql: "DELETE FROM \(table) WHERE paper_id IN (SELECT paper FROM (\(rows)))", arguments: [entry])
            try db.execute(sql: """
                INSERT OR REPLACE INTO \(table) (paper_id, \(column))
                  SELECT paper, v FROM (\(rows)) WHERE v IS NOT NULL AND paper IN (SELECT id FROM paper)
                """, arguments: [entry])
        }
        let tags = chosen("tag", keys: ["paper", "name"]), topics = chosen("topic", keys: ["name"])
        try db.execute(sql: "DELETE FROM tag WHERE (paper_id, name) IN (SELECT paper, name FROM (\(tags)))", arguments: [entry])
        try db.execute(sql: """
            INSERT OR REPLACE INTO tag (paper_id, name, tagged_at)
              SELECT paper, name, v FROM (\(tags)) WHERE v IS NOT NULL AND paper IN (SELECT id FROM paper)
            """, arguments: [entry])
        try db.execute(sql: "DELETE FROM topic WHERE name IN (SELECT name FROM (\(topics)))", arguments: [entry])
        try db.execute(sql: """
            INSERT OR REPLACE INTO topic (name, query, created_at)
              SELECT name, json_extract(v, '$[0]'), json_extract(v, '$[1]') FROM (\(topics)) WHERE v IS NOT NULL
            """, arguments: [entry])
    }
}
