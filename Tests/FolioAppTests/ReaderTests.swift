import Foundation
import Testing
import TerminalUI
@testable import FolioApp
@testable import FolioCore

@Suite("Reader")
struct ReaderTests {
    @Test func wideScreenShowsSidebarListAndAbstract() throws {
        let lib = try SampleLibrary()
        let app = lib.runtime()
        #expect(app.state.layout.kind == .wide)
        #expect(app.lines[0].contains("Folio ─ library.sqlite"))
        #expect(app.lines[0].contains("54 of 54"))
        #expect(app.text.contains("┌ Library"))
        #expect(app.text.contains("┌ Papers"))
        #expect(app.text.contains("┌ Abstract"))
        #expect(app.text.contains("03-18 Improved Active Multi-Task Representation"))
        #expect(app.lines[39].contains("1/54"))
    }

    @Test func jThreeTimesSelectsTheFourthPaperAndThePaneFollows() throws {
        let lib = try SampleLibrary()
        let app = lib.runtime()
        app.press(.char("j"), .char("j"), .char("j"))
        let fourth = app.listed[3]
        #expect(app.state.selectedID == fourth.id)
        #expect(app.lines[39].contains("4/54"))
        let pane = try #require(app.state.layout.pane)
        let paneText = app.lines.map { String($0.dropFirst(pane.x)) }.joined(separator: "\n")
        #expect(paneText.contains(String(fourth.metadata.abstract.prefix(20))))
        // The selected row is drawn in reverse video.
        let listInner = app.state.layout.inner(app.state.layout.list)
        let line = try #require(app.state.shownLines.firstIndex(of: .paper(3)), "below a day's separator or not")
        #expect(app.screen.backend.memory.style(atX: listInner.x + 3, y: listInner.y + line).attributes.contains(.reverse))
        #expect(!app.screen.backend.memory.style(atX: listInner.x + 3, y: listInner.y + line - 1).attributes.contains(.reverse))
    }

    @Test func starAndTagsAreWrittenAtOnceAndShown() throws {
        let lib = try SampleLibrary()
        let app = lib.runtime()
        app.press(.char("j"), .char("j"), .char("j"), .char("s"))
        let id = try #require(app.state.selectedID)
        #expect(try lib.store.paper(id: id)?.isStarred == true)
        app.press(.char("t"))
        app.type("lasso, theory")
        #expect(app.lines[39].hasPrefix("tags: lasso, theory"))
        app.press(.enter)
        #expect(try lib.store.paper(id: id)?.tags == ["lasso", "theory"])
        let row = try #require(app.lines.first { $0.contains("★ 03-18") })
        #expect(row.contains("lasso,theory"))
        #expect(app.text.contains("tags: lasso, theory"))
        #expect(app.text.contains(" lasso "))  // in the sidebar, with its count
        // T removes one, chosen from the paper's tags.
        app.press(.char("T"))
        app.type("th")
        app.press(.enter)
        #expect(try lib.store.paper(id: id)?.tags == ["lasso"])
    }

    @Test func tagPromptCompletesExistingTags() throws {
        let lib = try SampleLibrary()
        let first = try #require(try lib.store.papers().first)
        try lib.store.addTags(["reinforcement", "retrieval"], to: first.id)
        let app = lib.runtime()
        app.press(.char("j"), .char("t"))
        app.type("ret")
        app.press(.tab)
        #expect(app.state.prompt?.text == "retrieval")
        app.type(", re")
        #expect(app.state.completions(for: try #require(app.state.prompt)) == ["reinforcement"])
    }

    @Test func enterReadsFullScreenAndMarksRead() throws {
        let lib = try SampleLibrary()
        let app = lib.runtime()
        app.press(.enter)
        #expect(app.state.mode == .reading)
        #expect(app.text.contains("┌ Paper"))
        #expect(try lib.store.paper(id: try #require(app.state.selectedID))?.isRead == true)
        app.press(.char("q"))
        #expect(app.state.mode == .browse)
        #expect(!app.state.quitRequested)
        app.press(.char("q"))
        #expect(app.state.quitRequested)
    }

    @Test func filterNarrowsAsYouTypeAndEscClears() throws {
        let lib = try SampleLibrary()
        let app = lib.runtime()
        app.press(.char("/"))
        app.type("lasso")
        #expect(app.listed.count < 54 && !app.listed.isEmpty)
        #expect(app.listed.allSatisfy { ($0.title + $0.metadata.abstract).lowercased().contains("lasso") })
        app.press(.enter)
        #expect(app.lines[0].contains("/lasso"))
        app.press(.escape)
        #expect(app.listed.count == 54)
    }

    @Test(arguments: [(200, 50), (80, 24), (40, 12), (20, 6), (120, 40), (10, 3), (1, 1)])
    func everySizeRendersAndKeepsTheSelection(width: Int, height: Int) throws {
        let lib = try SampleLibrary()
        let app = lib.runtime()
        app.press(.char("G"), .char("k"))
        let selected = app.state.selectedID
        app.resize(width: width, height: height)
        #expect(app.state.selectedID == selected)
        // Each row as wide as the terminal: a grapheme measured one way and drawn another would break it.
        #expect(app.lines.allSatisfy { DisplayWidth.of($0) == width })
        if height >= 3 {
            let index = try #require(app.state.selectedPosition)
            let rows = app.state.layout.listRows
            #expect(index >= app.state.listOffset && index < app.state.listOffset + rows, "selection visible")
        }
        if width >= 20 && height >= 6 {
            #expect(app.lines[height - 1].contains("53/54"))
        }
    }

    @Test func mediumScreensStackTheAbstractUnderTheList() throws {
        let lib = try SampleLibrary()
        let app = lib.runtime(width: 80, height: 24)
        let layout = app.state.layout
        #expect(layout.kind == .stacked)
        #expect(try #require(layout.pane).y > layout.list.y)
        let small = lib.runtime(width: 40, height: 12)
        #expect(small.state.layout.kind == .listOnly)
    }

    @Test func helpListsEveryBindingFromTheKeymap() throws {
        let lib = try SampleLibrary()
        let app = lib.runtime(width: 120, height: 40)
        app.press(.char("?"))
        // Page by page to its end: more bindings than one screen holds.
        var seen = app.text
        while app.state.helpScroll < app.state.helpScrollLimit {
            app.press(.char(" "))
            seen += app.text
        }
        for binding in Keymap.standard.bindings {
            #expect(seen.contains(binding.action.rawValue), "help shows \(binding.action)")
            #expect(seen.contains(binding.help))
        }
        app.press(.char("x"))
        #expect(app.state.mode == .browse)
    }

    @Test func sidebarTagEntryShowsOnlyItsPapers() throws {
        let lib = try SampleLibrary()
        let papers = try lib.store.papers()
        try lib.store.addTags(["lasso"], to: papers[10].id)
        let app = lib.runtime()
        app.press(.tab)  // to the sidebar (list → pane → sidebar order starts at list)
        #expect(app.state.focus == .pane)
        app.press(.tab)
        #expect(app.state.focus == .sidebar)
        app.press(.char("j"), .char("j"), .char("j"), .char("j"), .char("j"))  // Starred, Unread, New, For you, then the tag
        #expect(app.state.view == .tag("lasso"))
        #expect(app.listed.map { $0.id } == [papers[10].id])
        #expect(app.lines[0].contains("1 of 54"))
    }

    @Test func changesFromAnotherConnectionAppearWithTheSelectionKept() throws {
        let lib = try SampleLibrary()
        let app = lib.runtime()
        app.press(.char("j"), .char("j"))
        let selected = try #require(app.state.selectedID)
        let other = try Store(path: lib.store.path)
        try other.setStarred([selected], true)
        app.reloadIfChangedElsewhere()
        app.draw()
        #expect(app.state.selectedPaper?.isStarred == true)
        #expect(app.state.selectedID == selected)
    }

    @Test func emptyLibraryShowsTheWelcome() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("folio-app-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try Store(path: folder.appendingPathComponent("l.sqlite").path)
        let app = ReaderRuntime(device: ScriptedTerminal(width: 100, height: 30), store: store, libraryName: "l")
        app.reload()
        app.draw()
        #expect(app.text.contains("Your library is empty."))
        #expect(app.text.contains("folio import FILE"))
    }

    @Test func copyURLWritesOSC52AndSaysSo() throws {
        let lib = try SampleLibrary()
        _ = try lib.store.importPapers(source: "t") { try $0.add(PaperInput(arxivID: "2999.00001", title: "Zzz", published: "2099-01-01")) }
        let app = lib.runtime()
        app.press(.char("y"))
        #expect(app.screen.backend.written == ["\u{1B}]52;c;\(Data("https://arxiv.org/abs/2999.00001".utf8).base64EncodedString())\u{07}"])
        #expect(app.lines[39].contains("copied https://arxiv.org/abs/2999.00001"))
        app.press(.char("o"))
        #expect(app.lines[39].contains("no browser found"))
    }

    @Test func unchangedFrameWritesNoCells() throws {
        let lib = try SampleLibrary()
        let app = lib.runtime()
        app.draw()
        #expect(app.screen.backend.memory.cellsWrittenLastFrame == 0)
        app.press(.char("j"))
        #expect(app.screen.backend.memory.cellsWrittenLastFrame > 0)
    }
}

@Suite("Reader mouse and pane")
struct ReaderMouseAndPaneTests {
    @Test func clickSelectsARowAndFocusesPanesWheelScrollsWhatIsUnderThePointer() throws {
        let lib = try SampleLibrary()
        let app = lib.runtime()
        let layout = app.state.layout
        let list = layout.inner(layout.list)
        // The row clicked is the paper drawn there (days' separators take rows in date order).
        guard case .paper(let clicked) = app.state.shownLines[6] else { Issue.record("row 6 is a separator"); return }
        app.send(.input(.mouse(.press(.left, x: list.x + 5, y: list.y + 6))))
        #expect(app.state.selectedPosition == clicked)
        #expect(app.state.focus == .list)
        let pane = try #require(layout.pane)
        app.send(.input(.mouse(.press(.left, x: pane.x + 3, y: pane.y + 3))))
        #expect(app.state.focus == .pane)
        app.send(.input(.mouse(.wheelDown(x: pane.x + 3, y: pane.y + 3))))
        #expect(app.state.paneScroll == 3)
        #expect(app.state.selectedPosition == clicked)
        app.send(.input(.mouse(.wheelDown(x: list.x + 3, y: list.y + 3))))
        #expect(app.state.selectedPosition == clicked + 3)
        let sidebar = layout.inner(try #require(layout.sidebar))
        app.send(.input(.mouse(.press(.left, x: sidebar.x + 1, y: sidebar.y + 1))))  // "Starred"
        #expect(app.state.view == .starred)
        #expect(app.state.focus == .sidebar)
    }

    @Test func abstractWrapsAtWordBoundariesWithinThePane() throws {
        let lib = try SampleLibrary()
        let app = lib.runtime(width: 100, height: 30)
        let paper = try #require(app.state.selectedPaper)
        for width in [20, 33, 47] {
            let lines = PaneView.lines(for: paper, width: width).map(\.0)
            #expect(lines.allSatisfy { DisplayWidth.of($0) <= width })
            let start = try #require(lines.firstIndex(of: "")) + 1
            let wrapped = lines[start...]
            // Nothing lost or added; and where every word fits (the longest here is 38 columns),
            // lines break only between words.
            #expect(wrapped.joined().filter { $0 != " " } == paper.metadata.abstract.filter { $0 != " " })
            if width >= 40 { #expect(wrapped.joined(separator: " ") == paper.metadata.abstract) }
        }
    }

    @Test func ctrlLRedrawsEverything() throws {
        let lib = try SampleLibrary()
        let app = lib.runtime()
        app.press(.ctrl("l"))
        #expect(app.screen.backend.redraws == 1)
        #expect(app.screen.backend.memory.cellsWrittenLastFrame == 120 * 40)
    }
}
