import Foundation
import GRDB

/// A saved query whose papers are left out of every view, count, topic and list: named, with its query
/// as typed (a rule that no longer parses mutes nothing), as a topic is.
public typealias MuteRule = Topic

/// Mute rules. The query text is kept as typed; callers check it parses before saving.
extension Store {
    public func muteRules() throws -> [MuteRule] { try savedQueries(in: "mute_rule") }

    /// Adds a rule, or changes the query of one of that name; returns whether one existed.
    @discardableResult
    public func saveMuteRule(name raw: String, query: String) throws -> Bool {
        let name = try Store.savedQueryName(raw, called: "a mute rule's name")
        return try pool.write { db in
            let existed = try Bool.fetchOne(db, sql: "SELECT 1 FROM mute_rule WHERE name = ?", arguments: [name]) ?? false
            try db.execute(sql: """
                INSERT INTO mute_rule (name, query, created_at) VALUES (?, ?, ?)
                ON CONFLICT(name) DO UPDATE SET query = excluded.query
                """, arguments: [name, query, Timestamp.now()])
            return existed
        }
    }

    /// The muted papers' bitmap (`DocSet`'s words) kept under `key` (`QueryResolver.muted`), or nil when
    /// another key is kept.
    func keptMutedSet(key: String) throws -> [UInt64]? {
        try pool.read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT nums FROM mute_cache WHERE id = 1 AND key = ?", arguments: [key]) else { return nil }
            let bytes: Data = row["nums"]
            return bytes.withUnsafeBytes { raw in
                (0..<(raw.count / 8)).map { UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 8, as: UInt64.self)) }
            }
        }
    }

    func keepMutedSet(key: String, words: [UInt64]) throws {
        let bytes = words.map(\.littleEndian).withUnsafeBytes { Data($0) }
        try pool.write { db in
            try db.execute(sql: "INSERT OR REPLACE INTO mute_cache (id, key, nums) VALUES (1, ?, ?)", arguments: [key, bytes])
        }
    }

    /// Returns whether a rule of that name existed.
    @discardableResult
    public func removeMuteRule(name raw: String) throws -> Bool {
        let name = TextNormalizer.clean(raw)
        return try pool.write { db in
            try db.execute(sql: "DELETE FROM mute_rule WHERE name = ?", arguments: [name])
            return db.changesCount > 0
        }
    }
}
