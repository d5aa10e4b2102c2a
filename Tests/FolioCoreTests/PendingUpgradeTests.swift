import Foundation
import GRDB
import Testing
@testable import FolioCore

/// Work the SQL-only migrations leave marked is done at the next open, also after a kill in between.
@Suite("pending upgrade")
struct PendingUpgradeTests {
    @Test func aMarkedRebuildAndTitleHashesAreDoneAtTheNextOpen() throws {
        let (store, folder) = try makeStore()
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try LibraryImport(store: store).importDocument(try Fixtures.data("hf-daily-papers-page.txt"), format: .hfPage, source: "test")
        let before = try Store.matchingIDs(store, "retriev*")
        #expect(before.count == 18)
        // As a library left between its migrations and the work they marked: no index, no title hashes.
        let queue = try DatabaseQueue(path: store.path)
        try queue.write { db in
            try db.execute(sql: """
                DELETE FROM search_postings; DELETE FROM search_segment; UPDATE paper SET title_hash = 0;
                INSERT INTO pending_upgrade (task) VALUES ('rebuild-search-index'), ('title-hashes');
                """)
        }
        try queue.close()
        let reopened = try Store(path: store.path)
        #expect(try Store.matchingIDs(reopened, "retriev*") == before)
        let pending = try reopened.pool.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM pending_upgrade") }
        #expect(pending == 0)
        let unhashed = try reopened.pool.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM paper WHERE title_hash = 0") }
        #expect(unhashed == 0)
    }
}

extension Store {
    /// Ids of the papers `query` matches, through the search index.
    static func matchingIDs(_ store: Store, _ query: String) throws -> Set<String> {
        let resolver = QueryResolver(store: store)
        let nums = try resolver.exact(try QueryParser.parse(query))
        return Set(try store.papers(byNum: nums.nums).map(\.paper.id))
    }
}
