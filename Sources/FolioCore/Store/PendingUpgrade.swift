import GRDB

/// Work a migration marked in `pending_upgrade` because it needs the app's code, which a migration must not
/// call: done by the Folio that opens the library, after the migrations, in one transaction. A library
/// killed in between keeps the mark and is upgraded at its next open.
enum PendingUpgrade {
    static func run(_ queue: DatabaseQueue) throws {
        let tasks = try queue.read { db -> Set<String> in
            guard try db.tableExists("pending_upgrade") else { return [] }
            return try Set(String.fetchAll(db, sql: "SELECT task FROM pending_upgrade"))
        }
        guard !tasks.isEmpty else { return }
        try queue.write { db in
            // Hashes first: the index is rebuilt from the papers as they are.
            if tasks.contains("title-keys") { try remakeTitleKeys(db) }
            if tasks.contains("title-hashes") { try fillTitleHashes(db) }
            if tasks.contains("rebuild-search-index") { try SearchIndexWriter.rebuild(db) }
            if tasks.contains("merge-tag-spellings") { try TagSpelling.mergeSpellings(db) }
            try db.execute(sql: "DELETE FROM pending_upgrade")
        }
    }

    /// Title keys made again by today's `TextNormalizer.titleKey` (its folding changed), with their hashes.
    private static func remakeTitleKeys(_ db: Database) throws {
        let update = try db.makeStatement(sql: "UPDATE paper SET title_key = ?, title_hash = ? WHERE num = ?")
        let rows = try Row.fetchCursor(db, sql: "SELECT num, title FROM paper")
        while let row = try rows.next() {
            let key = TextNormalizer.titleKey(row["title"])
            try update.execute(arguments: [key, PaperRecord.titleHash(key), row["num"] as Int64])
        }
    }

    private static func fillTitleHashes(_ db: Database) throws {
        let update = try db.makeStatement(sql: "UPDATE paper SET title_hash = ? WHERE num = ?")
        let rows = try Row.fetchCursor(db, sql: "SELECT num, title_key FROM paper")
        while let row = try rows.next() {
            try update.execute(arguments: [PaperRecord.titleHash(row["title_key"]), row["num"] as Int64])
        }
    }
}
