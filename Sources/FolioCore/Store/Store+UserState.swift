import Foundation
import GRDB

/// Stars, tags and read marks: each call is one transaction, committed before it returns.
extension Store {
    /// Returns how many papers changed.
    @discardableResult
    public func setStarred(_ ids: [String], _ starred: Bool) throws -> Int {
        try setMark(table: "star", column: "starred_at", ids: ids, on: starred).count
    }

    @discardableResult
    public func setRead(_ ids: [String], _ read: Bool) throws -> Int {
        try setReadChanging(ids, read).count
    }

    /// `setRead`, returning the ids whose mark changed.
    public func setReadChanging(_ ids: [String], _ read: Bool) throws -> Set<String> {
        try setMark(table: "read_mark", column: "read_at", ids: ids, on: read)
    }

    /// Stars and read marks are the same shape: a row with its time means "on". Returns the ids changed.
    private func setMark(table: String, column: String, ids: [String], on: Bool) throws -> Set<String> {
        try pool.write { db in
            var changed: Set<String> = []
            for id in ids {
                if on {
                    try db.execute(sql: "INSERT OR IGNORE INTO \(table) (paper_id, \(column)) VALUES (?, ?)", arguments: [id, Timestamp.now()])
                } else {
                    try db.execute(sql: "DELETE FROM \(table) WHERE paper_id = ?", arguments: [id])
                }
                if db.changesCount > 0 { changed.insert(id) }
            }
            return changed
        }
    }

    /// A tag name as stored: cleaned white space; empty names and commas are refused.
    public static func tagName(_ raw: String) throws -> String {
        let name = TextNormalizer.clean(raw)
        guard !name.isEmpty else { throw LibraryError("a tag name cannot be empty") }
        guard !name.contains(",") else { throw LibraryError("a tag name cannot contain a comma: \(name)") }
        return name
    }

    @discardableResult
    public func addTags(_ names: [String], to id: String) throws -> Int {
        let clean = try names.map(Store.tagName)
        return try pool.write { db in
            var spellings = try TagSpelling(db)
            return try clean.reduce(0) { changed, name in
                try db.execute(sql: "INSERT OR IGNORE INTO tag (paper_id, name, tagged_at) VALUES (?, ?, ?)",
                               arguments: [id, spellings.spelling(of: name), Timestamp.now()])
                return changed + db.changesCount
            }
        }
    }

    @discardableResult
    public func removeTags(_ names: [String], from id: String) throws -> Int {
        let clean = try names.map(Store.tagName)
        return try pool.write { db in
            var spellings = try TagSpelling(db)
            return try clean.reduce(0) { changed, name in
                try db.execute(sql: "DELETE FROM tag WHERE paper_id = ? AND name = ?", arguments: [id, spellings.spelling(of: name)])
                return changed + db.changesCount
            }
        }
    }

    public func topics() throws -> [Topic] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM topic ORDER BY name").map {
                Topic(name: $0["name"], query: $0["query"], createdAt: $0["created_at"])
            }
        }
    }
}

/// Saved queries. The query text is kept as typed; callers check it parses before saving.
extension Store {
    public static func topicName(_ raw: String) throws -> String {
        let name = TextNormalizer.clean(raw)
        guard !name.isEmpty else { throw LibraryError("a topic name cannot be empty") }
        guard name.count <= 100 else { throw LibraryError("a topic name is at most 100 characters") }
        return name
    }

    /// Adds a topic, or changes the query of an existing one.
    public func saveTopic(name raw: String, query: String) throws {
        let name = try Store.topicName(raw)
        try pool.write { db in
            try db.execute(sql: """
                INSERT INTO topic (name, query, created_at) VALUES (?, ?, ?)
                ON CONFLICT(name) DO UPDATE SET query = excluded.query
                """, arguments: [name, query, Timestamp.now()])
        }
    }

    /// Returns whether a topic of that name existed.
    @discardableResult
    public func removeTopic(name raw: String) throws -> Bool {
        let name = TextNormalizer.clean(raw)
        return try pool.write { db in
            try db.execute(sql: "DELETE FROM topic WHERE name = ?", arguments: [name])
            return db.changesCount > 0
        }
    }
}

/// The reader's prompt history: entries per kind (`filter`, `tags`), oldest first.
extension Store {
    public func promptHistory() throws -> [String: [String]] {
        try pool.read { db in
            var history: [String: [String]] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT kind, text FROM prompt_history ORDER BY seq") {
                history[row["kind"], default: []].append(row["text"])
            }
            return history
        }
    }

    /// `text` becomes the newest entry of `kind` (an earlier copy moves up); only the newest `keeping` stay.
    public func remember(_ text: String, in kind: String, keeping: Int) throws {
        try pool.write { db in
            try db.execute(sql: "DELETE FROM prompt_history WHERE kind = ? AND text = ?", arguments: [kind, text])
            try db.execute(sql: "INSERT INTO prompt_history (kind, text) VALUES (?, ?)", arguments: [kind, text])
            try db.execute(sql: """
                DELETE FROM prompt_history WHERE kind = ? AND seq NOT IN
                  (SELECT seq FROM prompt_history WHERE kind = ? ORDER BY seq DESC LIMIT ?)
                """, arguments: [kind, kind, keeping])
        }
    }
}

/// Tags are one per name whatever its case (`ML` and `ml` are one tag), written as the library first
/// spelled it: a name given in another case takes the spelling already there.
struct TagSpelling {
    private var known: [String: String] = [:]

    static func key(_ name: String) -> String { name.lowercased() }

    /// The library's spellings, the earliest tagged first.
    init(_ db: Database) throws {
        for name in try TagSpelling.names(db) { _ = spelling(of: name) }
    }

    private init() {}

    /// Every spelling in the library, the earliest tagged first.
    private static func names(_ db: Database) throws -> [String] {
        try String.fetchAll(db, sql: "SELECT name FROM tag GROUP BY name ORDER BY min(tagged_at), name")
    }

    /// `name` as the library spells it; a new name is spelled as given from now on.
    mutating func spelling(of name: String) -> String {
        if let spelled = known[TagSpelling.key(name)] { return spelled }
        known[TagSpelling.key(name)] = name
        return name
    }

    /// Tags of one name in several cases, made before tags ignored case, become the first spelling;
    /// a paper that had two of them keeps one.
    static func mergeSpellings(_ db: Database) throws {
        var spellings = TagSpelling()
        for name in try names(db) {
            let spelled = spellings.spelling(of: name)
            guard spelled != name else { continue }
            try db.execute(sql: "UPDATE OR IGNORE tag SET name = ? WHERE name = ?", arguments: [spelled, name])
            try db.execute(sql: "DELETE FROM tag WHERE name = ?", arguments: [name])
        }
    }
}
