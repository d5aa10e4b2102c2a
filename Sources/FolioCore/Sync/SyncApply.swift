import GRDB

/// Other devices' ops applied to this library, in any order and any number of times with the same result:
/// per key the op with the latest stamp wins (star, read, topic, a paper's metadata and whether it was
/// taken out); a tag is on a paper while some add of it (a dot) has not been removed. Then the library's
/// own tables are made to say what the registers and dots say, for the keys the ops touched.
///
/// A paper is in the library while its latest paper op is not a removal, or while it carries a star, a
/// read mark or a tag (as undoing an import keeps such papers); its row is the latest metadata sent.
enum SyncApply {
    /// Applies the ops in `temp.sync_in` (each line's fields, checked by `SyncOpCheck`).
    static func apply(_ db: Database) throws {
        if let seen = try String.fetchOne(db, sql: "SELECT max(s) FROM temp.sync_in"),
           seen > (try String.fetchOne(db, sql: "SELECT value FROM sync_state WHERE key = 'clock'") ?? "") {
            try db.execute(sql: "INSERT OR REPLACE INTO sync_state (key, value) VALUES ('clock', ?)", arguments: [seen])
        }
        // Registers: per key the latest op of the batch, kept when it is later than the register's.
        try db.execute(sql: """
            INSERT INTO sync_register (kind, key, stamp, value)
              SELECT k, key, s, v FROM (
                SELECT k, key, max(s) AS s, v
                FROM temp.sync_in WHERE k IN ('star', 'read', 'note', 'topic', 'paper') GROUP BY 1, 2
                UNION ALL
                SELECT 'meta', key, max(s), v FROM temp.sync_in
                WHERE k = 'paper' AND v IS NOT NULL GROUP BY 2
              ) WHERE true
            ON CONFLICT (kind, key) DO UPDATE SET stamp = excluded.stamp, value = excluded.value WHERE excluded.stamp > sync_register.stamp
            """)
        let removedDots = "SELECT e.value FROM temp.sync_in, json_each(d) e WHERE k = 'tag-'"
        try db.execute(sql: "INSERT OR IGNORE INTO sync_tag_removed (dot) \(removedDots)")
        try db.execute(sql: "DELETE FROM sync_tag_dot WHERE dot IN (\(removedDots))")
        try db.execute(sql: """
            INSERT OR IGNORE INTO sync_tag_dot (paper_id, name, dot, at)
              SELECT key, n, d, at FROM temp.sync_in
              WHERE k = 'tag+' AND d NOT IN (SELECT dot FROM sync_tag_removed)
            """)
        try materialize(db)
    }

    /// The library's tables as the registers and dots say, for the papers and topics the ops named.
    private static func materialize(_ db: Database) throws {
        // The papers named.
        try db.emptyTemporaryTable("sync_named", "id TEXT PRIMARY KEY")
        try db.execute(sql: "INSERT OR IGNORE INTO temp.sync_named (id) SELECT key FROM temp.sync_in WHERE k != 'topic'")
        try db.emptyTemporaryTable("sync_papers", "id TEXT PRIMARY KEY, present INTEGER, meta TEXT, num INTEGER")
        func register(_ kind: String) -> String { "(SELECT value FROM sync_register WHERE kind = '\(kind)' AND key = p.id)" }
        try db.execute(sql: """
            INSERT INTO temp.sync_papers (id, present, meta, num)
              SELECT p.id,
                \(register("paper")) IS NOT NULL OR \(register("star")) IS NOT NULL OR \(register("read")) IS NOT NULL
                  OR \(register("note")) IS NOT NULL
                  OR EXISTS (SELECT 1 FROM sync_tag_dot d WHERE d.paper_id = p.id)
                  OR (NOT EXISTS (SELECT 1 FROM sync_register WHERE kind = 'paper' AND key = p.id)
                      AND EXISTS (SELECT 1 FROM paper WHERE id = p.id)),
                \(register("meta")), (SELECT num FROM paper WHERE id = p.id)
              FROM temp.sync_named p
            """)
        let index = SearchIndexWriter()
        try index.deletePapers(db, nums: "SELECT num FROM temp.sync_papers WHERE NOT present AND num IS NOT NULL")

        // Rows whose metadata differs from the latest sent: rewritten (or added), then indexed again.
        try db.execute(sql: """
            DELETE FROM temp.sync_papers WHERE NOT present OR meta IS NULL
              OR meta IS (SELECT json_remove(\(PaperRecord.asJSON), '$.num') FROM paper WHERE num = sync_papers.num)
            """)
        try db.execute(sql: "UPDATE paper SET \(PaperRecord.assignments(fromJSON: "c.meta")) FROM temp.sync_papers c WHERE paper.num = c.num")
        // New rows get nums after every num an import of the journal gave, so a redo finds its own free.
        try db.execute(sql: """
            INSERT INTO paper (num, \(PaperRecord.columnList))
              SELECT coalesce((SELECT max(n) FROM (SELECT max(num) AS n FROM paper UNION ALL SELECT max(CAST(after AS INTEGER)) FROM journal_change WHERE kind = 'added')), 0)
                  + row_number() OVER (ORDER BY id),
                \(PaperRecord.columns(fromJSON: "meta")) FROM temp.sync_papers WHERE num IS NULL
            """)
        try index.reindexPapers(db, where: "id IN (SELECT id FROM temp.sync_papers)")
        try index.finish(db)
        try materializeUserState(db)
    }

    /// Stars, read marks, notes and tags of the papers the ops named, and the topics they named.
    private static func materializeUserState(_ db: Database) throws {
        let named = "SELECT id FROM temp.sync_named"
        for (kind, table, column) in Store.markTables {
            let registers = "FROM sync_register WHERE kind = '\(kind)' AND key IN (\(named))"
            try db.execute(sql: "DELETE FROM \(table) WHERE paper_id IN (SELECT key \(registers) AND value IS NULL)")
            try db.execute(sql: """
                INSERT OR REPLACE INTO \(table) (paper_id, \(column))
                  SELECT key, value \(registers) AND value IS NOT NULL AND key IN (SELECT id FROM paper)
                  AND value IS NOT (SELECT \(column) FROM \(table) WHERE paper_id = key)
                """)
        }
        try db.execute(sql: """
            DELETE FROM tag WHERE paper_id IN (\(named))
              AND NOT EXISTS (SELECT 1 FROM sync_tag_dot d WHERE d.paper_id = tag.paper_id AND d.name = tag.name)
            """)
        try db.execute(sql: """
            INSERT OR IGNORE INTO tag (paper_id, name, tagged_at)
              SELECT paper_id, name, min(at) FROM sync_tag_dot WHERE paper_id IN (\(named)) AND paper_id IN (SELECT id FROM paper)
              GROUP BY paper_id, name
            """)
        let topics = "FROM sync_register WHERE kind = 'topic' AND key IN (SELECT key FROM temp.sync_in WHERE k = 'topic')"
        try db.execute(sql: "DELETE FROM topic WHERE name IN (SELECT key \(topics) AND value IS NULL)")
        try db.execute(sql: """
            INSERT OR REPLACE INTO topic (name, query, created_at)
              SELECT key, json_extract(value, '$[0]'), json_extract(value, '$[1]') \(topics) AND value IS NOT NULL
            """)
    }
}
