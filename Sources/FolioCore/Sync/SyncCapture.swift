import GRDB

/// This device's changes as sync changes ("ops"), written to `sync_outbox` in the transaction that makes
/// them. After each journal entry (and each undo or redo of one), every key the entry touched is compared
/// with its register, the last value sent or received for it; a key whose value differs gets one op with
/// a new stamp, and its register the value. So an undo travels as a change like any other, and a key
/// changed and changed back within one entry sends nothing.
///
/// Ops are JSON objects, one per line in the folder: `k` the kind, `key` the paper id (topic name), `s`
/// the stamp; `v` the value as text or null for `star`, `read` (the time), `topic` (`[query, created_at]`)
/// and `paper` (the row as `PaperRecord.asJSON` makes it, without `num`); `n` the tag name for `tag+`
/// (with `d` its new dot and `at` its time) and `tag-` (with `d` the dots it removes).
enum SyncCapture {
    static let kinds = ["star", "read", "topic", "paper", "tag+", "tag-"]

    /// The device id, when this library syncs (from its first `folio sync` on).
    static func device(_ db: Database) throws -> String? {
        try String.fetchOne(db, sql: "SELECT value FROM sync_state WHERE key = 'device'")
    }

    /// A stamp after every stamp this device made or saw.
    static func nextStamp(_ db: Database, device: String) throws -> String {
        let stamp = SyncStamp.next(after: try String.fetchOne(db, sql: "SELECT value FROM sync_state WHERE key = 'clock'"), device: device)
        try db.execute(sql: "INSERT OR REPLACE INTO sync_state (key, value) VALUES ('clock', ?)", arguments: [stamp])
        return stamp
    }

    /// After journal entry `entry` was made, undone or redone: its keys' ops.
    static func capture(_ db: Database, entry: Int64) throws {
        guard let device = try device(db) else { return }
        try prepare(db)
        let current = "coalesce((SELECT a.paper_id FROM paper_alias a WHERE a.alias = c.paper_id), c.paper_id)"
        try db.execute(sql: """
            INSERT INTO temp.sync_touched (paper_id, kind)
              SELECT \(current), c.kind FROM journal_change c WHERE entry = ?1 AND kind IN ('star', 'read', 'note', 'tag')
              UNION SELECT id, 'all' FROM paper, journal_change a WHERE a.entry = ?1 AND a.kind = 'added' AND num BETWEEN a.before AND a.after
              UNION SELECT json_extract(before, '$.id'), 'all' FROM journal_change WHERE entry = ?1 AND kind = 'paper' AND before IS NOT NULL
              UNION SELECT json_extract(after, '$.id'), 'all' FROM journal_change WHERE entry = ?1 AND kind = 'paper' AND after IS NOT NULL
            ON CONFLICT (paper_id) DO UPDATE SET kind = 'all' WHERE kind != excluded.kind
            """, arguments: [entry])
        try db.execute(sql: "INSERT OR IGNORE INTO temp.sync_topics (name) SELECT name FROM journal_change WHERE entry = ? AND kind = 'topic'",
                       arguments: [entry])
        try send(db, stamp: try nextStamp(db, device: device))
    }

    /// The first sync of a library: what only the user made (stars, read marks, tags with their papers'
    /// metadata, and topics). Papers no one touched stay home: each machine fetches its own, and a
    /// million of them would be gigabytes in the folder. Imports from then on travel as entries.
    static func captureAll(_ db: Database, device: String) throws {
        try prepare(db)
        try db.execute(sql: "INSERT OR IGNORE INTO temp.sync_touched (paper_id, kind) SELECT paper_id, 'all' FROM (\(Store.papersWithUserState))")
        try db.execute(sql: "INSERT INTO temp.sync_topics (name) SELECT name FROM topic")
        try send(db, stamp: try nextStamp(db, device: device))
    }

    /// Before a sync writes the outbox: the metadata of each paper a waiting star, read mark or tag is
    /// about, when this device never sent or received it and the paper still carries some state, so a
    /// machine without the paper gets it. Done here and not when the mark is made: a bulk tag of 100,000
    /// papers stays as fast as without sync, and the sync pays.
    static func attachMetadata(_ db: Database) throws {
        guard let device = try device(db) else { return }
        try prepare(db)
        try db.execute(sql: """
            INSERT OR IGNORE INTO temp.sync_touched (paper_id, kind)
              SELECT o.id, 'meta' FROM (SELECT DISTINCT json_extract(op, '$.key') AS id FROM sync_outbox WHERE json_extract(op, '$.k') IN ('star', 'read', 'note', 'tag+')) o
              WHERE NOT EXISTS (SELECT 1 FROM sync_register r WHERE r.kind = 'meta' AND r.key = o.id)
                AND o.id IN (\(Store.papersWithUserState))
            """)
        try send(db, stamp: try nextStamp(db, device: device))
    }

    private static func prepare(_ db: Database) throws {
        // `kind`: what of the paper to look at: `star`, `read`, `note` or `tag` (a mark changed), `meta` (its
        // metadata) or `all`; a bulk tag then reads no star or read register.
        try db.emptyTemporaryTable("sync_touched", "paper_id TEXT PRIMARY KEY, kind TEXT NOT NULL")
        try db.emptyTemporaryTable("sync_topics", "name TEXT PRIMARY KEY")
        try db.emptyTemporaryTable("sync_changed", "kind TEXT NOT NULL, key TEXT NOT NULL, value TEXT")
    }

    /// The touched keys whose value differs from their register: an op each, all with `stamp`.
    private static func send(_ db: Database, stamp: String) throws {
        let paperRow = "(SELECT json_remove(\(PaperRecord.asJSON), '$.num') FROM paper WHERE id = x.paper_id)"
        // Per kind: the key, its value now, and the touched keys it is read for.
        let values = [
            ("star", "x.paper_id", "(SELECT starred_at FROM star WHERE paper_id = x.paper_id)", "temp.sync_touched x WHERE x.kind IN ('star', 'all')"),
            ("read", "x.paper_id", "(SELECT read_at FROM read_mark WHERE paper_id = x.paper_id)", "temp.sync_touched x WHERE x.kind IN ('read', 'all')"),
            ("note", "x.paper_id", "(SELECT text FROM note WHERE paper_id = x.paper_id)", "temp.sync_touched x WHERE x.kind IN ('note', 'all')"),
            ("paper", "x.paper_id", paperRow, "temp.sync_touched x WHERE x.kind IN ('meta', 'all')"),
            ("topic", "t.name", "(SELECT json_array(query, created_at) FROM topic WHERE name = t.name)", "temp.sync_topics t"),
        ]
        for (kind, key, value, from) in values {
            try db.execute(sql: """
                INSERT INTO temp.sync_changed (kind, key, value)
                  SELECT '\(kind)', key, v FROM (SELECT \(key) AS key, \(value) AS v FROM \(from)) n
                  WHERE v IS NOT (SELECT value FROM sync_register WHERE kind = '\(kind)' AND key = n.key)
                    AND (v IS NOT NULL OR EXISTS (SELECT 1 FROM sync_register WHERE kind = '\(kind)' AND key = n.key))
                """)
        }
        try db.execute(sql: """
            INSERT INTO sync_register (kind, key, stamp, value) SELECT kind, key, ?1, value FROM temp.sync_changed WHERE true
              ON CONFLICT (kind, key) DO UPDATE SET stamp = excluded.stamp, value = excluded.value
            """, arguments: [stamp])
        // The paper's metadata register keeps the last metadata sent, for a paper that stays for its state.
        try db.execute(sql: """
            INSERT OR REPLACE INTO sync_register (kind, key, stamp, value) SELECT 'meta', key, ?1, value FROM temp.sync_changed
              WHERE kind = 'paper' AND value IS NOT NULL
            """, arguments: [stamp])
        try db.execute(sql: "INSERT INTO sync_outbox (op) SELECT json_object('k', kind, 'key', key, 'v', value, 's', ?1) FROM temp.sync_changed",
                       arguments: [stamp])
        try sendTags(db, stamp: stamp)
    }

    /// A tag on a touched paper with no live dot is an add (a new dot); live dots of a tag the paper no
    /// longer has are a removal of exactly those dots (add-wins: an add this device has not seen stays).
    private static func sendTags(_ db: Database, stamp: String) throws {
        let gone = """
            FROM sync_tag_dot d JOIN temp.sync_touched x ON x.paper_id = d.paper_id AND x.kind IN ('tag', 'all')
            WHERE NOT EXISTS (SELECT 1 FROM tag t WHERE t.paper_id = d.paper_id AND t.name = d.name)
            """
        try db.execute(sql: """
            INSERT INTO sync_outbox (op) SELECT json_object('k', 'tag-', 'key', d.paper_id, 'n', d.name, 'd', json_group_array(d.dot), 's', ?1)
              \(gone) GROUP BY d.paper_id, d.name
            """, arguments: [stamp])
        try db.execute(sql: "INSERT OR IGNORE INTO sync_tag_removed (dot) SELECT d.dot \(gone)")
        try db.execute(sql: "DELETE FROM sync_tag_dot WHERE dot IN (SELECT d.dot \(gone))")
        try db.execute(sql: """
            INSERT INTO sync_tag_dot (paper_id, name, dot, at)
              SELECT t.paper_id, t.name, ?1 || '/' || t.rowid, t.tagged_at FROM tag t JOIN temp.sync_touched x ON x.paper_id = t.paper_id AND x.kind IN ('tag', 'all')
              WHERE NOT EXISTS (SELECT 1 FROM sync_tag_dot d WHERE d.paper_id = t.paper_id AND d.name = t.name)
            """, arguments: [stamp])
        try db.execute(sql: """
            INSERT INTO sync_outbox (op) SELECT json_object('k', 'tag+', 'key', paper_id, 'n', name, 'd', dot, 'at', at, 's', ?1)
              FROM sync_tag_dot WHERE dot > ?1 || '/' AND dot < ?1 || '0'
            """, arguments: [stamp])
    }
}

extension Database {
    /// The temporary table `name`, empty: made on its first use by this connection, emptied after.
    func emptyTemporaryTable(_ name: String, _ columns: String) throws {
        try execute(sql: "CREATE TEMP TABLE IF NOT EXISTS \(name) (\(columns))")
        try execute(sql: "DELETE FROM temp.\(name)")
    }
}
