import FolioCore
import TerminalUI
import Testing
@testable import FolioApp

/// `AppState` driven by messages alone, its effects answered by papers in memory: no Store, no terminal.
@Suite("app state")
struct AppStateTests {
    static let longAbstract = RandomEvents.longAbstract

    @Test func navigationMovesTheSelectionAndStopsAtTheEnds() {
        var app = StateDriver(.numbered(100), width: 120, height: 30)
        #expect(app.state.selectedPosition == 0)
        #expect(app.statusLine.hasPrefix(" 1/100 "))
        app.press(.char("j"), .char("j"))
        #expect(app.state.selectedPosition == 2)
        #expect(app.selectedTitle == "Paper number 2 on sparse retrieval")
        app.press(.char("G"))
        #expect(app.state.selectedPosition == 99)
        #expect(app.statusLine.hasPrefix(" 100/100 "))
        #expect(app.lines.contains { $0.contains("Paper number 99 on") }, "the last paper's row is on the screen")
        app.press(.char("G"), .char("j"), .end)
        #expect(app.state.selectedPosition == 99)
        app.press(.char("k"))
        #expect(app.state.selectedPosition == 98)
        app.press(.char("g"), .char("k"), .home)
        #expect(app.state.selectedPosition == 0)
        app.press(.pageDown)
        #expect(app.state.selectedPosition == app.state.layout.listRows - 1)
    }

    @Test func theAbstractScrollsToItsEndAndBackOneLineAtATime() throws {
        var library = MemoryLibrary.numbered(5)
        library.papers[0].metadata.abstract = Self.longAbstract
        var app = StateDriver(library, width: 120, height: 30)
        app.press(.tab)
        #expect(app.state.focus == .pane)
        app.press(.char("G"), .char("G"), .char("G"))
        let limit = app.state.paneScrollLimit
        #expect(limit > 0)
        #expect(app.state.paneScroll == limit)
        #expect(app.lines.contains { $0.contains("Sentence 60") }, "the abstract's end is shown")
        app.press(.char("k"))
        #expect(app.state.paneScroll == limit - 1, "one k moves back one line")
        app.press(.end, .end, .char("j"), .char("j"))
        #expect(app.state.paneScroll == limit)
        app.press(.home)
        #expect(app.state.paneScroll == 0)
    }

    @Test func fullScreenReadingScrollsWithinThePaper() {
        var library = MemoryLibrary.numbered(3)
        library.papers[0].metadata.abstract = Self.longAbstract
        var app = StateDriver(library, width: 80, height: 24)
        app.press(.enter, .char("G"), .char("G"), .char("j"), .char("j"))
        #expect(app.state.mode == .reading)
        #expect(app.state.paneScroll == app.state.paneScrollLimit)
        app.press(.char("k"))
        #expect(app.state.paneScroll == app.state.paneScrollLimit - 1)
        #expect(app.effects.contains(.setRead(id: library.papers[0].id, true)))
    }

    @Test func helpScrollsToItsLastLineAndBack() {
        var app = StateDriver(.numbered(3), width: 80, height: 24)
        app.press(.char("?"), .char("G"))
        #expect(app.state.mode == .help)
        let limit = app.state.helpScrollLimit
        #expect(limit > 0)
        #expect(app.state.helpScroll == limit)
        #expect(app.lines.contains { $0.contains("Mouse: click selects") }, "the help's last line is reachable")
        app.press(.char("j"), .char("j"), .char("k"))
        #expect(app.state.helpScroll == limit - 1)
        app.press(.char("x"))
        #expect(app.state.mode == .browse)
    }

    @Test func promptsEditLikeALineEditor() throws {
        var app = StateDriver(.numbered(20))
        app.press(.char("/"))
        app.type("dense retrieval")
        app.press(.left, .left, .left, .left, .left, .left, .left, .left, .left)
        app.press(.ctrl("k"))
        #expect(app.state.prompt?.text == "dense ")
        app.press(.home)
        app.type("(")
        app.press(.end)
        app.type("OR sparse)")
        #expect(app.state.prompt?.text == "(dense OR sparse)")
        app.press(.ctrl("w"))
        #expect(app.state.prompt?.text == "(dense OR ")
        app.press(.ctrl("a"), .delete, .ctrl("e"), .backspace, .backspace, .backspace, .backspace)
        #expect(app.state.prompt?.text == "dense")
        app.press(.left, .left, .ctrl("u"))
        #expect(app.state.prompt?.text == "se")
        #expect(app.state.prompt?.editor.cursor == 0)
        // The terminal cursor stands at the editing point.
        #expect(app.state.cursor()?.x == 1)
    }

    @Test func upAndDownWalkTheFilterHistory() throws {
        var app = StateDriver(.numbered(20))
        for text in ["sparse", "dense", "retrieval"] {
            app.press(.char("/"), .ctrl("u"))
            app.type(text)
            app.press(.enter)
        }
        #expect(app.effects.filter { if case .remember(.filter, _) = $0 { true } else { false } }.count == 3)
        app.press(.char("/"), .ctrl("u"))
        app.type("mod")
        app.press(.up)
        #expect(app.state.prompt?.text == "retrieval")
        app.press(.up, .up)
        #expect(app.state.prompt?.text == "sparse")
        app.press(.up)
        #expect(app.state.prompt?.text == "sparse", "the oldest entry stays")
        app.press(.down, .down, .down)
        #expect(app.state.prompt?.text == "mod", "past the newest entry comes back what was typed")
    }

    @Test(arguments: [(200, 50, Layout.Kind.wide), (80, 24, .stacked), (40, 12, .listOnly), (10, 3, .listOnly)])
    func layoutAtSeveralSizes(width: Int, height: Int, kind: Layout.Kind) {
        var app = StateDriver(.numbered(60), width: 120, height: 40)
        app.press(.char("G"))
        app.send(.input(.resize(width: width, height: height)))
        #expect(app.state.layout.kind == kind)
        #expect(app.state.selectedPosition == 59)
        let rows = app.state.layout.listRows
        #expect(app.state.listOffset <= 59 && 59 < app.state.listOffset + max(rows, 1), "the selection stays on the screen")
        if kind == .listOnly {
            app.press(.tab)
            #expect(app.state.focus == .list, "Tab does not move to a pane that is not shown")
        }
        if kind == .wide {
            #expect(app.state.layout.sidebar != nil && app.state.layout.pane != nil)
            #expect(app.lines.contains { $0.contains("┌ Abstract") })
        }
    }

    @Test func aRemappedKeyShowsInTheHintsAndTheHelp() throws {
        var keymap = Keymap.standard
        keymap.bindings[keymap.bindings.firstIndex { $0.action == .star }!].keys = [.char("f")]
        var app = StateDriver(.numbered(5), keymap: keymap)
        #expect(app.statusLine.contains("f star"))
        #expect(!app.statusLine.contains("s star"))
        app.press(.char("s"))
        #expect(app.statusLine.contains("s does nothing here"))
        app.press(.char("f"))
        #expect(app.effects.contains(.setStarred(id: app.library.papers[0].id, true)))
        app.press(.char("?"))
        #expect(app.lines.contains { $0.contains("f ") && $0.contains("star") && $0.contains("star or unstar") })
    }

    @Test func theSidebarScrollsToTheChosenEntry() {
        var library = MemoryLibrary.numbered(40)
        for i in 0..<40 { library.papers[i].tags = [String(format: "tag%02d", i)] }
        var app = StateDriver(library, width: 100, height: 24)
        app.press(.backTab)
        #expect(app.state.focus == .sidebar)
        app.press(.char("G"))
        #expect(app.state.view == .tag("tag39"))
        #expect(app.lines.contains { $0.contains(" tag39 ") }, "the last tag's row is on the screen")
        #expect(app.state.sidebarOffset > 0)
        app.press(.char("g"))
        #expect(app.state.view == .all)
        #expect(app.state.sidebarOffset == 0)
        #expect(app.lines[2].contains("All"))
    }
}
