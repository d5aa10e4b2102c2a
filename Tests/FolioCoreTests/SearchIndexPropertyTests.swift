import Foundation
import GRDB
import Testing
@testable import FolioCore

/// The fixtures of every importer in one library (BibTeX too when asked).
func importFixturesOfEveryFormat(into store: Store, bibtex: Bool = false) throws {
    let importer = LibraryImport(store: store)
    _ = try importer.importDocument(try Fixtures.data("hf-daily-papers/daily_papers_2026-06-12.json"), format: .hfJSON, source: "t")
    _ = try importer.importDocument(try Fixtures.data("arxiv-atom/search_au_del_maestro.xml"), format: .arxivAtom, source: "t")
    _ = try importer.importDocument(try Fixtures.data("arxiv-atom/2026_id_astro-ph_0601001_s0_m100_3150dca9dc76.xml"), format: .arxivAtom, source: "t")
    _ = try importer.importDocument(try Fixtures.data("arxiv-oai-jsonl/snapshot_head50.jsonl"), format: .arxivJSONL, source: "t")
    _ = try importer.importDocument(try Fixtures.data("hf-daily-papers-page.txt"), format: .hfPage, source: "t")
    if bibtex { _ = try importer.importDocument(try Fixtures.data("bibtex/pmlr_v224_automl23.bib"), format: .bibtex, source: "t") }
}

/// A small random library whose words repeat often, accents included, for comparing the index with the matcher.
struct RandomLibrary {
    static let vocabulary = ["retrieval", "retriever", "graph", "graphs", "transformer", "image", "language", "model",
                             "dense", "sparse", "ranking", "café", "naïve", "Über", "r", "re", "a", "zero", "shot", "text"]
    static let categories = ["cs.LG", "cs.CL", "cs.IR", "stat.ML", "astro-ph", "cond-mat.str-el"]
    var random: SplitMix
    var imported = 0

    init(seed: UInt64) { random = SplitMix(seed: seed) }

    mutating func pick<T>(_ items: [T]) -> T { items[Int(random.next() % UInt64(items.count))] }
    mutating func words(_ range: ClosedRange<Int>) -> String {
        (0..<(range.lowerBound + Int(random.next() % UInt64(range.count)))).map { _ in pick(Self.vocabulary) }.joined(separator: pick([" ", "-", ", "]))
    }

    mutating func paper(_ i: Int) -> PaperInput {
        let day = Int(random.next() % 40)
        let date = random.next() % 10 == 0 ? nil : String(format: "2020-%02d-%02d", 1 + day / 28, 1 + day % 28)
        var paper = PaperInput(arxivID: String(format: "2401.%05d", i), title: words(2...6), abstract: words(0...20),
                               authors: (0..<Int(random.next() % 3)).map { _ in words(2...2) }, published: date,
                               categories: (0..<Int(random.next() % 3)).map { _ in pick(Self.categories) })
        // Some papers carry what the Hugging Face daily papers give; a later import may change it.
        if random.next() % 3 == 0 {
            paper.upvotes = Int(random.next() % 12)
            paper.commentCount = random.next() % 4 == 0 ? nil : Int(random.next() % 5)
            paper.githubRepo = pick([nil, "", "https://github.com/a/b"])
            paper.githubStars = paper.githubRepo == nil ? nil : Int(random.next() % 9)
            paper.aiKeywords = (0..<Int(random.next() % 3)).map { _ in words(1...2) }
        }
        paper.doi = pick([nil, nil, "10.1000/\(i)"])
        return paper
    }

    mutating func importBatches(into store: Store, batches: Int, papers: Int) throws {
        for _ in 0..<batches {
            _ = try store.importPapers(source: "random") { session in
                for _ in 0..<papers {
                    imported += 1
                    try session.add(paper(imported))
                }
            }
        }
        try store.setStarred((1...imported).filter { $0 % 7 == 0 }.map { String(format: "2401.%05d", $0) }, true)
    }

    /// New titles, abstracts and dates for some papers already imported, in one import.
    mutating func changeSome(in store: Store, count: Int) throws {
        _ = try store.importPapers(source: "random") { session in
            for _ in 0..<count { try session.add(paper(1 + Int(random.next() % UInt64(imported)))) }
        }
    }

    mutating func term() -> String {
        let word = pick(Self.vocabulary)
        switch random.next() % 12 {
        case 0: return String(word.prefix(1 + Int(random.next() % 4))) + "*"
        case 1: return "\"\(pick(Self.vocabulary)) \(word)\""
        case 2: return pick(["title:", "abstract:", "author:"]) + word
        case 3: return "cat:" + pick(["cs.LG", "cs.ir", "cs.*", "cond-mat.*", "astro-ph"])
        case 4: return pick(["year:2020", "is:starred", "after:2020-01-15", "before:2020-02-01", "tag:Hot", "tag:cold",
                             "topic:ir", "is:read", "is:unread", "id:2401.00007", "\"dense retrieval\"",
                             "upvotes>5", "upvotes<=2", "comments=0", "stars>=4", "has:code", "has:doi", "has:abstract", "has:pdf",
                             "kw:dense", "kw:\"zero shot\"", "year:>=2020", "year:<2020", "is:today", "after:30d"])
        case 5: return "-" + term()
        case 6: return "(\(term()) OR \(term()))"
        case 7: return "NOT " + term()
        case 8: return "title:(\(word) OR \(pick(Self.vocabulary).prefix(2))*)"
        default: return word
        }
    }

    /// One to three terms, side by side or with OR; parsed in typing mode, the last bare word is a prefix.
    mutating func randomQuery() -> String {
        (0..<(1 + Int(random.next() % 3))).map { _ in term() }.joined(separator: pick([" ", " OR "]))
    }
}

/// Checks one query: the store answers the same with and without the index, the candidates hold every
/// match, an exact answer is the matches, and the date order's first papers are the store's first papers.
func expectIndexAgrees(_ store: Store, _ index: SearchIndex, _ text: String, typing: Bool = false,
                       sourceLocation: SourceLocation = #_sourceLocation) throws -> [Paper] {
    let query = try QueryParser.parse(text, typing: typing)
    let indexed = try store.papers(PaperFilter(query: query), usingIndex: true)
    let scanned = try store.papers(PaperFilter(query: query), usingIndex: false)
    #expect(indexed.map(\.id) == scanned.map(\.id), "\(text)", sourceLocation: sourceLocation)
    let nums = try store.pool.read { db in
        try scanned.map { try Int64.fetchOne(db, sql: "SELECT num FROM paper WHERE id = ?", arguments: [$0.id])! }
    }
    let (docs, exact) = try index.evaluate(query)
    #expect(nums.allSatisfy(docs.contains), "candidates miss a match: \(text)", sourceLocation: sourceLocation)
    if exact { #expect(docs.nums == nums.sorted(), "exact but not the matches: \(text)", sourceLocation: sourceLocation) }
    var matches = DocSet(capacity: docs.capacity)
    for num in nums { matches.insert(UInt32(num)) }
    #expect(try index.first(25, of: matches) == Array(nums.prefix(25)), "order: \(text)", sourceLocation: sourceLocation)
    // The reader's path: exact sets from the resolver, read by position with and without the rank.
    let resolved = try QueryResolver(store: store, index: index).exact(query)
    #expect(resolved.nums == nums.sorted(), "resolver: \(text)", sourceLocation: sourceLocation)
    for list in [try index.list(resolved), try index.rankedList(resolved)] {
        #expect(list.count == nums.count && list.nums(0..<nums.count) == nums, "list: \(text)", sourceLocation: sourceLocation)
        #expect(list.nums(3..<9) == Array(nums.dropFirst(3).prefix(6)), "window: \(text)", sourceLocation: sourceLocation)
        #expect(nums.indices.allSatisfy { list.position(of: nums[$0]) == $0 }, "positions: \(text)", sourceLocation: sourceLocation)
    }
    return indexed
}

@Suite("search index against the matcher")
struct SearchIndexPropertyTests {
    /// The queries and counts of QueryCLITests on the Daily Papers page.
    @Test func dailyPapersPageCountsAreTheSameThroughTheIndex() throws {
        let (store, folder) = try makeStore()
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try LibraryImport(store: store).importDocument(try Fixtures.data("hf-daily-papers-page.txt"), format: .hfPage, source: "t")
        let index = SearchIndex(store: store)
        let expected = [("retrieval", 17), ("Retrieval", 17), ("RETRIEV*", 18), ("title:retrieval", 7), ("regulariz*", 19),
                        ("\"language model\"", 7), ("language model", 16), ("\"text-to-image\"", 4), ("image -diffusion", 4),
                        ("(retrieval OR ranking) dense", 5), ("sparse NOT title:sparse", 5)]
        for (text, count) in expected {
            #expect(try expectIndexAgrees(store, index, text).count == count, "\(text)")
        }
    }

    @Test func fixturesOfEveryFormatAgreeWithTheMatcher() throws {
        let (store, folder) = try makeStore()
        defer { try? FileManager.default.removeItem(at: folder) }
        try importFixturesOfEveryFormat(into: store)
        let index = SearchIndex(store: store)
        for text in ["author:casanova", "author:\"del maestro\"", "cat:astro-ph", "cat:cond-mat.*", "cat:HEP-PH", "year:2026",
                     "after:2026-06-10", "quantum -cat:quant-ph", "balazs", "Balázs", "ba*", "q*", "qu*", "\"monte carlo\"",
                     "(graph OR transformer) -image", "retrieval augmented generation", "-retrieval", "NOT (a* OR e*)"] {
            _ = try expectIndexAgrees(store, index, text)
        }
    }

    @Test(arguments: [1, 2, 3] as [UInt64])
    func randomQueriesOnARandomLibrary(seed: UInt64) throws {
        let (store, folder) = try makeStore()
        defer { try? FileManager.default.removeItem(at: folder) }
        var library = RandomLibrary(seed: seed)
        try library.importBatches(into: store, batches: 3, papers: 70)
        try library.changeSome(in: store, count: 40)
        try expectRandomQueriesAgree(store, &library)
    }
}

/// The property test on a library made with `library`: topics (one using another), tags, read marks and
/// downloaded PDFs added, then random queries, typed and entered, each checked by `expectIndexAgrees`.
func expectRandomQueriesAgree(_ store: Store, _ library: inout RandomLibrary, queries: Int = 120,
                              sourceLocation: SourceLocation = #_sourceLocation) throws {
    try store.saveTopic(name: "ir", query: "retriev* OR ranking")
    try store.saveTopic(name: "hot ir", query: "topic:ir tag:hot")
    for i in stride(from: 1, to: library.imported, by: 5) { _ = try store.addTags([i % 2 == 0 ? "hot" : "Cold"], to: String(format: "2401.%05d", i)) }
    _ = try store.setRead((1...library.imported).filter { $0 % 3 == 0 }.map { String(format: "2401.%05d", $0) }, true)
    for i in stride(from: 2, to: library.imported, by: 9) {
        try store.recordPDF(paperID: String(format: "2401.%05d", i), path: "pdf/\(i).pdf", bytes: i)
    }
    let index = SearchIndex(store: store)
    for _ in 0..<queries {
        let text = library.randomQuery()
        _ = try expectIndexAgrees(store, index, text, typing: library.random.next() % 2 == 0, sourceLocation: sourceLocation)
    }
    _ = try expectIndexAgrees(store, index, "topic:ir -graph*", sourceLocation: sourceLocation)
    _ = try expectIndexAgrees(store, index, "topic:\"hot ir\" OR tag:cold", sourceLocation: sourceLocation)
}
