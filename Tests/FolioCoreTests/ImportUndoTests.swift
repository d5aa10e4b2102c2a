import Foundation
import GRDB
import Testing
@testable import FolioCore

@Suite("Undo and redo of imports and fetches")
struct ImportUndoTests {
    /// Every paper row (all columns), every row of user state and every alias: what undo and redo must
    /// give back exactly.
    static func snapshot(_ store: Store) throws -> [String] {
        try store.pool.read { db in
            try String.fetchAll(db, sql: "SELECT \(PaperRecord.asJSON) FROM paper ORDER BY num")
                + String.fetchAll(db, sql: "SELECT alias || ' ' || paper_id FROM paper_alias ORDER BY alias")
        } + JournalTests.state(store)
    }

    static func ids(_ store: Store) throws -> [String] { try store.papers(PaperFilter()).map(\.id).sorted() }

    @Test func undoTakesOutTheAddedPapersAndPutsBackTheChangedOnes() throws {
        let (store, folder) = try makeStore()
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try store.importPapers(source: "monday.jsonl") { session in
            for i in 1...3 { try session.add(PaperInput(arxivID: "2401.0000\(i)", title: "Dense retrieval \(i)", published: "2024-01-0\(i)")) }
        }
        try store.setStarred(["2401.00002"], true)
        let monday = try Self.snapshot(store)
        let counts = try store.importPapers(source: "tuesday.jsonl") { session in
            try session.add(PaperInput(arxivID: "2401.00002", title: "Sparse ranking", abstract: "New words", published: "2023-12-30"))
            try session.add(PaperInput(arxivID: "2401.00003", title: "Dense retrieval 3"))  // unchanged
            for i in 4...5 { try session.add(PaperInput(arxivID: "2401.0000\(i)", title: "Graph transformer \(i)")) }
            try session.add(PaperInput(arxivID: "2401.00004", title: "Graph transformer 4, revised"))  // twice in one import
        }
        #expect(counts.new == 2 && counts.updated == 2)
        let tuesday = try Self.snapshot(store)
        #expect(try store.history(limit: 1).map(\.summary) == ["imported 4 papers from tuesday.jsonl (2 new, 2 updated)"])
        #expect(try store.history(limit: 1).map(\.changes) == [3], "two papers added, one earlier paper changed")

        #expect(try store.undo().map(\.summary) == ["imported 4 papers from tuesday.jsonl (2 new, 2 updated)"])
        #expect(try Self.snapshot(store) == monday)
        try Self.expectIndexAgreesOnTheirWords(store)
        #expect(try store.redo().count == 1)
        #expect(try Self.snapshot(store) == tuesday)
        try Self.expectIndexAgreesOnTheirWords(store)
        // Back past the star and Monday's import: an empty library, then all of it again.
        #expect(try store.undo(steps: 3).map(\.summary) == [
            "imported 4 papers from tuesday.jsonl (2 new, 2 updated)", "starred 1 paper", "imported 3 papers from monday.jsonl (3 new, 0 updated)"])
        #expect(try Self.ids(store).isEmpty)
        try Self.expectIndexAgreesOnTheirWords(store)
        try store.redo(steps: 3)
        #expect(try Self.snapshot(store) == tuesday)
        try Self.expectIndexAgreesOnTheirWords(store)
    }

    static func expectIndexAgreesOnTheirWords(_ store: Store, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let index = SearchIndex(store: store)
        for text in ["dense", "sparse", "graph*", "ranking OR retrieval", "\"graph transformer\"", "-dense", "year:2024", "revised"] {
            _ = try expectIndexAgrees(store, index, text, sourceLocation: sourceLocation)
        }
    }

    /// A paper that got user state outside the journal (here written straight to the table) is kept.
    @Test func undoKeepsAnAddedPaperThatCarriesUserState() throws {
        let (store, folder) = try makeStore()
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try store.importPapers(source: "a") { session in
            for i in 1...3 { try session.add(PaperInput(arxivID: "2401.0000\(i)", title: "Paper \(i)")) }
        }
        try store.pool.write { db in try db.execute(sql: "INSERT INTO tag (paper_id, name, tagged_at) VALUES ('2401.00002', 'kept', 'now')") }
        try store.undo()
        #expect(try Self.ids(store) == ["2401.00002"])
        try store.redo()
        #expect(try Self.ids(store) == ["2401.00001", "2401.00002", "2401.00003"])
        try Self.expectIndexAgreesOnTheirWords(store)
    }

    /// A paper first seen on the Daily Papers page (no arXiv id) takes its arXiv id from a later import;
    /// undoing that import gives it its old id back, its star following, and drops the alias.
    @Test func undoGivesAPaperItsOldIdBack() throws {
        let (store, folder) = try makeStore()
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try store.importPapers(source: "page") { try $0.add(PaperInput(title: "Sparse retrieval at scale")) }
        let id = try Self.ids(store)[0]
        try store.setStarred([id], true)
        let before = try Self.snapshot(store)
        _ = try store.importPapers(source: "arxiv") { try $0.add(PaperInput(arxivID: "2401.00009", title: "Sparse retrieval at scale", abstract: "Words")) }
        #expect(try Self.ids(store) == ["2401.00009"])
        #expect(try store.papers(PaperFilter()).first?.isStarred == true)
        let after = try Self.snapshot(store)
        try store.undo()
        #expect(try Self.snapshot(store) == before)
        try store.redo()
        #expect(try Self.snapshot(store) == after)
        try Self.expectIndexAgreesOnTheirWords(store)
    }

    /// Undoing a fetch puts the source's state back and forgets its validators: the next fetch asks again
    /// for what the undo took out, instead of hearing "not modified".
    @Test func undoingAFetchForgetsItsValidators() throws {
        let (store, folder) = try makeStore()
        defer { try? FileManager.default.removeItem(at: folder) }
        let validator = FetchValidator(url: "http://127.0.0.1/rss", etag: "\"v1\"", lastModified: nil)
        _ = try store.recordFetch(source: "rss", papers: [PaperInput(arxivID: "2401.00001", title: "One")], validators: [validator], day: "2026-12-01")
        let first = try store.fetchState(source: "rss")
        _ = try store.recordFetch(source: "rss", papers: [PaperInput(arxivID: "2401.00002", title: "Two")], validators: [validator], day: "2026-12-02")
        // A fetch that brings nothing new is no entry.
        _ = try store.recordFetch(source: "rss", papers: [PaperInput(arxivID: "2401.00002", title: "Two")], validators: [validator], day: "2026-12-02")
        let entries = try store.history()
        #expect(entries.map(\.origin) == [.fetch, .fetch])
        #expect(entries.map(\.summary) == ["imported 1 paper from fetch:rss (1 new, 0 updated)", "imported 1 paper from fetch:rss (1 new, 0 updated)"])
        try store.undo()
        #expect(try Self.ids(store) == ["2401.00001"])
        #expect(try store.fetchState(source: "rss") == first)
        #expect(try store.validator(url: validator.url) == nil)
        try store.undo()
        #expect(try store.fetchState(source: "rss") == nil)
    }

    /// Random imports (new papers and new text for old ones), stars and tags, undone and redone any
    /// number of steps: each undo or redo gives back exactly the library after that many entries, and the
    /// index answers as the matcher does.
    @Test(arguments: [1, 2, 3, 4, 5, 6] as [UInt64])
    func randomImportsUndoneAndRedoneGiveEachLibraryBack(seed: UInt64) throws {
        let (store, folder) = try makeStore(policy: SegmentMergePolicy(fanOut: 2, base: 2))
        defer { try? FileManager.default.removeItem(at: folder) }
        var library = RandomLibrary(seed: seed)
        var steps = SplitMix(seed: seed &+ 77)
        var states = [try Self.snapshot(store)], position = 0
        func applied() throws -> Int { try store.history(limit: 10_000).filter { !$0.undone }.count }
        for step in 0..<60 {
            let before = try applied()
            switch steps.next() % 6 {
            case 0, 1:
                let count = 1 + Int(steps.next() % 12)
                _ = try store.importPapers(source: "day \(step)") { session in
                    for _ in 0..<count {
                        library.imported += 1
                        try session.add(library.paper(library.imported))
                    }
                }
            case 2 where library.imported > 0:
                try library.changeSome(in: store, count: 1 + Int(steps.next() % 6))
            case 3 where library.imported > 0:
                let known = try Self.ids(store)
                guard !known.isEmpty else { continue }
                let ids = (0..<3).map { _ in known[Int(steps.next() % UInt64(known.count))] }
                if steps.next() % 2 == 0 { try store.setStarred(ids, true) } else { try store.addTags(["hot"], to: ids) }
            case 4:
                let walked = try store.undo(steps: 1 + Int(steps.next() % 3)).count
                position -= walked
                #expect(try Self.snapshot(store) == states[position], "undo at step \(step)")
                continue
            default:
                let walked = try store.redo(steps: 1 + Int(steps.next() % 3)).count
                position += walked
                #expect(try Self.snapshot(store) == states[position], "redo at step \(step)")
                continue
            }
            if try applied() > before {
                states = Array(states.prefix(position + 1)) + [try Self.snapshot(store)]
                position += 1
            }
            if step % 10 == 9 {
                let index = SearchIndex(store: store)
                for _ in 0..<15 { _ = try expectIndexAgrees(store, index, library.randomQuery()) }
            }
        }
        try store.undo(steps: position)
        #expect(try Self.ids(store).isEmpty)
        let index = SearchIndex(store: store)
        for _ in 0..<10 { _ = try expectIndexAgrees(store, index, library.randomQuery()) }
    }
}
