@testable import FolioApp
@testable import FolioCore
import Testing
import TerminalUI

/// Marks, `;`, catch-up and the question before a change to many papers, driven key by key.
struct MarkTests {
    @Test func markThreeTagThemUndoRedo() throws {
        var app = StateDriver(.numbered(20), width: 100, height: 20)
        app.press(.char("m"), .char("m"), .char("m"))
        #expect(app.state.marked == [1, 2, 3])
        #expect(app.state.selectedPosition == 3, "m moves on")
        #expect(app.lines.filter { $0.contains("•") }.count == 3)
        #expect(app.lines.last?.contains("3 marked") == true)
        // `m` again on a marked paper unmarks it.
        app.press(.char("k"), .char("m"))
        #expect(app.state.marked == [1, 2])
        app.press(.char("k"), .char("m"))
        #expect(app.state.marked == [1, 2, 3])

        app.press(.char("t"))
        app.type("rl")
        app.press(.enter)
        #expect(app.state.prompt?.label == "Tag 3 papers with rl? (y/n) ")
        #expect(app.library.papers.allSatisfy { $0.tags.isEmpty }, "nothing changes before the answer")
        app.press(.char("y"))
        #expect(app.library.papers.prefix(3).allSatisfy { $0.tags == ["rl"] })
        #expect(app.library.papers.dropFirst(3).allSatisfy { $0.tags.isEmpty })
        app.press(.char("u"))
        #expect(app.library.papers.allSatisfy { $0.tags.isEmpty })
        app.press(.ctrl("r"))
        #expect(app.library.papers.prefix(3).allSatisfy { $0.tags == ["rl"] })

        // `n` answers no; `c` clears the marks, and `s` is again the selected paper's alone.
        app.press(.char("s"))
        #expect(app.state.prompt?.label == "Star 3 papers? (y/n) ")
        app.press(.char("n"))
        #expect(!app.library.papers.contains { $0.isStarred })
        app.press(.char("c"), .char("s"))
        #expect(app.state.marked.isEmpty)
        #expect(app.library.papers.filter(\.isStarred).map(\.id) == [app.library.papers[3].id])
    }

    @Test func semicolonActsOnTheFilteredViewAfterTheQuestion() throws {
        var library = MemoryLibrary.numbered(30)
        for i in [4, 9, 14, 22] { library.papers[i].metadata.title = "Quantum paper \(i)" }
        var app = StateDriver(library, width: 100, height: 20)
        app.press(.char("/"))
        app.type("quantum")
        app.press(.enter)
        #expect(app.state.list.count == 4)
        app.press(.char(";"), .char("t"))
        app.type("qc")
        app.press(.enter)
        #expect(app.state.prompt?.label == "Tag 4 papers with qc? (y/n) ")
        app.press(.char("y"))
        #expect(app.library.papers.filter { $0.tags == ["qc"] }.map(\.title).allSatisfy { $0.hasPrefix("Quantum") })
        #expect(app.library.papers.filter { $0.tags == ["qc"] }.count == 4)
        // `;` lasts for one action: the next `s` stars the selected paper alone.
        app.press(.char("s"))
        #expect(app.library.papers.filter(\.isStarred).count == 1)
        // Any other key in between ends it.
        app.press(.char(";"), .char("j"), .char("r"))
        #expect(app.state.prompt == nil)
        #expect(app.library.papers.filter(\.isRead).count == 1)
    }

    @Test func catchUpMarksTheViewReadAndUndoGivesItBack() throws {
        var app = StateDriver(.numbered(12), width: 100, height: 20)
        app.press(.char("A"))
        #expect(app.state.prompt?.label == "Mark 12 papers read? (y/n) ")
        app.press(.char("y"))
        #expect(app.library.papers.allSatisfy { $0.isRead })
        app.press(.char("u"))
        #expect(!app.library.papers.contains { $0.isRead })
        app.press(.char("u"))
        #expect(app.state.status?.text == "nothing to undo")
    }

    @Test func markAllMarksTheWholeViewNotOnlyTheLoadedRows() throws {
        var app = StateDriver(.numbered(500), width: 100, height: 20)
        app.press(.char("M"))
        #expect(app.state.marked.count == 500)
        #expect(app.lines.last?.contains("500 marked") == true)
        app.press(.char("T"))
        app.press(.escape)
        #expect(app.state.pendingBulk == nil)
        app.press(.char("r"))
        #expect(app.state.prompt?.label == "Mark 500 papers read? (y/n) ")
    }

    @Test func aTagChosenInTheSidebarIsRenamedOrRemoved() throws {
        var library = MemoryLibrary.numbered(10)
        for i in 0..<4 { library.papers[i].tags = ["ml"] }
        for i in 2..<6 { library.papers[i].tags.append("learning") }
        var app = StateDriver(library, width: 100, height: 24)
        app.press(.backTab, .char("j"), .char("j"), .char("j"), .char("j"), .char("j"))  // past For you
        #expect(app.state.view == .tag("learning"))
        app.press(.char("j"))
        #expect(app.state.view == .tag("ml"))
        app.press(.char("e"))
        #expect(app.state.prompt?.label == "rename tag ml to: ")
        app.press(.ctrl("u"))
        app.type("learning")
        app.press(.enter)
        #expect(app.library.papers.filter { $0.tags == ["learning"] }.count == 6)
        #expect(app.state.view == .all, "the renamed tag's view is gone")
        app.press(.char("u"))
        #expect(app.library.papers.filter { $0.tags.contains("ml") }.count == 4)

        #expect(app.state.focus == .sidebar, "the sidebar keeps the keys")
        app.press(.char("g"), .char("j"), .char("j"), .char("j"), .char("j"), .char("j"), .char("j"))
        #expect(app.state.view == .tag("ml"))
        app.press(.char("D"))
        #expect(app.state.prompt?.label == "remove tag ml from 4 papers? (y/n) ")
        app.press(.char("y"))
        #expect(!app.library.papers.contains { $0.tags.contains("ml") })
        app.press(.char("u"))
        #expect(app.library.papers.filter { $0.tags.contains("ml") }.count == 4)
    }

    @Test func everyNewKeyIsInTheHelp() {
        let help = HelpView.lines(.standard).joined(separator: "\n")
        for action in [Action.mark, .markAll, .clearMarks, .forView, .catchUp, .undo, .redo] {
            #expect(help.contains(action.rawValue), "\(action)")
        }
    }
}

extension MarkTests {
    /// An undo that takes a tag away makes the selected paper's pane a line shorter: read to its end,
    /// the pane then ends where the paper does (found by the random events of CI's million).
    @Test func undoShorteningThePaperKeepsThePaneInsideIt() throws {
        var app = StateDriver(MemoryLibrary(papers: [MemoryLibrary.paper(0, abstract: RandomEvents.longAbstract)]), width: 120, height: 30)
        app.press(.char("t"))
        app.type("rl")
        app.press(.enter, .tab, .char("G"))
        let tagged = app.state.paneScrollLimit
        #expect(app.state.focus == .pane && tagged > 0 && app.state.paneScroll == tagged)
        app.press(.char("u"))
        #expect(app.library.papers[0].tags.isEmpty)
        #expect(app.state.paneScrollLimit < tagged)
        #expect(app.state.paneScroll == app.state.paneScrollLimit)
    }
}
