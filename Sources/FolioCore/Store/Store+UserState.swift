import Foundation
import GRDB

/// Stars, tags and read marks: each call is one transaction and one journal entry (`Journal.swift`),
/// committed before it returns.
extension Store {
    /// Returns how many papers changed.
    @discardableResult
    public func setStarred(_ ids: [String], _ starred: Bool) throws -> Int {
        try setStarredChanging(ids, starred).count
    }

    /// `setStarred`, returning the ids whose star changed.
    public func setStarredChanging(_ ids: [String], _ starred: Bool) throws -> Set<String> {
        try setMark(table: "star", column: "starred_at", ids: ids, on: starred) { ChangeWords.starred(starred, $0) }
    }

    @discardableResult
    public func setRead(_ ids: [String], _ read: Bool) throws -> Int {
        try setReadChanging(ids, read).count
    }

    /// `setRead`, returning the ids whose mark changed.
    public func setReadChanging(_ ids: [String], _ read: Bool) throws -> Set<String> {
        try setMark(table: "read_mark", column: "read_at", ids: ids, on: read) { ChangeWords.read(read, $0) }
    }

    /// Stars and read marks are the same shape: a row with its time means "on". Returns the ids changed.
    /// One statement for all the papers: the journal's rows say which changed.
    private func setMark(table: String, column: String, ids: [String], on: Bool, summary: (Int) -> String) throws -> Set<String> {
        try journaled({ db in
            let list = try Store.jsonList(ids)
            if on {
                try db.execute(sql: "INSERT OR IGNORE INTO \(table) (paper_id, \(column)) SELECT value, ? FROM json_each(?)",
                               arguments: [Timestamp.now(), list])
            } else {
                try db.execute(sql: "DELETE FROM \(table) WHERE paper_id IN (SELECT value FROM json_each(?))", arguments: [list])
            }
            return Set(try String.fetchAll(db, sql: "SELECT paper_id FROM journal_change WHERE entry = (SELECT entry FROM journal_recording)"))
        }, summary: { summary($0.count) })
    }

    /// `ids` as a JSON array, for `json_each`: a whole list bound as one argument.
    static func jsonList(_ ids: [String]) throws -> String {
        String(decoding: try JSONEncoder().encode(ids), as: UTF8.self)
    }

    /// Paper numbers as a JSON array, for `json_each`.
    static func jsonList<Nums: Sequence>(_ nums: Nums) -> String where Nums.Element: BinaryInteger {
        "[" + nums.map { String($0) }.joined(separator: ",") + "]"
    }

    /// A tag name as stored: cleaned white space; empty names and commas are refused.
    public static func tagName(_ raw: String) throws -> String {
        let name = TextNormalizer.clean(raw)
        guard !name.isEmpty else { throw LibraryError("a tag name cannot be empty") }
        guard !name.contains(",") else { throw LibraryError("a tag name cannot contain a comma: \(name)") }
        return name
    }

    /// How many papers a tag change touched, and how many tags it added or removed in all.
    public struct TagChange: Sendable, Equatable {
        public var papers = 0
        public var tags = 0
    }

    /// Adds the tags to every paper of `ids`.
    @discardableResult
    public func addTags(_ names: [String], to ids: [String]) throws -> TagChange {
        let sql = "INSERT OR IGNORE INTO tag (paper_id, name, tagged_at) SELECT value, ?, ? FROM json_each(?)"
        return try changeTags(names, ids, adding: true, sql: sql) { list, name, time in [name, time, list] }
    }

    /// Removes the tags from every paper of `ids`.
    @discardableResult
    public func removeTags(_ names: [String], from ids: [String]) throws -> TagChange {
        let sql = "DELETE FROM tag WHERE name = ? AND paper_id IN (SELECT value FROM json_each(?))"
        return try changeTags(names, ids, adding: false, sql: sql) { list, name, _ in [name, list] }
    }

    /// One paper: returns how many of the tags it gained.
    @discardableResult
    public func addTags(_ names: [String], to id: String) throws -> Int { try addTags(names, to: [id]).tags }

    /// One paper: returns how many of the tags it lost.
    @discardableResult
    public func removeTags(_ names: [String], from id: String) throws -> Int { try removeTags(names, from: [id]).tags }

    /// `sql` once per tag name, for all the papers at once, with the `arguments` made of the ids (a JSON
    /// list), the name and the time.
    private func changeTags(_ names: [String], _ ids: [String], adding: Bool, sql: String,
                            arguments: (String, String, String) -> StatementArguments) throws -> TagChange {
        let clean = try names.map(Store.tagName)
        return try journaled({ db -> (change: TagChange, names: [String]) in
            var spellings = try TagSpelling(db)
            var spelled: [String] = []
            for name in clean.map({ spellings.spelling(of: $0) }) where !spelled.contains(name) { spelled.append(name) }
            let list = try Store.jsonList(ids), time = Timestamp.now()
            var change = TagChange()
            for name in spelled {
                try db.execute(sql: sql, arguments: arguments(list, name, time))
                change.tags += db.changesCount
            }
            change.papers = try Int.fetchOne(db, sql: """
                SELECT count(DISTINCT paper_id) FROM journal_change WHERE entry = (SELECT entry FROM journal_recording)
                """) ?? 0
            return (change, spelled)
        }, summary: { ChangeWords.tagged(adding, $0.change.papers, $0.names) }).change
    }

    /// Renames a tag on every paper that has it, merging into `new` when that tag exists (a paper with
    /// both keeps one). Returns how many papers have `old` (none: there is no such tag).
    @discardableResult
    public func renameTag(_ old: String, to new: String) throws -> Int {
        let (oldName, newName) = (try Store.tagName(old), try Store.tagName(new))
        return try journaled({ db -> (papers: Int, from: String, to: String) in
            var spellings = try TagSpelling(db)
            let from = spellings.spelling(of: oldName)
            // Only the case changes: the new spelling is the point.
            let to = TagSpelling.key(oldName) == TagSpelling.key(newName) ? newName : spellings.spelling(of: newName)
            let papers = try Int.fetchOne(db, sql: "SELECT count(*) FROM tag WHERE name = ?", arguments: [from]) ?? 0
            guard from != to else { return (papers, from, to) }
            try db.execute(sql: "UPDATE OR IGNORE tag SET name = ? WHERE name = ?", arguments: [to, from])
            try db.execute(sql: "DELETE FROM tag WHERE name = ?", arguments: [from])
            return (papers, from, to)
        }, summary: { ChangeWords.renamedTag($0.from, to: $0.to, $0.papers) }).papers
    }

    /// Removes a tag from every paper; returns how many papers lost it.
    @discardableResult
    public func deleteTag(_ name: String) throws -> Int {
        let clean = try Store.tagName(name)
        return try journaled({ db -> (papers: Int, name: String) in
            var spellings = try TagSpelling(db)
            let spelled = spellings.spelling(of: clean)
            try db.execute(sql: "DELETE FROM tag WHERE name = ?", arguments: [spelled])
            return (db.changesCount, spelled)
        }, summary: { "deleted tag \($0.name) from \(papersCount($0.papers))" }).papers
    }

    public func topics() throws -> [Topic] { try savedQueries(in: "topic") }

    /// The rows of `topic` or `mute_rule`, by name.
    func savedQueries(in table: String) throws -> [Topic] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM \(table) ORDER BY name").map {
                Topic(name: $0["name"], query: $0["query"], createdAt: $0["created_at"])
            }
        }
    }
}

/// Saved queries. The query text is kept as typed; callers check it parses before saving.
extension Store {
    public static func topicName(_ raw: String) throws -> String { try savedQueryName(raw, called: "a topic name") }

    /// `raw` cleaned, when it can name a topic or a mute rule (`noun`, for the messages).
    static func savedQueryName(_ raw: String, called noun: String) throws -> String {
        let name = TextNormalizer.clean(raw)
        guard !name.isEmpty else { throw LibraryError("\(noun) cannot be empty") }
        guard name.count <= 100 else { throw LibraryError("\(noun) is at most 100 characters") }
        return name
    }

    /// Adds a topic, or changes the query of an existing one.
    public func saveTopic(name raw: String, query: String) throws {
        let name = try Store.topicName(raw)
        try journaled({ db -> Bool in
            let existed = try Bool.fetchOne(db, sql: "SELECT 1 FROM topic WHERE name = ?", arguments: [name]) ?? false
            try db.execute(sql: """
                INSERT INTO topic (name, query, created_at) VALUES (?, ?, ?)
                ON CONFLICT(name) DO UPDATE SET query = excluded.query
                """, arguments: [name, query, Timestamp.now()])
            return existed
        }, summary: { "\($0 ? "changed" : "saved") topic \(name): \(query)" })
    }

    /// Returns whether a topic of that name existed.
    @discardableResult
    public func removeTopic(name raw: String) throws -> Bool {
        let name = TextNormalizer.clean(raw)
        return try journaled({ db in
            try db.execute(sql: "DELETE FROM topic WHERE name = ?", arguments: [name])
            return db.changesCount > 0
        }, summary: { _ in "deleted topic \(name)" })
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
