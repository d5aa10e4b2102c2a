import GRDB

/// What an import or fetch changed, as its journal entry keeps it, and how that is undone and redone.
///
/// Rows of `journal_change` (besides the user-state rows the triggers write, for a backup's stars and tags):
/// - `added`: `before` and `after` are the first and last num the import gave new papers, one row for
///   all of them (nums only grow, so the range is exactly the import's papers);
/// - `paper`: one paper, its whole row as JSON (`PaperRecord.asJSON`) before and after, NULL where it did
///   not exist. The import writes `before` for each earlier paper it changed; undo fills in `after`, and
///   writes a row for each added paper it removes (`before` NULL), so redo can put it back.
///
/// Undo takes out the added papers that carry no user state (a star, tag or read mark keeps a paper) and
/// puts the changed ones back as they were; redo does the opposite; the search index follows, all in
/// the walk's one transaction.
enum ImportJournal {
    /// Inside an import's transaction, before `paper` row `num` is rewritten: its row as it was.
    static let recordBeforeSQL = """
        INSERT INTO journal_change (entry, kind, paper_id, before)
          SELECT r.entry, 'paper', id, \(PaperRecord.asJSON) FROM paper, journal_recording r WHERE num = ?
        """

    /// At the end of an import: the range of nums it gave new papers, if any.
    static func recordAdded(_ db: Database, firstNewNum: Int64) throws {
        try db.execute(sql: """
            INSERT INTO journal_change (entry, kind, before, after)
              SELECT r.entry, 'added', ?1, m.num FROM journal_recording r, (SELECT max(num) AS num FROM paper) m WHERE m.num >= ?1
            """, arguments: [firstNewNum])
    }

    /// In a fetch that changed papers, before the source's state is written: that state as it was. Undo
    /// puts it back and forgets the source's validators, so the next fetch asks for those papers again.
    static func recordFetchState(_ db: Database, source: String) throws {
        try db.execute(sql: """
            INSERT INTO journal_change (entry, kind, name, before)
              SELECT r.entry, 'fetch', ?1, (SELECT \(fetchStateJSON) FROM fetch_source WHERE name = ?1) FROM journal_recording r
            """, arguments: [source])
    }

    private static let fetchStateColumns = ["last_success_at", "last_success_day", "last_attempt_at", "last_error"]
    private static let fetchStateJSON = "json_object(" + fetchStateColumns.map { "'\($0)', \($0)" }.joined(separator: ", ") + ")"

    /// How many papers and rows of user state an entry changed (an `added` range counts each of its papers).
    static let changesSQL = """
        SELECT coalesce(sum(CASE kind WHEN 'added' THEN after - before + 1 WHEN 'fetch' THEN 0 ELSE 1 END), 0)
        FROM journal_change WHERE entry = ?
        """

    /// Sets every paper an entry changed to its row before the entry (`back`) or after it. Undo runs this
    /// after the entry's user state is undone (so a paper the entry starred can go); redo before (so
    /// the paper is there to star).
    static func replay(_ db: Database, entry: Int64, back: Bool) throws {
        guard try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM journal_change WHERE entry = ? AND kind IN ('added', 'paper', 'fetch'))",
                                arguments: [entry]) == true else { return }
        if back {
            try keepAfter(db, entry: entry)
            try restoreFetchState(db, entry: entry)
        }
        let (target, other) = back ? ("before", "after") : ("after", "before")
        let changes = "FROM journal_change WHERE entry = ?1 AND kind = 'paper'"
        let index = SearchIndexWriter()
        try index.deletePapers(db, nums: "SELECT json_extract(\(other), '$.num') \(changes) AND \(target) IS NULL", arguments: [entry])
        let targets = "SELECT \(target) AS v \(changes) AND \(target) IS NOT NULL"
        try db.execute(sql: "UPDATE paper SET \(PaperRecord.assignments(fromJSON: "c.v")) FROM (\(targets)) c WHERE paper.num = json_extract(c.v, '$.num')",
                       arguments: [entry])
        try db.execute(sql: """
            INSERT INTO paper (num, \(PaperRecord.columnList))
              SELECT json_extract(v, '$.num'), \(PaperRecord.columns(fromJSON: "v")) FROM (\(targets))
              WHERE json_extract(v, '$.num') NOT IN (SELECT num FROM paper)
            """, arguments: [entry])
        // A paper first seen without an arXiv id took its arXiv id in the import: its old id was an alias.
        let renamed = "\(changes) AND json_extract(before, '$.id') != json_extract(after, '$.id')"
        if back {
            try db.execute(sql: "DELETE FROM paper_alias WHERE alias IN (SELECT json_extract(before, '$.id') \(renamed))", arguments: [entry])
        } else {
            try db.execute(sql: "INSERT OR REPLACE INTO paper_alias (alias, paper_id) SELECT json_extract(before, '$.id'), json_extract(after, '$.id') \(renamed)",
                           arguments: [entry])
        }

        try index.reindexPapers(db, where: "num IN (SELECT json_extract(v, '$.num') FROM (\(targets)))", arguments: [entry])
        try index.finish(db)
    }

    private static func restoreFetchState(_ db: Database, entry: Int64) throws {
        let fetches = "FROM journal_change WHERE entry = ?1 AND kind = 'fetch'"
        try db.execute(sql: "DELETE FROM fetch_validator WHERE source IN (SELECT name \(fetches))", arguments: [entry])
        try db.execute(sql: "DELETE FROM fetch_source WHERE name IN (SELECT name \(fetches) AND before IS NULL)", arguments: [entry])
        let assignments = fetchStateColumns.map { "\($0) = json_extract(c.before, '$.\($0)')" }.joined(separator: ", ")
        try db.execute(sql: "UPDATE fetch_source SET \(assignments) FROM (SELECT name, before \(fetches) AND before IS NOT NULL) c WHERE fetch_source.name = c.name",
                       arguments: [entry])
    }

    /// Before an undo: each changed paper's row now (as the entry left it, later entries being undone
    /// already), and a row for each added paper that carries no user state, which the undo removes
    /// (worked out again at each undo, from the user state of then).
    private static func keepAfter(_ db: Database, entry: Int64) throws {
        try db.execute(sql: """
            UPDATE journal_change SET after = (SELECT \(PaperRecord.asJSON) FROM paper WHERE num = json_extract(journal_change.before, '$.num'))
            WHERE entry = ? AND kind = 'paper' AND before IS NOT NULL
            """, arguments: [entry])
        try db.execute(sql: "DELETE FROM journal_change WHERE entry = ? AND kind = 'paper' AND before IS NULL", arguments: [entry])
        try db.execute(sql: """
            INSERT INTO journal_change (entry, kind, paper_id, before, after)
              SELECT a.entry, 'paper', id, NULL, \(PaperRecord.asJSON) FROM paper, journal_change a
              WHERE a.entry = ? AND a.kind = 'added' AND num BETWEEN a.before AND a.after
                AND id NOT IN (\(Store.papersWithUserState))
            """, arguments: [entry])
    }
}
