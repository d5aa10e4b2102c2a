import Foundation
import GRDB

/// Which papers to list.
public struct PaperFilter: Sendable, Equatable {
    /// A query in Folio's query language.
    public var query: Query?
    public var starredOnly = false
    public var unreadOnly = false
    public var tag: String?
    public var limit: Int?
    public var sort: PaperSort = .date
    /// False: papers a mute rule matches are left out, as the reader and `folio list` leave them.
    public var includeMuted = true

    public init(query: Query? = nil, starredOnly: Bool = false, unreadOnly: Bool = false, tag: String? = nil, limit: Int? = nil, sort: PaperSort = .date,
                includeMuted: Bool = true) {
        self.includeMuted = includeMuted
        self.query = query
        self.starredOnly = starredOnly
        self.unreadOnly = unreadOnly
        self.tag = tag
        self.limit = limit
        self.sort = sort
    }
}

public struct LibraryStats: Sendable, Equatable {
    public var papers: Int
    public var withArxivID: Int
    public var starred: Int
    public var read: Int
    public var tags: Int
    public var topics: Int
    public var oldest: String?
    public var newest: String?
}

extension Store {
    static let paperColumns = """
        p.*, s.starred_at, r.read_at, (SELECT text FROM note n WHERE n.paper_id = p.id) AS note_text,
        (SELECT json_group_array(name) FROM (SELECT name FROM tag t WHERE t.paper_id = p.id ORDER BY name)) AS tag_names,
        (SELECT json_group_array(alias) FROM paper_alias a WHERE a.paper_id = p.id) AS alias_names,
        (SELECT path FROM pdf_file f WHERE f.paper_id = p.id) AS pdf_path
        FROM paper p LEFT JOIN star s ON s.paper_id = p.id LEFT JOIN read_mark r ON r.paper_id = p.id
        """

    /// Up to this many candidates are handed to SQLite; more are skipped row by row.
    static let candidatesListedInSQL = 100_000

    static func paper(from row: some ColumnSource) -> Paper {
        Paper(
            id: row[.id], metadata: PaperRecord.metadata(from: row),
            firstSource: row[.firstSource], firstImportedAt: row[.firstImportedAt],
            lastSource: row[.lastSource], lastImportedAt: row[.lastImportedAt],
            starredAt: row["starred_at"], readAt: row["read_at"], tags: StringList.decode(row["tag_names"]),
            aliases: StringList.decode(row["alias_names"]), note: row["note_text"], pdfFile: row["pdf_path"])
    }

    /// Newest first by default; papers of one day keep the order their source gave them. Topics filled in.
    public func papers(_ filter: PaperFilter = PaperFilter()) throws -> [Paper] {
        try papers(filter, usingIndex: true)
    }

    /// `usingIndex` true: exact sets and topics' sets from the search index (`PaperListing`); false: the
    /// query's matcher and every topic's query run on each paper, the definition tests compare it with.
    func papers(_ filter: PaperFilter, usingIndex: Bool) throws -> [Paper] {
        if usingIndex {
            var out: [Paper] = []
            try PaperListing(store: self).forEach(filter, withTopics: true) { out.append($0) }
            return out
        }
        var clauses: [String] = []
        var arguments: StatementArguments = []
        if filter.starredOnly { clauses.append("s.starred_at IS NOT NULL") }
        if filter.unreadOnly { clauses.append("r.read_at IS NULL") }
        if let tag = filter.tag {
            clauses.append("EXISTS (SELECT 1 FROM tag t2 WHERE t2.paper_id = p.id AND t2.name = ?)")
            arguments += [tag]
        }
        let order = Store.orderBy(filter.sort == .relevance ? .date : filter.sort, table: "p.")
        // The query runs in Swift on each row, so LIMIT applies after it.
        let limitSQL = (filter.query == nil && filter.limit != nil) ? "LIMIT \(filter.limit!)" : ""
        let topicSet = TopicSet(try topics())
        let muting = filter.includeMuted ? [] : try muteRules().compactMap { try? QueryParser.parse($0.query) }
        let sql = "SELECT \(Store.paperColumns) \(clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND ")) \(order) \(limitSQL)"
        let sqlArguments = arguments
        let listed = try pool.read { db in
            let rows = try Row.fetchCursor(db, sql: sql, arguments: sqlArguments)
            var out: [Paper] = []
            while let row = try rows.next() {
                var paper = Store.paper(from: row)
                let words = PaperWords(PaperFacts(paper))
                paper.topics = topicSet.topics(for: paper, words: words)
                let facts = PaperFacts(paper, topics: paper.topics)
                if let query = filter.query, !query.matches(facts, words: words) { continue }
                if muting.contains(where: { $0.matches(facts, words: words) }) { continue }
                out.append(paper)
                if filter.sort != .relevance, let limit = filter.limit, out.count >= limit { break }
            }
            return out
        }
        guard filter.sort == .relevance, let query = filter.query else { return listed }
        let ranked = try Store.byRelevance(listed, query: query, library: try papers(PaperFilter(), usingIndex: false))
        return Array(ranked.prefix(filter.limit ?? ranked.count))
    }

    /// The ORDER BY of a sort done by SQL, ties in date order.
    static func orderBy(_ sort: PaperSort, table p: String = "") -> String {
        let date = "\(p)published IS NULL, \(p)published DESC, \(p)num"
        switch sort {
        case .title: return "ORDER BY \(p)title_key, \(date)"
        case .upvotes: return "ORDER BY \(p)upvotes IS NULL, \(p)upvotes DESC, \(date)"
        case .date, .relevance: return "ORDER BY \(date)"
        }
    }

    /// `papers` (in date order) by `Relevance`, from their own words: the definition the index's order
    /// is held to.
    static func byRelevance(_ papers: [Paper], query: Query, library: [Paper]) throws -> [Paper] {
        let libraryWords = library.map { PaperWords(PaperFacts($0)) }
        let idf: (Relevance.Word) -> Double = { word in
            let n = libraryWords.filter { words in word.fields.contains { words.has(word.word, prefix: word.prefix, in: $0) } }.count
            return Relevance.idf(papers: library.count, having: n)
        }
        let scores = papers.map { Relevance.score(PaperWords(PaperFacts($0)), query: query, idf: idf) }
        return papers.indices.sorted { scores[$0] != scores[$1] ? scores[$0] > scores[$1] : $0 < $1 }.map { papers[$0] }
    }

    /// Finds a paper by Folio id, an id it had before (`paper_alias`), or arXiv id with or without
    /// version (also as an abs URL).
    public func paper(id raw: String) throws -> Paper? {
        let trimmed = raw.trimmingCharacters(in: .whitespaces)
        let arxiv = ArxivID.parse(trimmed)?.id
        return try pool.read { db in
            try Row.fetchOne(db, sql: """
                SELECT \(Store.paperColumns) WHERE p.id = ?1 OR p.arxiv_id = ?2
                  OR p.id = (SELECT paper_id FROM paper_alias WHERE alias = ?1) LIMIT 1
                """, arguments: [trimmed, arxiv ?? trimmed])
        }.map { row in
            var paper = Store.paper(from: row)
            paper.topics = TopicSet(try topics()).topics(for: paper)
            return paper
        }
    }

    /// The number of the paper with this Folio id or an id it had before; nil when there is none.
    public func num(ofPaper id: String) throws -> Int64? {
        try pool.read { db in
            try Int64.fetchOne(db, sql: "SELECT num FROM paper WHERE id = ?1 OR id = (SELECT paper_id FROM paper_alias WHERE alias = ?1)",
                               arguments: [id])
        }
    }

    /// Resolves ids or throws naming the first unknown one.
    public func resolve(_ ids: [String]) throws -> [String] {
        try ids.map { raw in
            guard let paper = try paper(id: raw) else { throw LibraryError("no paper with id \(raw)") }
            return paper.id
        }
    }

    /// The ids of every paper `query` matches, newest first: what a bulk action by query acts on.
    public func ids(matching query: Query) throws -> [String] {
        let listing = PaperListing(store: self)
        return try ids(ofNums: try listing.nums(try listing.docs(PaperFilter(query: query)), sort: .date, limit: nil))
    }

    /// The ids of the papers numbered `nums`, in their order; a number no paper has is left out.
    public func ids(ofNums nums: [Int64]) throws -> [String] {
        try pool.read { db in
            let rows = try Row.fetchAll(db, sql: "SELECT num, id FROM paper WHERE num IN (SELECT value FROM json_each(?))",
                                        arguments: [Store.jsonList(nums)])
            let byNum = Dictionary(uniqueKeysWithValues: rows.map { ($0["num"] as Int64, $0["id"] as String) })
            return nums.compactMap { byNum[$0] }
        }
    }

    public func tagCounts() throws -> [TagCount] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT name, count(*) AS n FROM tag GROUP BY name ORDER BY name").map {
                TagCount(name: $0["name"], count: $0["n"])
            }
        }
    }

    public func stats() throws -> LibraryStats {
        try pool.read { db in
            func count(_ sql: String) throws -> Int { try Int.fetchOne(db, sql: sql) ?? 0 }
            return LibraryStats(
                papers: try count("SELECT count(*) FROM paper"),
                withArxivID: try count("SELECT count(*) FROM paper WHERE arxiv_id IS NOT NULL"),
                starred: try count("SELECT count(*) FROM star"),
                read: try count("SELECT count(*) FROM read_mark"),
                tags: try count("SELECT count(DISTINCT name) FROM tag"),
                topics: try count("SELECT count(*) FROM topic"),
                oldest: try String.fetchOne(db, sql: "SELECT min(published) FROM paper"),
                newest: try String.fetchOne(db, sql: "SELECT max(published) FROM paper"))
        }
    }
}
