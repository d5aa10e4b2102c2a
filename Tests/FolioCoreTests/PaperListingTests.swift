import Foundation
import Testing
@testable import FolioCore

/// The CLI's lists through the index (`PaperListing`) against the matcher: same papers, same order, same
/// topics on each paper, for every filter and sort the CLI passes (relevance from the index's sets against
/// each paper's own words).
@Suite("CLI lists through the index against the matcher")
struct PaperListingTests {
    /// Topics of every kind: prefixes, phrases, filters, `topic:` chains, a query that no longer parses,
    /// names whose sorted order differs with case.
    static let topics = [("ir", "retriev* OR ranking"), ("hot ir", "topic:ir tag:hot"), ("Zeta", "\"dense retrieval\" OR cat:cs.*"),
                         ("alpha", "graph* -image"), ("stars", "is:starred OR is:read"), ("not ir", "-topic:ir year:2020"),
                         ("broken", "(graph"), ("quantum", "quantum OR author:maestro OR cat:astro-ph")]

    static func addTopics(_ store: Store) throws {
        for (name, query) in topics { try store.saveTopic(name: name, query: query) }
    }

    /// Filters as `folio list` and `folio export` make them.
    static func filters(_ queries: [String]) throws -> [PaperFilter] {
        var out = [PaperFilter(), PaperFilter(limit: 0), PaperFilter(limit: 7), PaperFilter(sort: .title),
                   PaperFilter(limit: 11, sort: .title), PaperFilter(starredOnly: true), PaperFilter(unreadOnly: true, limit: 5),
                   PaperFilter(tag: "hot"), PaperFilter(tag: "Cold", sort: .title), PaperFilter(sort: .upvotes),
                   PaperFilter(limit: 9, sort: .upvotes), PaperFilter(sort: .relevance)]
        for (i, text) in queries.enumerated() {
            let query = try QueryParser.parse(text)
            out.append(PaperFilter(query: query))
            out.append(PaperFilter(query: query, sort: .relevance))
            out.append(PaperFilter(query: query, starredOnly: i % 2 == 0, tag: i % 3 == 0 ? "hot" : nil, limit: 3 + i % 9,
                                   sort: PaperSort.allCases[i % PaperSort.allCases.count]))
        }
        return out
    }

    /// Every filter gives equal papers (topics included) both ways, and `topic show`'s path lists what the
    /// old command did: all papers carrying the topic by the matcher, newest first.
    static func expectSameAnswers(_ store: Store, _ queries: [String], sourceLocation: SourceLocation = #_sourceLocation) throws {
        let everything = try store.papers(PaperFilter(), usingIndex: false)
        #expect(everything.contains { !$0.topics.isEmpty }, "no paper carries a topic", sourceLocation: sourceLocation)
        for filter in try filters(queries) {
            let listed = try store.papers(filter, usingIndex: true)
            let matched = try store.papers(filter, usingIndex: false)
            #expect(listed == matched, "\(filter)", sourceLocation: sourceLocation)
        }
        let listing = PaperListing(store: store)
        for topic in try store.topics() {
            var shown: [Paper] = []
            try listing.forEach(try listing.nums(try listing.resolver.topic(topic.name), sort: .date, limit: nil), withTopics: true) {
                shown.append($0)
            }
            #expect(shown == everything.filter { $0.topics.contains(topic.name) }, "topic \(topic.name)", sourceLocation: sourceLocation)
        }
        // `forEach` reads in chunks: a list longer than one chunk keeps its order across them.
        let nums = try listing.nums(try listing.resolver.all(), sort: .title, limit: nil)
        var ids: [String] = []
        try listing.forEach(nums, withTopics: false) { ids.append($0.id) }
        #expect(ids == (try store.papers(PaperFilter(sort: .title), usingIndex: false)).map(\.id), sourceLocation: sourceLocation)
    }

    @Test(arguments: [4, 5] as [UInt64])
    func randomLibrary(seed: UInt64) throws {
        let (store, folder) = try makeStore()
        defer { try? FileManager.default.removeItem(at: folder) }
        var library = RandomLibrary(seed: seed)
        try library.importBatches(into: store, batches: 3, papers: 80)
        try library.changeSome(in: store, count: 40)
        try Self.addTopics(store)
        for i in stride(from: 1, to: library.imported, by: 4) { _ = try store.addTags([i % 3 == 0 ? "hot" : "Cold"], to: String(format: "2401.%05d", i)) }
        _ = try store.setRead((1...library.imported).filter { $0 % 5 == 0 }.map { String(format: "2401.%05d", $0) }, true)
        let queries = (0..<40).map { _ in library.randomQuery() } + ["topic:ir -graph*", "topic:\"hot ir\" OR tag:cold", "topic:broken"]
        try Self.expectSameAnswers(store, queries)
    }

    @Test func fixturesOfEveryFormat() throws {
        let (store, folder) = try makeStore()
        defer { try? FileManager.default.removeItem(at: folder) }
        try importFixturesOfEveryFormat(into: store, bibtex: true)
        try Self.addTopics(store)
        let ids = try store.papers().map(\.id)
        _ = try store.setStarred(stride(from: 0, to: ids.count, by: 6).map { ids[$0] }, true)
        for i in stride(from: 1, to: ids.count, by: 5) { _ = try store.addTags([i % 2 == 0 ? "hot" : "Cold"], to: ids[i]) }
        try Self.expectSameAnswers(store, ["retrieval", "\"language model\"", "quantum -cat:quant-ph", "topic:quantum OR topic:Zeta",
                                           "-topic:alpha", "year:2026 is:starred", "Balázs", "NOT (a* OR e*)"])
    }
}
