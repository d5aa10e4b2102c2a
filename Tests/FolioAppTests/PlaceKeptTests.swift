import FolioCore
import TerminalUI
import Testing
@testable import FolioApp

/// Your place is kept: the selection, the view and the filter after changes that move papers out of the list.
@Suite("place kept")
struct PlaceKeptTests {
    /// 51 unread of 54 (three read), as on the sample page after reading three.
    static func sample() -> MemoryLibrary {
        var library = MemoryLibrary.numbered(54)
        for i in [10, 20, 30] { library.papers[i].readAt = "2026-03-19T00:00:00Z" }
        return library
    }

    static func choose(_ app: inout StateDriver, _ view: LibraryView) {
        let index = app.state.sidebarEntries.firstIndex { $0.view == view }!
        app.state.focus = .sidebar
        app.state.chooseSidebarEntry(index)
        app.press(.enter)  // Enter on the sidebar moves to the list
    }

    @Test func readingAPaperInUnreadSelectsThePaperAfterIt() {
        var app = StateDriver(Self.sample())
        Self.choose(&app, .unread)
        app.press(.char("j"), .char("j"))
        #expect(app.statusLine.hasPrefix(" 3/51 "))
        let next = app.state.list.paper(at: 3)?.id
        app.press(.char("r"))
        #expect(app.statusLine.hasPrefix(" 3/50 "), "\(app.statusLine)")
        #expect(app.state.selectedPaper?.id == next)
    }

    @Test func unstarringTheLastStarredPaperSelectsTheOneBefore() {
        var library = Self.sample()
        for i in [1, 2, 3, 4] { library.papers[i].starredAt = "2026-03-19T00:00:00Z" }
        var app = StateDriver(library)
        Self.choose(&app, .starred)
        app.press(.char("G"))
        #expect(app.statusLine.hasPrefix(" 4/4 "))
        let before = app.state.list.paper(at: 2)?.id
        app.press(.char("s"))
        #expect(app.statusLine.hasPrefix(" 3/3 "))
        #expect(app.state.selectedPaper?.id == before)
    }

    @Test func readingFullScreenInUnreadKeepsThePaperUntilTheViewIsLeft() {
        var app = StateDriver(Self.sample())
        Self.choose(&app, .unread)
        app.press(.char("j"), .char("j"), .char("j"), .char("j"))
        let read = app.state.selectedPaper?.id
        let next = app.state.list.paper(at: 5)?.id
        app.press(.enter)
        #expect(app.state.selectedPaper?.id == read, "the paper being read stays on the screen once it is marked read")
        #expect(app.state.selectedPaper?.isRead == true)
        app.press(.char("q"))
        #expect(app.state.mode == .browse)
        #expect(app.statusLine.hasPrefix(" 5/51 "), "\(app.statusLine)")
        #expect(app.state.selectedPaper?.id == read)
        app.press(.char("j"))
        #expect(app.state.selectedPaper?.id == next)
        Self.choose(&app, .all)
        Self.choose(&app, .unread)
        #expect(app.state.list.count == 50, "back in Unread, the read paper is gone")
    }

    @Test func deletingTheTopicShownGoesToAll() {
        var library = Self.sample()
        library.topics = [Topic(name: "ir", query: "retriev*", createdAt: "")]
        var app = StateDriver(library)
        Self.choose(&app, .topic("ir"))
        #expect(app.header.contains("─ topic: ir"))
        app.state.focus = .sidebar
        app.press(.char("D"), .char("y"))
        #expect(app.library.topics.isEmpty)
        #expect(app.state.view == .all)
        #expect(app.header.contains("54 of 54 ─ All"))
    }

    @Test func theFilterIsKeptAsTyped() throws {
        var app = StateDriver(Self.sample())
        app.press(.char("/"))
        app.type("(retrieval OR rank) -dense")
        app.press(.enter)
        #expect(app.state.filterText == "(retrieval OR rank) -dense")
        #expect(app.header.contains("/(retrieval OR rank) -dense "))
        app.press(.char("S"))
        app.type("ir")
        app.press(.enter)
        #expect(app.library.topics.first?.query == "(retrieval OR rank) -dense")
        app.press(.char("/"), .ctrl("u"))
        app.type("straße")
        app.press(.enter)
        #expect(app.header.contains("/straße "))
        // The word was a prefix while typed; the status line says how to keep it one.
        app.press(.char("/"), .ctrl("u"))
        app.type("retriev")
        #expect(app.state.list.count > 0)
        app.press(.enter)
        #expect(app.state.filterText == "retriev")
        #expect(app.statusLine.contains("retriev* matches words starting with it"))
    }

    @Test func enterOnAnInvalidFilterKeepsThePromptWithTheError() {
        var app = StateDriver(Self.sample())
        app.press(.char("/"))
        app.type("(graph OR rag")
        app.press(.enter)
        #expect(app.state.prompt?.kind == .filter)
        #expect(app.statusLine.contains("expected ')'"))
        app.type(")")
        app.press(.enter)
        #expect(app.state.prompt == nil)
        #expect(app.state.filterQuery != nil)
    }

    @Test func savingOverAnExistingTopicAsksFirst() {
        var library = Self.sample()
        library.topics = [Topic(name: "ir", query: "retriev*", createdAt: "")]
        var app = StateDriver(library)
        app.press(.char("/"))
        app.type("dense")
        app.press(.enter, .char("S"))
        app.type("ir")
        app.press(.enter)
        #expect(app.statusLine.contains("replace topic ir? (y/n)"))
        app.press(.char("n"))
        #expect(app.library.topics.first?.query == "retriev*")
        app.press(.char("S"))
        app.type("ir")
        app.press(.enter, .char("y"))
        #expect(app.library.topics.first?.query == "dense")
    }

    @Test func deleteAsksAndOnlyYDeletes() {
        var library = Self.sample()
        library.topics = [Topic(name: "ir", query: "retriev*", createdAt: "")]
        var app = StateDriver(library)
        Self.choose(&app, .topic("ir"))
        for answer in [Key.enter, .char("n"), .escape, .char("x")] {
            app.press(.char("D"))
            #expect(app.statusLine.contains("delete topic ir? (y/n)"))
            app.press(answer)
            #expect(app.library.topics.count == 1, "\(answer.label) does not delete")
        }
        app.press(.char("D"), .char("y"))
        #expect(app.library.topics.isEmpty)
    }
}
