import Foundation
import GRDB
import Testing
@testable import FolioCore

/// A store with its own merge policy, in its own temporary folder.
func makeStore(policy: SegmentMergePolicy) throws -> (Store, URL) {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("folio-store-\(UUID().uuidString)")
    return (try Store(path: folder.appendingPathComponent("library.sqlite").path, mergePolicy: policy), folder)
}

/// Segments and the papers they hold in all (stale ones included), as the policy counts them.
func segmentSizes(_ store: Store) throws -> (count: Int, papers: Int) {
    try store.pool.read { db in
        let row = try #require(try Row.fetchOne(db, sql: "SELECT count(*) AS n, coalesce(sum(papers), 0) AS papers FROM search_segment"))
        return (row["n"], row["papers"])
    }
}

@Suite("segment merging")
struct SegmentMergeTests {
    /// Tiers of 4, from 4 papers: small libraries already have several tiers.
    static let small = SegmentMergePolicy(fanOut: 4, base: 4)

    /// The policy alone, on segment sizes: merging a run adds up its papers (no stale ones here).
    static func simulate(_ policy: SegmentMergePolicy, _ imports: [Int]) -> (worst: Int, final: [Int]) {
        var sizes: [Int] = [], worst = 0
        for papers in imports {
            sizes.append(papers)
            while let start = policy.runToMerge(sizes) {
                let merged = sizes[start...].reduce(0, +)
                sizes.removeSubrange(start...)
                sizes.append(merged)
            }
            #expect(sizes.count <= policy.bound(papers: sizes.reduce(0, +)), "\(sizes)")
            worst = max(worst, sizes.count)
        }
        return (worst, sizes)
    }

    @Test func thePolicyStaysWithinItsBoundWhateverTheImports() {
        let standard = SegmentMergePolicy.standard
        #expect(standard.bound(papers: 500) == 7)
        #expect(standard.bound(papers: 1_000_000) == 28)
        #expect(standard.bound(papers: 1_328_500) == 28)
        // One paper per import, 50,000 per import, a snapshot's 50,000-paper segments then daily imports.
        #expect(Self.simulate(standard, Array(repeating: 1, count: 4000)).worst <= 7)
        #expect(Self.simulate(standard, Array(repeating: 1, count: 5000)).worst <= standard.bound(papers: 5000))
        #expect(Self.simulate(standard, Array(repeating: 50_000, count: 200)).worst <= standard.bound(papers: 10_000_000))
        // The library: a million papers, then three years of daily imports of ~300.
        let daily = Self.simulate(standard, [1_000_000] + Array(repeating: 300, count: 1095))
        #expect(daily.worst <= 32)
        let snapshot = Self.simulate(standard, Array(repeating: 50_000, count: 20) + Array(repeating: 300, count: 1095))
        #expect(snapshot.worst <= 32)
        // Tiers only fall from oldest to newest once merging stops.
        let tiers = snapshot.final.map { standard.tier(papers: $0) }
        #expect(tiers == tiers.sorted(by: >))
        var random = SplitMix(seed: 9)
        for policy in [standard, Self.small, SegmentMergePolicy(fanOut: 2, base: 1)] {
            let imports = (0..<3000).map { _ in random.next() % 50 == 0 ? Int(random.next() % 60_000) : 1 + Int(random.next() % 400) }
            _ = Self.simulate(policy, imports)
        }
    }

    /// 500 imports of one paper each: never more segments than the bound, and the property test's
    /// queries answer as the matcher does.
    @Test(arguments: [SegmentMergePolicy.standard, SegmentMergeTests.small])
    func fiveHundredOnePaperImportsStayWithinTheBound(policy: SegmentMergePolicy) throws {
        let (store, folder) = try makeStore(policy: policy)
        defer { try? FileManager.default.removeItem(at: folder) }
        var library = RandomLibrary(seed: 21)
        var worst = 0
        for _ in 0..<500 {
            try library.importBatches(into: store, batches: 1, papers: 1)
            let sizes = try segmentSizes(store)
            #expect(sizes.count <= policy.bound(papers: sizes.papers))
            worst = max(worst, sizes.count)
        }
        #expect(worst <= policy.bound(papers: 500))
        #expect(worst >= policy.fanOut - 1, "merges kept fewer segments than the policy allows: \(worst)")
        try expectRandomQueriesAgree(store, &library)
    }

    /// Random imports, some giving papers already in the library new text (so merges drop stale
    /// postings), into a library that merges at nearly every import and one that never merges: the same
    /// answers for every query, and the matcher's.
    @Test(arguments: [1, 2, 3, 4] as [UInt64])
    func randomImportsAnswerAsWithoutMerging(seed: UInt64) throws {
        let policy = SegmentMergePolicy(fanOut: 2 + Int(seed % 2), base: 2)
        let (merged, mergedFolder) = try makeStore(policy: policy)
        let (plain, plainFolder) = try makeStore(policy: .never)
        defer {
            try? FileManager.default.removeItem(at: mergedFolder)
            try? FileManager.default.removeItem(at: plainFolder)
        }
        var one = RandomLibrary(seed: seed), other = RandomLibrary(seed: seed)
        var steps = SplitMix(seed: seed &+ 1000)
        for _ in 0..<40 {
            let count = 1 + Int(steps.next() % 30)
            if one.imported > 0, steps.next() % 3 == 0 {
                try one.changeSome(in: merged, count: count)
                try other.changeSome(in: plain, count: count)
            } else {
                try one.importBatches(into: merged, batches: 1, papers: count)
                try other.importBatches(into: plain, batches: 1, papers: count)
            }
            let sizes = try segmentSizes(merged)
            #expect(sizes.count <= policy.bound(papers: sizes.papers))
        }
        #expect(try segmentSizes(merged).count < segmentSizes(plain).count)
        let mergedIndex = SearchIndex(store: merged), plainIndex = SearchIndex(store: plain)
        for _ in 0..<150 {
            let text = one.randomQuery()
            let query = try QueryParser.parse(text, typing: one.random.next() % 2 == 0)
            let a = try mergedIndex.evaluate(query), b = try plainIndex.evaluate(query)
            #expect(a.docs.nums == b.docs.nums && a.exact == b.exact, "\(text)")
            #expect(try mergedIndex.first(20, of: a.docs) == plainIndex.first(20, of: b.docs), "\(text)")
        }
        try expectRandomQueriesAgree(merged, &one, queries: 60)
    }

    /// Merging every segment: no stale posting and nothing re-indexed is left, and every list is the
    /// one a single segment of the library's current text has.
    @Test func mergingEverythingLeavesTheListsOfOneFreshSegment() throws {
        let (store, folder) = try makeStore(policy: .never)
        defer { try? FileManager.default.removeItem(at: folder) }
        var library = RandomLibrary(seed: 3)
        try library.importBatches(into: store, batches: 4, papers: 50)
        try library.changeSome(in: store, count: 60)
        try library.changeSome(in: store, count: 60)
        let before = try store.searchIndexStats()
        #expect(before.segments.count >= 6 && before.stalePostings > 0)
        try store.pool.write { db in
            _ = try SegmentMerger.merge(try StoredSegment.all(db, save: true), isOldest: true, db, policy: .never)
        }
        let after = try store.searchIndexStats()
        #expect(after.segments.count == 1 && after.stalePostings == 0 && after.segments[0].replaced == 0)
        #expect(after.segments[0].papers == library.imported)
        let merged = try postings(store).values.first
        try store.rebuildSearchIndex()
        #expect(try postings(store).values.first == merged)
        #expect(after.bytes <= before.bytes)
    }

    /// A `SearchIndex` that loaded the segments before a merge removed them reads the merged one.
    @Test func anIndexLoadedBeforeAMergeReadsTheMergedSegment() throws {
        let (store, folder) = try makeStore(policy: Self.small)
        defer { try? FileManager.default.removeItem(at: folder) }
        var library = RandomLibrary(seed: 8)
        try library.importBatches(into: store, batches: 3, papers: 1)
        let index = SearchIndex(store: store)
        let queries = ["graph", "re*", "cat:cs.LG", "-model"]
        for text in queries { _ = try expectIndexAgrees(store, index, text) }
        let ids = try store.pool.read { try Int64.fetchAll($0, sql: "SELECT id FROM search_segment") }
        try library.importBatches(into: store, batches: 1, papers: 1)
        let now = try store.pool.read { try Int64.fetchAll($0, sql: "SELECT id FROM search_segment") }
        #expect(Set(ids).isDisjoint(with: now), "the fourth import merged all four segments")
        for text in queries { _ = try expectIndexAgrees(store, index, text) }
    }

    /// Segments written before `v8-segment-papers` have no count: the next merge counts them.
    @Test func segmentsWithoutACountAreCountedBeforeMerging() throws {
        let (store, folder) = try makeStore(policy: Self.small)
        defer { try? FileManager.default.removeItem(at: folder) }
        var library = RandomLibrary(seed: 4)
        try library.importBatches(into: store, batches: 3, papers: 9)
        let counts = try store.pool.read { try Int.fetchAll($0, sql: "SELECT papers FROM search_segment ORDER BY id") }
        let counted = try store.pool.write { db in
            try db.execute(sql: "UPDATE search_segment SET papers = NULL")
            return try StoredSegment.all(db, save: true).map(\.papers)
        }
        #expect(counted == counts)
        try store.pool.write { try $0.execute(sql: "UPDATE search_segment SET papers = NULL") }
        try library.importBatches(into: store, batches: 1, papers: 9)
        #expect(try store.pool.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM search_segment WHERE papers IS NULL") } == 0)
        _ = try expectIndexAgrees(store, SearchIndex(store: store), "graph OR cat:cs.IR")
    }
}
