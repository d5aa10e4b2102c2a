import GRDB

/// Exact matches of a query as a `DocSet`, for a reader that shows a window of a million papers.
/// Words, prefixes and categories come from the search index; tags, stars, read marks and dates from
/// SQL; topics by evaluating their queries (repeated as `TopicSet` does when topics use `topic:`);
/// phrases from the index's candidates, each checked by the matcher. So every query is exact, and the
/// result is what `Query.matches` says of every paper.
/// Not thread-safe; sets are kept until `refresh()` (call it whenever the library may have changed).
public final class QueryResolver {
    let store: Store
    public let index: SearchIndex
    private var cache: [String: DocSet] = [:]
    private var topicList: TopicSet = TopicSet([])
    private var topicSets: [String: DocSet]?

    public init(store: Store, index: SearchIndex? = nil) {
        self.store = store
        self.index = index ?? SearchIndex(store: store)
    }

    /// Forgets every set: the library changed.
    public func refresh() {
        cache = [:]
        topicSets = nil
    }

    public func all() throws -> DocSet { try cached("all") { try index.all() } }

    public func starred() throws -> DocSet {
        try cached("starred") { try nums("SELECT p.num FROM star s JOIN paper p ON p.id = s.paper_id") }
    }

    public func read() throws -> DocSet {
        try cached("read") { try nums("SELECT p.num FROM read_mark r JOIN paper p ON p.id = r.paper_id") }
    }

    public func unread() throws -> DocSet {
        try cached("unread") {
            var set = try all()
            set.subtract(try read())
            return set
        }
    }

    /// Papers carrying the tag `name` exactly.
    public func tagged(_ name: String) throws -> DocSet {
        try cached("tag=" + name) {
            try nums("SELECT p.num FROM tag t JOIN paper p ON p.id = t.paper_id WHERE t.name = ?", [name])
        }
    }

    /// Papers first imported after `moment` (ISO 8601 text, compared as text, as `Paper.isNew` does).
    public func importedAfter(_ moment: String?) throws -> DocSet {
        guard let moment else { return try index.empty() }
        return try cached("new>" + moment) { try nums("SELECT num FROM paper WHERE first_imported_at > ?", [moment]) }
    }

    /// Papers some mute rule matches: the views, counts and lists leave them out (a rule that does not
    /// parse mutes nothing). Every other set here counts them.
    ///
    /// The set is kept in the library while the rules, the index's generation and the day stay the same
    /// (`Store.keptMutedSet`): a phrase or a prefix over authors costs tens of milliseconds at a million
    /// papers, at every start and every change. Rules on stars, read marks, tags or topics are found afresh.
    public func muted() throws -> DocSet {
        try cached("muted") {
            let rules = try store.muteRules()
            guard !rules.isEmpty else { return try index.empty() }
            let queries = rules.compactMap { try? QueryParser.parse($0.query) }
            let key = queries.contains(where: \.dependsOnUserState) ? nil
                : rules.map { "\($0.name)\u{1}\($0.query)" }.joined(separator: "\u{2}") + "|\(try index.generation())|\(QueryContext.now().today)"
            var set = try index.empty()
            if let key, let words = try store.keptMutedSet(key: key), words.count == set.words.count { return DocSet(words: words) }
            for query in queries { set.formUnion(try exact(query)) }
            if let key { try? store.keepMutedSet(key: key, words: set.words) }
            return set
        }
    }

    /// `set` without the muted papers.
    public func unmuted(_ set: DocSet) throws -> DocSet {
        let muted = try muted()
        guard !muted.isEmpty else { return set }
        var visible = set
        visible.subtract(muted)
        return visible
    }

    /// Papers carrying the topic named exactly `name`.
    public func topic(_ name: String) throws -> DocSet {
        try topicMembers()[name] ?? index.empty()
    }

    /// Each topic's papers, by topic name.
    public func topicMembers() throws -> [String: DocSet] {
        if let topicSets { return topicSets }
        topicList = TopicSet(try store.topics())
        var sets: [String: DocSet] = [:]
        let empty = try index.empty()
        for entry in topicList.entries { sets[entry.topic.name] = empty }
        // As `TopicSet.topics(for:)`: one round, or with `topic:` in some query, until nothing changes.
        for _ in 0..<max(topicList.entries.count, 1) {
            var next: [String: DocSet] = [:]
            for entry in topicList.entries {
                var complete = true
                next[entry.topic.name] = try entry.query.map { try exact($0, topics: sets, complete: &complete) } ?? empty
            }
            let changed = next != sets
            sets = next
            if !changed || !topicList.chained { break }
        }
        topicSets = sets
        return sets
    }

    /// Names of the topics holding `num`, sorted (as `Paper.topics`).
    public func topicNames(of num: Int64) throws -> [String] {
        try topicMembers().filter { $0.value.contains(num) }.map(\.key).sorted()
    }

    /// Exactly the papers `query` matches.
    public func exact(_ query: Query) throws -> DocSet {
        try matches(query, checkingAtMost: nil).docs
    }

    /// The papers `query` matches. With `checkingAtMost`, a phrase with more candidates than that is checked
    /// in its newest that many at most (stopping once a hundred match), and the set is the matches among
    /// those (`complete` false): a
    /// phrase of common words has a hundred thousand candidates in a large library, too many to read at
    /// every keystroke. Never a paper that does not match: inside a NOT the phrase is checked whole.
    public func matches(_ query: Query, checkingAtMost budget: Int?) throws -> (docs: DocSet, complete: Bool) {
        var complete = true
        // Topics' sets cost a query each; only `topic:` needs them.
        let docs = try exact(query, topics: query.usesTopics ? try topicMembers() : [:], budget: budget, complete: &complete)
        return (docs, complete)
    }

    private func exact(_ query: Query, topics: [String: DocSet], budget: Int? = nil, complete: inout Bool) throws -> DocSet {
        switch query {
        case .and(let parts):
            var set = try all()
            for part in parts {
                set.formIntersection(try exact(part, topics: topics, budget: budget, complete: &complete))
                if set.isEmpty { break }
            }
            return set
        case .or(let parts):
            var set = try index.empty()
            for part in parts { set.formUnion(try exact(part, topics: topics, budget: budget, complete: &complete)) }
            return set
        case .not(let inner):
            var set = try all()
            set.subtract(try exact(inner, topics: topics, complete: &complete))
            return set
        case .text(let term):
            let (docs, isExact) = try index.evaluate(query)
            if isExact || term.words.isEmpty { return isExact ? docs : try all() }
            guard let budget, docs.count > budget else { return try verified(docs, term) }
            complete = false
            // Newest first, a hundred at a time, until a screen's worth matches or the budget is spent.
            var found = try index.empty()
            let newest = try index.first(budget, of: docs)
            for start in stride(from: 0, to: newest.count, by: 100) where found.count < 100 {
                var chunk = try index.empty()
                for num in newest[start..<min(start + 100, newest.count)] { chunk.insert(UInt32(num)) }
                found.formUnion(try verified(chunk, term))
            }
            return found
        case .filter(let filter):
            return try filterSet(filter, topics: topics)
        }
    }

    private func filterSet(_ filter: Filter, topics: [String: DocSet]) throws -> DocSet {
        switch filter {
        case .category:
            return try index.evaluate(.filter(filter)).docs
        case .starred: return try starred()
        case .read: return try read()
        case .unread: return try unread()
        case .tag(let name):
            let wanted = Self.key(name)
            let names = try store.tagCounts().map(\.name).filter { Self.key($0) == wanted }
            var set = try index.empty()
            for name in names { set.formUnion(try tagged(name)) }
            return set
        case .topic(let name):
            let wanted = Self.key(name)
            var set = try index.empty()
            for (topic, members) in topics where Self.key(topic) == wanted { set.formUnion(members) }
            return set
        case .id(let id):
            return try cached("id=" + id) {
                try nums("SELECT num FROM paper WHERE id = ?1 OR arxiv_id = ?1 OR id = (SELECT paper_id FROM paper_alias WHERE alias = ?1)", [id])
            }
        case .year(let year):
            // `Int(published.prefix(4)) == year` for dates that begin with a four-digit year.
            let low = String(year).count >= 4 ? String(year) : String(repeating: "0", count: 4 - String(year).count) + String(year)
            return try cached("year=\(year)") {
                let keys = (0...9999).contains(year) ? (Int32(year) * 10000, Int32(year) * 10000 + 9999) : (1, 0)
                return try index.published(from: keys.0, through: keys.1)
                    ?? nums("SELECT num FROM paper WHERE published >= ? AND published < ?", [low, low + "\u{10FFFF}"])
            }
        case .after(let date):
            return try cached("after=" + date) {
                try SearchOrder.key(date).flatMap { try index.published(from: $0, through: .max) }
                    ?? nums("SELECT num FROM paper WHERE published >= ?", [date])
            }
        case .before(let date):
            return try cached("before=" + date) {
                try SearchOrder.key(date).flatMap { try index.published(from: .min, through: $0 - 1) }
                    ?? nums("SELECT num FROM paper WHERE published < ?", [date])
            }
        // The rest through the paper table's indexes (`v14-fields-mutes-digests`): each finds its papers alone.
        case .arrivedSince(let moment):
            return try cached(filter.description) { try nums("SELECT num FROM paper WHERE first_imported_at >= ?", [moment]) }
        case .count(let field, let comparison, let bound):
            let column = switch field { case .upvotes: "upvotes"; case .comments: "comment_count"; case .stars: "github_stars" }
            return try cached(filter.description) { try nums("SELECT num FROM paper WHERE \(column) \(comparison.rawValue) ?", [bound]) }
        case .has(.code):
            return try cached(filter.description) { try nums("SELECT num FROM paper WHERE github_repo <> ''") }
        case .has(.doi):
            return try cached(filter.description) { try nums("SELECT num FROM paper WHERE doi <> ''") }
        case .has(.abstract):
            return try cached(filter.description) {
                var set = try all()
                set.subtract(try nums("SELECT num FROM paper WHERE abstract = ''"))
                return set
            }
        case .has(.pdf):
            return try cached(filter.description) { try nums("SELECT p.num FROM pdf_file f JOIN paper p ON p.id = f.paper_id") }
        case .keyword(let words):
            return try cached(filter.description) {
                let term = TextTerm(words: words)
                return try scanned("SELECT num, ai_keywords FROM paper WHERE ai_keywords <> '[]'") { text in
                    StringList.decode(text).contains { term.occurs(in: TextNormalizer.searchWords($0)) }
                }
            }
        // Notes are few (one per paper the user wrote about): read them all.
        case .has(.note):
            return try cached(filter.description) { try nums("SELECT p.num FROM note n JOIN paper p ON p.id = n.paper_id") }
        case .note(let words):
            return try cached(filter.description) {
                let term = TextTerm(words: words)
                return try scanned("SELECT p.num, n.text FROM note n JOIN paper p ON p.id = n.paper_id") {
                    term.occurs(in: TextNormalizer.searchWords($0))
                }
            }
        }
    }

    /// Candidates kept when their text has the term (phrases: the index knows the words, not their order).
    /// Reads only the three text columns, as bytes, a few thousand rows a statement.
    private func verified(_ candidates: DocSet, _ term: TextTerm) throws -> DocSet {
        var set = try index.empty()
        let all = candidates.nums
        let scan = TermScan(term)
        try store.pool.read { db in
            let statement = try RawStatement(db, "SELECT num, title, abstract, authors FROM paper WHERE num IN (SELECT value FROM json_each(?))")
            var start = 0
            while start < all.count {
                let chunk = all[start..<min(start + 2000, all.count)]
                try statement.forEachRow([.text(Store.jsonList(chunk))]) { row in
                    if scan.occurs(title: row.blob(1), abstract: row.blob(2), authors: { StringList.decode(row.text(3)) }) {
                        set.insert(UInt32(row.integer(0)))
                    }
                }
                start += chunk.count
            }
        }
        return set
    }

    private static func key(_ name: String) -> String { TextNormalizer.clean(name).lowercased() }

    private func cached(_ name: String, _ make: () throws -> DocSet) throws -> DocSet {
        if let set = cache[name] { return set }
        let set = try make()
        if cache.count >= 256 { cache = [:] }
        cache[name] = set
        return set
    }

    /// The nums of the rows `sql` gives (a num, then a text) whose text passes `test`.
    private func scanned(_ sql: String, _ test: (String) -> Bool) throws -> DocSet {
        var set = try index.empty()
        try store.pool.read { db in
            let rows = try Row.fetchCursor(db, sql: sql)
            while let row = try rows.next() {
                if test(row[1]) { set.insert(UInt32(row[0] as Int64)) }
            }
        }
        return set
    }

    private func nums(_ sql: String, _ arguments: StatementArguments = []) throws -> DocSet {
        var set = try index.empty()
        try store.pool.read { db in
            let cursor = try Int64.fetchCursor(db, sql: sql, arguments: arguments)
            while let num = try cursor.next() {
                if num >= 0 && num <= Int64(UInt32.max) { set.insert(UInt32(num)) }
            }
        }
        return set
    }
}

extension Store {
    /// Papers by num (topics not filled in), as pairs in the order given; missing nums are skipped.
    public func papers(byNum nums: [Int64]) throws -> [(num: Int64, paper: Paper)] {
        guard !nums.isEmpty else { return [] }
        // One SELECT is atomic by itself: no transaction (and no `query_only` switching) around it, which
        // was most of the cost of reading the dozen rows a scroll step needs.
        let byNum = try pool.unsafeRead { db in
            let statement = try db.cachedStatement(sql: "SELECT \(Store.paperColumns) WHERE p.num IN (SELECT value FROM json_each(?))")
            let indexes = IndexedRow.indexes(statement)
            let rows = try Row.fetchCursor(statement, arguments: [Store.jsonList(nums)])
            var byNum: [Int64: Paper] = [:]
            while let row = try rows.next() {
                let columns = IndexedRow(row: row, indexes: indexes)
                byNum[columns["num"]] = Store.paper(from: columns)
            }
            return byNum
        }
        return nums.compactMap { num in byNum[num].map { (num, $0) } }
    }
}
