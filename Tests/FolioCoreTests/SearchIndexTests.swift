import Foundation
import GRDB
import Testing
@testable import FolioCore

/// The index's stored lists: key → nums, per segment.
func postings(_ store: Store) throws -> [Int64: [String: [Int64]]] {
    try store.pool.read { db in
        var out: [Int64: [String: [Int64]]] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT segment, key, docs FROM search_postings") {
            let segment: Int64 = row["segment"]
            let rowKey: [UInt8] = Array((row["key"] as String).utf8)
            let docs: [UInt8] = [UInt8](row["docs"] as Data)
            var lists: [String: [Int64]] = out[segment] ?? [:]
            rowKey.withUnsafeBytes { (rowKey: UnsafeRawBufferPointer) in
                docs.withUnsafeBytes { (docs: UnsafeRawBufferPointer) in
                    PostingRows.forEachEntry(key: rowKey, docs: docs) { (key: UnsafeRawBufferPointer, list: UnsafeRawBufferPointer) -> Bool in
                        let name = String(decoding: key, as: UTF8.self)
                        lists[name] = PostingList.decode([UInt8](list), capacity: 1 << 16)
                        return true
                    }
                }
            }
            out[segment] = lists
        }
        return out
    }
}

func segments(_ store: Store) throws -> [[UInt32]] {
    try store.pool.read { db in
        try Data.fetchAll(db, sql: "SELECT replaced FROM search_segment ORDER BY id").map { PostingList.decodeInts($0, as: UInt32.self) }
    }
}

func num(_ store: Store, _ id: String) throws -> Int64 {
    try store.pool.read { db in try #require(try Int64.fetchOne(db, sql: "SELECT num FROM paper WHERE id = ?", arguments: [id])) }
}

@Suite("search index")
struct SearchIndexTests {
    @Test func importWritesOneSegmentWithWordAndPrefixKeys() throws {
        let (store, folder) = try makeStore()
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try store.importPapers(source: "t") { session in
            try session.add(PaperInput(arxivID: "2401.00001", title: "Graph Retrieval", abstract: "Dense retrieval, again retrieval.",
                                       authors: ["Ana Núñez"], published: "2024-01-02", categories: ["cs.IR"]))
            try session.add(PaperInput(arxivID: "2401.00002", title: "Graphs", abstract: "", authors: [], published: "2024-01-03", categories: ["cs.LG"]))
        }
        let one = try num(store, "2401.00001"), two = try num(store, "2401.00002")
        let all = try postings(store)
        #expect(all.count == 1)
        let lists = try #require(all.values.first)
        #expect(lists["t:graph"] == [one])
        #expect(lists["t:graphs"] == [two])
        #expect(lists["a:retrieval"] == [one])
        #expect(lists["u:nunez"] == [one])
        #expect(lists["c:cs.ir"] == [one])
        #expect(lists["t1:g"] == [one, two])
        #expect(lists["t2:gr"] == [one, two])
        #expect(lists["a2:de"] == [one])
        #expect(lists["t:retrieval"] == [one])
        #expect(try segments(store) == [[]])
        // Newest first.
        #expect(try SearchIndex(store: store).first(10, of: try SearchIndex(store: store).all()) == [two, one])
    }

    @Test func reimportWithANewTitleReplacesThePaperInANewSegment() throws {
        let (store, folder) = try makeStore()
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try store.importPapers(source: "t") { try $0.add(PaperInput(arxivID: "2401.00001", title: "Old words", published: "2024-01-02")) }
        _ = try store.importPapers(source: "t") { try $0.add(PaperInput(arxivID: "2401.00001", title: "Old words", published: "2024-01-02")) }
        #expect(try segments(store).count == 1, "an unchanged paper writes no segment")
        _ = try store.importPapers(source: "t") { try $0.add(PaperInput(arxivID: "2401.00001", title: "New title", published: "2024-01-02")) }
        let one = try num(store, "2401.00001")
        #expect(try segments(store) == [[], [UInt32(one)]])
        let index = SearchIndex(store: store)
        #expect(try index.evaluate(QueryParser.parse("old")).docs.nums == [])
        #expect(try index.evaluate(QueryParser.parse("new")).docs.nums == [one])
        #expect(try index.evaluate(QueryParser.parse("o*")).docs.nums == [])
        #expect(try store.papers(PaperFilter(query: QueryParser.parse("title"))).map(\.id) == ["2401.00001"])
    }

    /// For you's ranker takes the reader's loaded date order: it answers as its own would, and the
    /// library's next change is still read.
    @Test func anIndexAdoptedFromAnotherAnswersAsItsOwnAndFollowsTheLibrary() throws {
        let (store, folder) = try makeStore()
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try store.importPapers(source: "t") { session in
            for i in 1...3 { try session.add(PaperInput(arxivID: "2401.0000\(i)", title: "Paper \(i) words", published: "2024-01-0\(i)")) }
        }
        let reader = SearchIndex(store: store), ranker = SearchIndex(store: store)
        _ = try reader.all()
        ranker.adopt(from: reader)
        let own = SearchIndex(store: store)
        #expect(try ranker.first(10, of: try ranker.all()) == (try own.first(10, of: try own.all())))
        #expect(try ranker.generation() == (try reader.generation()))
        _ = try store.importPapers(source: "t") { try $0.add(PaperInput(arxivID: "2401.00004", title: "Paper 4 words", published: "2024-01-04")) }
        #expect(try ranker.first(10, of: try ranker.all()).first == (try num(store, "2401.00004")))
        #expect(try ranker.evaluate(QueryParser.parse("words")).docs.count == 4)
    }

    @Test func aFailedImportLeavesNoSegmentAndTheSameOrder() throws {
        let (store, folder) = try makeStore()
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try store.importPapers(source: "t") { try $0.add(PaperInput(arxivID: "2401.00001", title: "Kept", published: "2024-01-02")) }
        struct Stop: Error {}
        #expect(throws: Stop.self) {
            _ = try store.importPapers(source: "t") { session in
                try session.add(PaperInput(arxivID: "2401.00002", title: "Lost", published: "2025-01-02"))
                try session.add(PaperInput(arxivID: "2401.00001", title: "Kept changed", published: "2020-01-02"))
                throw Stop()
            }
        }
        #expect(try segments(store).count == 1)
        let index = SearchIndex(store: store)
        #expect(try index.evaluate(QueryParser.parse("lost OR changed")).docs.isEmpty)
        #expect(try index.first(5, of: index.all()) == [try num(store, "2401.00001")])
    }

    @Test func theSamePaperTwiceInOneImportKeepsOnlyItsLastText() throws {
        let (store, folder) = try makeStore()
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try store.importPapers(source: "t") { session in
            try session.add(PaperInput(arxivID: "2401.00001", title: "First text"))
            try session.add(PaperInput(arxivID: "2401.00001", title: "Second text"))
        }
        let index = SearchIndex(store: store)
        #expect(try index.evaluate(QueryParser.parse("first")).docs.isEmpty)
        #expect(try index.evaluate(QueryParser.parse("second")).docs.nums == [try num(store, "2401.00001")])
    }

    @Test func irregularDatesAreOrderedAsTheStoreOrdersThem() throws {
        let (store, folder) = try makeStore()
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try store.importPapers(source: "t") { session in
            for (i, date) in ["2024-01-02", nil, "2024", "2024-01-02T10:00", "2023-12-31", "2024-01-02"].enumerated() {
                try session.add(PaperInput(arxivID: String(format: "2401.%05d", i + 1), title: "Paper \(i)", published: date))
            }
        }
        _ = try store.importPapers(source: "t") { try $0.add(PaperInput(arxivID: "2401.00009", title: "Later", published: "2024-01-03")) }
        let index = SearchIndex(store: store)
        let newest = try index.first(100, of: index.all())
        let ids = try store.pool.read { db in
            try newest.map { try String.fetchOne(db, sql: "SELECT id FROM paper WHERE num = ?", arguments: [$0])! }
        }
        #expect(ids == (try store.papers().map(\.id)))
    }

    @Test func fetchedPapersAreIndexedWithThePapers() throws {
        let (store, folder) = try makeStore()
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try store.recordFetch(source: "rss", papers: [PaperInput(arxivID: "2401.00001", title: "Fetched graph", categories: ["cs.LG"])],
                                  validators: [], day: "2026-01-01")
        let index = SearchIndex(store: store)
        #expect(try index.evaluate(QueryParser.parse("cat:cs.LG fetched")).docs.nums == [try num(store, "2401.00001")])
    }

    @Test func aLibraryMadeBeforeTheIndexGetsItWhenOpened() throws {
        let (store, folder) = try makeStore()
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try store.importPapers(source: "t") { try $0.add(PaperInput(arxivID: "2401.00001", title: "Graph paper", published: "2024-01-02")) }
        try store.pool.write { db in
            try db.execute(sql: """
                DROP TABLE search_postings; DROP TABLE search_segment; DROP TABLE search_order;
                DELETE FROM grdb_migrations WHERE identifier = 'v3-search-index'
                """)
        }
        let reopened = try Store(path: store.path)
        #expect(try SearchIndex(store: reopened).evaluate(QueryParser.parse("gra*")).docs.nums == [try num(store, "2401.00001")])
    }

    @Test func rebuildAnswersAsTheIncrementalIndexDoes() throws {
        let (store, folder) = try makeStore()
        defer { try? FileManager.default.removeItem(at: folder) }
        var library = RandomLibrary(seed: 7)
        try library.importBatches(into: store, batches: 3, papers: 60)
        try library.changeSome(in: store, count: 25)
        let queries = (0..<150).map { _ in library.randomQuery() }
        func answers() throws -> [String] {
            let index = SearchIndex(store: store)
            return try queries.map { text in
                let query = try QueryParser.parse(text, typing: true)
                let (docs, exact) = try index.evaluate(query)
                return "\(exact) \(docs.nums) \(try index.first(20, of: docs))"
            }
        }
        let incremental = try answers()
        #expect(try segments(store).count >= 4)
        try store.rebuildSearchIndex()
        #expect(try segments(store) == [[]])
        #expect(try answers() == incremental)
    }
}
