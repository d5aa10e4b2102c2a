import Foundation
import GRDB
import Testing
@testable import FolioCore

/// A paper's note: kept as the user wrote it, journaled like a star, found by `note:` and `has:note`,
/// and carried by every export that can hold it.
@Suite("Notes")
struct NoteTests {
    static func sample() throws -> (Store, URL, [String]) {
        let (store, folder) = try makeStore()
        _ = try LibraryImport(store: store).importDocument(Data(SamplePage.text.utf8), format: .hfPage, source: "sample")
        return (store, folder, try store.papers().map(\.id))
    }

    @Test func aNoteIsKeptTrimmedAndAnEmptyOneRemovesIt() throws {
        let (store, folder, ids) = try Self.sample()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(try store.setNote(ids[0], "\n\nFirst thought.  \r\nSecond line\t\n\n"))
        #expect(try store.paper(id: ids[0])?.note == "First thought.\nSecond line")
        #expect(try !store.setNote(ids[0], "First thought.\nSecond line\n"), "an editor's last newline is no change")
        #expect(try store.setNote(ids[0], " \n "))
        #expect(try store.paper(id: ids[0])?.note == nil)
        #expect(throws: LibraryError.self) { try store.setNote("no-such-paper", "x") }
    }

    @Test func notesAreUndoneAndRedoneAsOneEntryEach() throws {
        let (store, folder, ids) = try Self.sample()
        defer { try? FileManager.default.removeItem(at: folder) }
        try store.setNote(ids[1], "one")
        try store.setNote(ids[1], "two")
        try store.setNote(ids[1], "")
        #expect(try store.history(limit: 3).map(\.summary) == ["removed the note of \(ids[1])", "noted \(ids[1])", "noted \(ids[1])"])
        _ = try store.undo()
        #expect(try store.paper(id: ids[1])?.note == "two")
        _ = try store.undo()
        #expect(try store.paper(id: ids[1])?.note == "one")
        _ = try store.undo()
        #expect(try store.paper(id: ids[1])?.note == nil)
        _ = try store.redo(steps: 2)
        #expect(try store.paper(id: ids[1])?.note == "two")
    }

    /// `note:` and `has:note` through the resolver (what the reader and `folio list` use) equal the matcher
    /// on every paper, for words, prefixes of none, phrases and negations.
    @Test func noteQueriesAgreeWithTheMatcher() throws {
        let (store, folder, ids) = try Self.sample()
        defer { try? FileManager.default.removeItem(at: folder) }
        try store.setNote(ids[0], "Great baseline for dense retrieval.")
        try store.setNote(ids[5], "Retrieval? No: a ranking paper. Try the dense-retrieval one.")
        try store.setNote(ids[9], "Théorème: check the proof")
        let resolver = QueryResolver(store: store)
        let papers = try store.papers()
        let nums = try store.pool.read { db in
            try Dictionary(uniqueKeysWithValues: Row.fetchAll(db, sql: "SELECT id, num FROM paper").map { ($0[0] as String, $0[1] as Int64) })
        }
        for text in ["note:retrieval", "note:\"dense retrieval\"", "note:theoreme", "has:note", "-has:note", "note:proof OR note:baseline",
                     "note:ranking retrieval", "-note:dense", "note:missing"] {
            let query = try QueryParser.parse(text)
            let expected = Set(papers.filter { query.matches(PaperFacts($0)) }.map { nums[$0.id]! })
            let resolved = Set(try resolver.exact(query).nums)
            #expect(resolved == expected, "\(text)")
        }
        #expect(Set(try resolver.exact(try QueryParser.parse("note:\"dense retrieval\"")).nums) == [nums[ids[0]]!, nums[ids[5]]!])
        #expect(try resolver.exact(try QueryParser.parse("has:note")).count == 3)
        #expect(try QueryParser.parse("note:\"dense retrieval\"").description == "note:\"dense retrieval\"")
    }

    /// Exported as folio-json and imported into an empty library: the same notes on the same papers.
    @Test func notesRoundTripThroughFolioJSON() throws {
        let (store, folder, ids) = try Self.sample()
        defer { try? FileManager.default.removeItem(at: folder) }
        let notes = [ids[2]: "Line one with \"quotes\" and \\backslash\nline two: ünïcode ✓", ids[7]: "short"]
        for (id, text) in notes { try store.setNote(id, text) }
        var json = ""
        try Exporter(store: store).export(try store.papers(), format: .folioJSON) { json += $0 }
        let (second, secondFolder) = try makeStore()
        defer { try? FileManager.default.removeItem(at: secondFolder) }
        _ = try LibraryImport(store: second).importDocument(Data(json.utf8), format: .folioJSON, source: "backup")
        let restored = Dictionary(uniqueKeysWithValues: try second.papers().compactMap { p in p.note.map { (p.id, $0) } })
        #expect(restored == notes)
        // A restore keeps a note the library has, and a note already there is not doubled.
        try second.setNote(ids[7], "written since")
        _ = try LibraryImport(store: second).importDocument(Data(json.utf8), format: .folioJSON, source: "backup")
        #expect(try second.paper(id: ids[7])?.note == "written since")
    }

    /// A paper first known by its title that gets its arXiv id keeps its note (and its PDF row), as it
    /// keeps its star.
    @Test func aNoteFollowsAPaperWhoseIDChanges() throws {
        let (store, folder) = try makeStore()
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try store.importPapers(source: "page") { try $0.add(PaperInput(title: "A Paper Without Its Id Yet")) }
        let titleID = try #require(try store.papers().first?.id)
        try store.setNote(titleID, "seen on the daily page")
        try store.recordPDF(paperID: titleID, path: "/nowhere/x.pdf", bytes: 3)
        _ = try store.importPapers(source: "api") { try $0.add(PaperInput(arxivID: "2401.00077", title: "A Paper Without Its Id Yet")) }
        let paper = try #require(try store.paper(id: "2401.00077"))
        #expect(paper.id == "2401.00077")
        #expect(paper.note == "seen on the daily page")
        #expect(paper.pdfFile == "/nowhere/x.pdf")
        #expect(try store.paper(id: titleID)?.note == "seen on the daily page", "the old id still names it")
    }

    @Test func markdownQuotesTheNote() throws {
        let (store, folder, ids) = try Self.sample()
        defer { try? FileManager.default.removeItem(at: folder) }
        try store.setNote(ids[0], "Worth *reading*\nagain")
        var markdown = ""
        try Exporter(store: store).export([try #require(try store.paper(id: ids[0]))], format: .markdown) { markdown += $0 }
        #expect(markdown.hasSuffix("\n\n> **Note:** Worth \\*reading\\*\n> again\n\n"), "\(markdown)")
    }
}
