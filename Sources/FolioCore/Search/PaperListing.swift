import GRDB

/// The CLI's lists (`list`, `export`, `topic show`) through the search index, as the reader does: a
/// filter's exact set from `QueryResolver`, ordered by the index's date order (or by SQL for titles),
/// then only the rows listed are read, a chunk at a time, their topics taken from each topic's set
/// (computed once) instead of running every topic's query on every paper.
/// Not thread-safe (it holds a `QueryResolver`).
public struct PaperListing {
    public let store: Store
    public let resolver: QueryResolver

    /// Rows read per SELECT: bounds the `json_each` list and the papers held at once while streaming.
    static let chunk = 2000

    public init(store: Store, resolver: QueryResolver? = nil) {
        self.store = store
        self.resolver = resolver ?? QueryResolver(store: store)
    }

    /// Exactly the papers `filter` selects (its limit and order aside).
    public func docs(_ filter: PaperFilter) throws -> DocSet {
        var docs = try filter.query.map { try resolver.exact($0) } ?? resolver.all()
        if filter.starredOnly { docs.formIntersection(try resolver.starred()) }
        if filter.unreadOnly { docs.formIntersection(try resolver.unread()) }
        if let tag = filter.tag { docs.formIntersection(try resolver.tagged(tag)) }
        return filter.includeMuted ? docs : try resolver.unmuted(docs)
    }

    /// The nums of `docs` in `sort` order, at most `limit`: `Store.papers`'s order. Newest first (the
    /// index's date order is the same ORDER BY); by title; most upvoted first; or, for a `query`, by
    /// `Relevance` (with no query, newest first). Ties keep the date order.
    public func nums(_ docs: DocSet, sort: PaperSort, query: Query? = nil, limit: Int?) throws -> [Int64] {
        let wanted = min(limit ?? Int.max, docs.count)
        guard wanted > 0 else { return [] }
        switch sort {
        case .date:
            return try resolver.index.first(wanted, of: docs)
        case .relevance:
            guard let query else { return try resolver.index.first(wanted, of: docs) }
            return try Relevance.order(docs, query: query, index: resolver.index, limit: wanted)
        case .title, .upvotes:
            // A short list of nums goes to SQL, else rows are skipped.
            let listed = docs.count <= Store.candidatesListedInSQL
            let whereSQL = listed ? "WHERE num IN (SELECT value FROM json_each(?))" : ""
            let arguments: StatementArguments = listed ? [Store.jsonList(docs.nums)] : []
            return try store.pool.read { db in
                let cursor = try Int64.fetchCursor(db, sql: "SELECT num FROM paper \(whereSQL) \(Store.orderBy(sort))", arguments: arguments)
                var out: [Int64] = []
                while out.count < wanted, let num = try cursor.next() {
                    if docs.contains(num) { out.append(num) }
                }
                return out
            }
        }
    }

    /// Calls `body` with the papers `nums` name, in that order; `topics` filled in when `withTopics`
    /// (text output does not show them, so it skips computing the topics' sets).
    public func forEach(_ nums: [Int64], withTopics: Bool, _ body: (Paper) throws -> Void) throws {
        let topics = withTopics ? try resolver.topicMembers().sorted { $0.key < $1.key } : []
        var start = 0
        while start < nums.count {
            let part = Array(nums[start..<min(start + Self.chunk, nums.count)])
            for (num, paper) in try store.papers(byNum: part) {
                var paper = paper
                // Sorted names, as `TopicSet.topics(for:)` gives them.
                paper.topics = topics.filter { $0.value.contains(num) }.map(\.key)
                try body(paper)
            }
            start += part.count
        }
    }

    /// `filter`'s papers in its order, streamed.
    public func forEach(_ filter: PaperFilter, withTopics: Bool, _ body: (Paper) throws -> Void) throws {
        try forEach(try nums(try docs(filter), sort: filter.sort, query: filter.query, limit: filter.limit), withTopics: withTopics, body)
    }
}
