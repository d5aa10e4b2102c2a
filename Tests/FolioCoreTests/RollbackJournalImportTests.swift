import Foundation
import GRDB
import Testing
@testable import FolioCore

/// A bulk import (a large file) writes through a rollback journal when it has the library to itself, and
/// in WAL mode beside another connection; either way the library is in WAL mode afterwards.
@Suite("bulk import through a rollback journal")
struct RollbackJournalImportTests {
    static func papers(_ count: Int, from first: Int = 0) -> [PaperInput] {
        (first..<first + count).map { i in
            PaperInput(arxivID: "2401." + String(format: "%05d", i), title: "Paper number \(i) on rollback journals",
                       abstract: "words of paper \(i)", categories: ["cs.DB"])
        }
    }

    static func journalMode(_ store: Store) throws -> String {
        try store.pool.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? "" }
    }

    static func paperCount(_ store: Store) throws -> Int {
        try store.pool.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM paper") ?? -1 }
    }

    @Test func aloneItWritesThroughARollbackJournalAndLeavesTheLibraryInWAL() throws {
        let (store, folder) = try makeStore()
        defer { try? FileManager.default.removeItem(at: folder) }
        var modeDuring = ""
        let counts = try store.importPapers(source: "test", bulk: true) { session in
            modeDuring = try String.fetchOne(session.db, sql: "PRAGMA journal_mode") ?? ""
            for paper in Self.papers(300) { try session.add(paper) }
        }
        #expect(modeDuring == "delete")
        #expect(counts.new == 300)
        #expect(try Self.journalMode(store) == "wal")
        #expect(try Self.paperCount(store) == 300)
        #expect(!FileManager.default.fileExists(atPath: store.path + "-journal"))
        #expect(try store.ids(matching: try QueryParser.parse("rollback")).count == 300)
    }

    @Test func besideAnotherConnectionItStaysInWALAndTheOtherSeesThePapers() throws {
        let (store, folder) = try makeStore()
        defer { try? FileManager.default.removeItem(at: folder) }
        let other = try Store(path: store.path)
        #expect(try Self.paperCount(other) == 0)
        var modeDuring = ""
        _ = try store.importPapers(source: "test", bulk: true) { session in
            modeDuring = try String.fetchOne(session.db, sql: "PRAGMA journal_mode") ?? ""
            for paper in Self.papers(50) { try session.add(paper) }
        }
        #expect(modeDuring == "wal")
        #expect(try Self.paperCount(other) == 50)
        #expect(try Self.journalMode(other) == "wal")
    }

    @Test func aFailedBulkImportKeepsNothingAndLeavesWAL() throws {
        struct Stop: Error {}
        let (store, folder) = try makeStore()
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try store.importPapers(source: "first") { session in
            for paper in Self.papers(20) { try session.add(paper) }
        }
        #expect(throws: Stop.self) {
            try store.importPapers(source: "test", bulk: true) { session in
                for paper in Self.papers(200, from: 20) { try session.add(paper) }
                throw Stop()
            }
        }
        #expect(try Self.paperCount(store) == 20)
        #expect(try Self.journalMode(store) == "wal")
        #expect(try store.pool.read { db in try String.fetchOne(db, sql: "PRAGMA integrity_check") } == "ok")
    }
}
