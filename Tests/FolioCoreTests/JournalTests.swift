import Foundation
import GRDB
import Testing
@testable import FolioCore

@Suite("Journal and undo")
struct JournalTests {
    static let ids = (1...12).map { String(format: "2401.%05d", $0) }

    /// A library of twelve papers, the second store on the same file as the reader would open it.
    static func library() throws -> (cli: Store, reader: Store, folder: URL) {
        let (store, folder) = try makeStore()
        _ = try store.importPapers(source: "t") { session in
            for (i, id) in ids.enumerated() { try session.add(PaperInput(arxivID: id, title: "Paper \(i)")) }
        }
        // These tests walk the journal of user state: they start after the import's entry is folded away.
        try store.pool.write { try $0.execute(sql: "DELETE FROM journal") }
        return (store, try Store(path: store.path, origin: .reader), folder)
    }

    /// Every row of user state, as text: what undo must give back exactly.
    static func state(_ store: Store) throws -> [String] {
        try store.pool.read { db in
            try String.fetchAll(db, sql: """
                SELECT 'star ' || paper_id || ' ' || starred_at FROM star
                UNION ALL SELECT 'read ' || paper_id || ' ' || read_at FROM read_mark
                UNION ALL SELECT 'tag ' || paper_id || ' ' || name || ' ' || tagged_at FROM tag
                UNION ALL SELECT 'note ' || paper_id || ' ' || text FROM note
                UNION ALL SELECT 'topic ' || name || ' ' || query || ' ' || created_at FROM topic
                ORDER BY 1
                """)
        }
    }

    @Test func eachChangeIsOneEntryAndUndoRedoWalkThem() throws {
        let (store, reader, folder) = try Self.library()
        defer { try? FileManager.default.removeItem(at: folder) }
        let empty = try Self.state(store)
        try store.setStarred(Array(Self.ids.prefix(3)), true)
        let starred = try Self.state(store)
        #expect(try reader.addTags(["rl", "RL", "ml"], to: Array(Self.ids.prefix(4))) == Store.TagChange(papers: 4, tags: 8))
        let tagged = try Self.state(store)
        #expect(try store.history().map(\.summary) == ["tagged 4 papers rl, ml", "starred 3 papers"])
        #expect(try store.history().map(\.origin) == [.reader, .cli])
        #expect(try store.history().map(\.changes) == [8, 3])

        // Undo crosses stores (the CLI undoes the reader's change) and goes back any number of steps.
        #expect(try store.undo().map(\.summary) == ["tagged 4 papers rl, ml"])
        #expect(try Self.state(store) == starred)
        #expect(try reader.undo().map(\.summary) == ["starred 3 papers"])
        #expect(try Self.state(store) == empty)
        #expect(try store.undo().isEmpty)
        #expect(try store.redo(steps: 5).map(\.summary) == ["starred 3 papers", "tagged 4 papers rl, ml"])
        #expect(try Self.state(store) == tagged)

        // A change that changes nothing is no entry; a new entry ends what could be redone.
        try store.setStarred([Self.ids[0]], true)
        #expect(try store.history().count == 2)
        try store.undo()
        try store.setRead([Self.ids[5]], true)
        #expect(try store.redo().isEmpty)
        #expect(try store.history().map(\.summary) == ["marked 1 paper read", "starred 3 papers"])
    }

    @Test func tagRenameMergesAndUndoSeparatesAgain() throws {
        let (store, _, folder) = try Self.library()
        defer { try? FileManager.default.removeItem(at: folder) }
        try store.addTags(["ml"], to: Array(Self.ids[0..<4]))
        try store.addTags(["machine learning"], to: Array(Self.ids[2..<6]))
        let before = try Self.state(store)
        #expect(try store.renameTag("ML", to: "Machine Learning") == 4)
        #expect(try store.tagCounts().map(\.name) == ["machine learning"])
        #expect(try store.tagCounts().map(\.count) == [6])
        #expect(try store.history().first?.summary == "renamed tag ml to machine learning on 4 papers")
        try store.undo()
        #expect(try Self.state(store) == before)
        // Only the case changes: the new spelling is taken.
        #expect(try store.renameTag("ml", to: "ML") == 4)
        #expect(try store.tagCounts().map(\.name) == ["ML", "machine learning"])
        #expect(try store.deleteTag("machine learning") == 4)
        try store.undo(steps: 2)
        #expect(try Self.state(store) == before)
    }

    @Test func topicsAddEditAndDeleteAreUndone() throws {
        let (store, _, folder) = try Self.library()
        defer { try? FileManager.default.removeItem(at: folder) }
        try store.saveTopic(name: "ir", query: "retriev*")
        let saved = try Self.state(store)
        try store.saveTopic(name: "ir", query: "retriev* OR rerank*")
        try store.removeTopic(name: "ir")
        #expect(try store.history().map(\.summary)
                == ["deleted topic ir", "changed topic ir: retriev* OR rerank*", "saved topic ir: retriev*"])
        try store.undo()
        #expect(try store.topics().map(\.query) == ["retriev* OR rerank*"])
        try store.undo()
        #expect(try Self.state(store) == saved)
        try store.undo()
        #expect(try store.topics().isEmpty)
    }

    /// Random changes from two stores; undoing one step at a time gives back every earlier state exactly,
    /// and redoing them all gives the last one.
    @Test(arguments: [1, 2, 3])
    func undoGivesBackEveryEarlierState(seed: UInt64) throws {
        let (cli, reader, folder) = try Self.library()
        defer { try? FileManager.default.removeItem(at: folder) }
        var random = SplitMix(seed: seed)
        var states = [try Self.state(cli)]
        for _ in 0..<40 {
            let store = Bool.random(using: &random) ? cli : reader
            let some = Array(Self.ids.shuffled(using: &random).prefix(Int.random(in: 1...5, using: &random)))
            let tag = ["a", "B", "c d"].randomElement(using: &random)!
            switch Int.random(in: 0..<9, using: &random) {
            case 8: try store.setNote(some[0], ["", "idea", "idea\nmore"].randomElement(using: &random)!)
            case 0: try store.setStarred(some, Bool.random(using: &random))
            case 1: try store.setRead(some, Bool.random(using: &random))
            case 2: try store.addTags([tag], to: some)
            case 3: try store.removeTags([tag], from: some)
            case 4: try store.renameTag(tag, to: ["a", "b", "e"].randomElement(using: &random)!)
            case 5: try store.deleteTag(tag)
            case 6: try store.saveTopic(name: tag, query: ["x", "y OR z"].randomElement(using: &random)!)
            default: try store.removeTopic(name: tag)
            }
            let now = try Self.state(cli)
            if now != states.last! { states.append(now) }
        }
        #expect(try cli.history(limit: 100).count == states.count - 1)
        for expected in states.dropLast().reversed() {
            try (Bool.random(using: &random) ? cli : reader).undo()
            #expect(try Self.state(cli) == expected)
        }
        #expect(try cli.undo().isEmpty)
        try reader.redo(steps: 100)
        #expect(try Self.state(cli) == states.last!)
    }

    @Test func aPaperKnownByAnOlderIDIsUndoneUnderItsNewOne() throws {
        let (store, folder) = try makeStore()
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try store.importPapers(source: "page") { try $0.add(PaperInput(title: "A Paper Without Its Id Yet")) }
        let titleID = try #require(try store.papers().first?.id)
        try store.setStarred([titleID], true)
        try store.setStarred([titleID], false)
        _ = try store.importPapers(source: "api") { try $0.add(PaperInput(arxivID: "2401.00077", title: "A Paper Without Its Id Yet")) }
        // The import's own entry folded away (its undo is ImportUndoTests'): the unstar is next.
        try store.pool.write { try $0.execute(sql: "DELETE FROM journal WHERE seq = (SELECT max(seq) FROM journal)") }
        try store.undo()
        #expect(try store.paper(id: "2401.00077")?.isStarred == true)
    }

    @Test func oldEntriesAreFoldedAwayLeavingTheState() throws {
        let (store, folder) = try makeStore()
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try store.importPapers(source: "t") { session in
            for id in Self.ids { try session.add(PaperInput(arxivID: id, title: "Paper \(id)")) }
        }
        // Young entries stay whatever their number; past the days, only the newest `entries` stay.
        let young = try Store(path: store.path, journalBounds: JournalBounds(entries: 3, days: 90))
        for id in Self.ids.prefix(5) { try young.setStarred([id], true) }
        #expect(try store.history(limit: 100).count == 6, "the import and five stars")
        let old = try Store(path: store.path, journalBounds: JournalBounds(entries: 3, days: 0))
        try old.setStarred([Self.ids[5]], true)
        #expect(try store.history(limit: 100).map(\.summary) == ["starred 1 paper", "starred 1 paper", "starred 1 paper"])
        #expect(try store.papers(PaperFilter(starredOnly: true)).count == 6)
        try store.undo(steps: 10)
        #expect(try store.papers(PaperFilter(starredOnly: true)).count == 3, "the folded entries' stars stay")
    }

    @Test func countsAreWrittenWithThousands() {
        #expect(papersCount(1) == "1 paper")
        #expect(papersCount(0) == "0 papers")
        #expect(papersCount(1204) == "1,204 papers")
        #expect(papersCount(1_000_000) == "1,000,000 papers")
        #expect(papersCount(999) == "999 papers")
        #expect(groupedDigits(-1234567) == "-1,234,567")
    }
}
