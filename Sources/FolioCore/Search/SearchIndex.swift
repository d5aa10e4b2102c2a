import GRDB

/// Reads the persistent search index: which papers a query can match, and the newest of them first.
/// Not thread-safe: it keeps the date order and recent terms' sets between calls, reloaded when an
/// import changes the index.
public final class SearchIndex {
    let store: Store
    private var loaded: LoadedIndex?
    /// Sets of recently evaluated words (typing re-reads the same words at every keystroke).
    private var recent: [String: DocSet] = [:]

    public init(store: Store) {
        self.store = store
    }

    /// Papers the query may match, a superset of the true matches (the matcher decides the rest);
    /// nil when the query has no text or category terms to narrow by.
    public func candidates(for query: Query) throws -> DocSet? {
        try store.pool.read { db in try candidates(for: query, db) }
    }

    /// The matches themselves when the index alone decides the query (`exact`), else a superset.
    public func evaluate(_ query: Query) throws -> (docs: DocSet, exact: Bool) {
        try store.pool.read { db in
            let bounds = try self.bounds(query, db)
            return (bounds.upper, bounds.exact)
        }
    }

    func candidates(for query: Query, _ db: Database) throws -> DocSet? {
        guard query.narrowsByIndex else { return nil }
        return try bounds(query, db).upper
    }

    /// Every paper in the library.
    public func all() throws -> DocSet {
        try store.pool.read { db in try load(db).all }
    }

    /// The first `n` nums of `docs` in date order, newest first, without sorting them all.
    public func first(_ n: Int, of docs: DocSet) throws -> [Int64] {
        let index = try store.pool.read { db in try load(db) }
        return index.first(n, of: docs)
    }

    /// Forgets the sets of recent words (so a benchmark measures reading them).
    public static func forgetRecentSets(_ index: SearchIndex) {
        index.recent = [:]
    }

    func loadedIndex() throws -> LoadedIndex {
        try store.pool.read { db in try load(db) }
    }

    /// Papers published from `low` through `high` (`YYYYMMDD`), from the date order; nil when the
    /// library has dates of other shapes (the caller asks SQLite).
    public func published(from low: Int32, through high: Int32) throws -> DocSet? {
        try loadedIndex().published(from: low, through: high)
    }

    /// Changes whenever the index or the date order is written: what is computed from the papers' words
    /// can be kept while it stays.
    public func generation() throws -> Int64 {
        try loadedIndex().generation
    }

    /// An empty set sized for this library's nums.
    public func empty() throws -> DocSet {
        try loadedIndex().empty
    }

    /// The set of these nums, sized for this library's.
    public func set(of nums: [Int64]) throws -> DocSet {
        var set = try empty()
        for num in nums where num >= 0 && num <= UInt32.max { set.insert(UInt32(num)) }
        return set
    }

    /// Takes `other`'s date order and segments when it has a later generation loaded (generations only
    /// grow); the next read still checks the library's. Neither index may be in use on another thread.
    func adopt(from other: SearchIndex) {
        guard let theirs = other.loaded, theirs.generation > loaded?.generation ?? .min else { return }
        loaded = theirs
        recent = [:]
    }

    private func load(_ db: Database) throws -> LoadedIndex {
        let generation = try Int64.fetchOne(db, sql: "SELECT generation FROM search_order WHERE id = 1") ?? 0
        if let loaded, loaded.generation == generation { return loaded }
        let index = try LoadedIndex(db, generation: generation)
        loaded = index
        recent = [:]
        return index
    }

    // MARK: Bounds

    /// A subset and a superset of a query's matches. Text and category terms are exact (`lower` is
    /// `upper`); phrases of several words and other filters are not, so NOT and OR stay correct.
    struct Bounds {
        var upper: DocSet
        var lower: DocSet
        var exact: Bool { upper == lower }
    }

    func bounds(_ query: Query, _ db: Database) throws -> Bounds {
        let index = try load(db)
        switch query {
        case .and(let parts):
            return try combine(parts, from: index.all, db) { $0.formIntersection($1) }
        case .or(let parts):
            return try combine(parts, from: index.empty, db) { $0.formUnion($1) }
        case .not(let inner):
            let inner = try bounds(inner, db)
            var upper = index.all, lower = index.all
            upper.subtract(inner.lower)
            lower.subtract(inner.upper)
            return Bounds(upper: upper, lower: lower)
        case .text(let term):
            return try textBounds(term, index, db)
        case .filter(.category(let name)):
            let set = try categorySet(name, index, db)
            return Bounds(upper: set, lower: set)
        case .filter:
            return Bounds(upper: index.all, lower: index.empty)
        }
    }

    /// Both bounds of AND (intersection) or OR (union) are the same operation on the parts' bounds.
    private func combine(_ parts: [Query], from start: DocSet, _ db: Database, _ operation: (inout DocSet, DocSet) -> Void) throws -> Bounds {
        var result = Bounds(upper: start, lower: start)
        for part in parts {
            let next = try bounds(part, db)
            operation(&result.upper, next.upper)
            operation(&result.lower, next.lower)
        }
        return result
    }

    private func textBounds(_ term: TextTerm, _ index: LoadedIndex, _ db: Database) throws -> Bounds {
        let fields = term.field.map { [SearchKey.field($0)] } ?? SearchKey.textFields
        if term.words.count == 1 {
            let set = try wordSet(term.words[0], prefix: term.prefix, fields: fields, index, db)
            return Bounds(upper: set, lower: set)
        }
        // A phrase: papers with all its words, each in any of the fields; that they are adjacent in one
        // field is for the matcher to check. The sets are the single words' (read once, and already read
        // while the phrase was typed); intersecting field by field read three sets a word.
        var upper = index.all
        for (i, word) in term.words.enumerated() where !upper.isEmpty {
            upper.formIntersection(try wordSet(word, prefix: term.prefix && i == term.words.count - 1, fields: fields, index, db))
        }
        return Bounds(upper: upper, lower: index.empty)
    }

    private func categorySet(_ name: String, _ index: LoadedIndex, _ db: Database) throws -> DocSet {
        let wanted = name.lowercased()
        if wanted.hasSuffix(".*") {
            let archive = String(wanted.dropLast())
            return try cachedSet("c*" + archive, index) {
                try index.union(db, field: SearchKey.category, wordsBeginning: archive)
            }
        }
        return try cachedSet("c=" + wanted, index) { try index.union(db, keys: [SearchKey.category(wanted)]) }
    }

    /// Papers with `word` (or, with `prefix`, a word it begins) in `field`: relevance weighs fields apart.
    func fieldSet(_ word: String, prefix: Bool, field: TextField) throws -> DocSet {
        try store.pool.read { db in try wordSet(word, prefix: prefix, fields: [SearchKey.field(field)], try load(db), db) }
    }

    /// Papers with `word` (or, with `prefix`, a word it begins) in one of `fields`.
    private func wordSet(_ word: String, prefix: Bool, fields: [String], _ index: LoadedIndex, _ db: Database) throws -> DocSet {
        let name = (prefix ? "p" : "w") + fields.joined() + ":" + word
        return try cachedSet(name, index) {
            let length = word.unicodeScalars.count
            if !prefix {
                return try index.union(db, keys: fields.map { SearchKey.word($0, word) })
            } else if length <= 2 {
                return try index.union(db, keys: fields.map { SearchKey.prefix($0, word, length: length) })
            }
            var set = index.empty
            for field in fields {
                set.formUnion(try index.union(db, field: field, wordsBeginning: word))
            }
            return set
        }
    }

    private func cachedSet(_ name: String, _ index: LoadedIndex, _ make: () throws -> DocSet) throws -> DocSet {
        if let set = recent[name] { return set }
        let set = try make()
        if recent.count >= 64 { recent.removeAll() }
        recent[name] = set
        return set
    }
}

extension Query {
    /// Whether some text or category term can narrow the candidates.
    var narrowsByIndex: Bool {
        switch self {
        case .and(let parts), .or(let parts): parts.contains { $0.narrowsByIndex }
        case .not(let inner): inner.narrowsByIndex
        case .text, .filter(.category): true
        case .filter: false
        }
    }
}
