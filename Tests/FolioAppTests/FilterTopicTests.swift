import Foundation
import Testing
import TerminalUI
@testable import FolioApp
@testable import FolioCore

@Suite("Filter and topics in the reader")
struct FilterTopicTests {
    @Test func listAndCountFollowEveryKeystrokeWithTheLastWordAsAPrefix() throws {
        let lib = try SampleLibrary()
        let app = lib.runtime()
        app.press(.char("/"))
        app.type("retriev")
        #expect(app.listed.count == 18)  // retriev* on the page
        #expect(app.lines[39].contains("18 of 54"))
        app.type(" ")  // a space ends the word: now exactly "retriev", which no paper has
        #expect(app.listed.isEmpty)
        app.press(.backspace)
        app.type("al dense")
        let narrowed = app.listed.count
        #expect(narrowed > 0 && narrowed < 17)
        app.press(.enter)
        #expect(app.state.prompt == nil)
        #expect(app.lines[0].contains("/retrieval dense"))
    }

    @Test func incompleteQueryKeepsTheLastResultAndSaysWhyQuietly() throws {
        let lib = try SampleLibrary()
        let app = lib.runtime()
        app.press(.char("/"))
        app.type("retrieval (dense")
        #expect(app.lines[39].contains("expected ')'"))
        let kept = app.listed.map { $0.id }
        #expect(kept.count == 17)  // still "retrieval"
        app.type(" OR sparse)")
        #expect(app.state.filterError == nil)
        #expect(app.listed.count != 54)
    }

    @Test func matchedWordsAreHighlightedInTheListAndThePane() throws {
        let lib = try SampleLibrary()
        let app = lib.runtime()
        app.press(.char("/"))
        app.type("lasso")
        app.press(.enter, .tab)  // focus the pane so the list row is not drawn selected
        let memory = app.screen.backend.memory
        let layout = app.state.layout
        let pane = layout.inner(try #require(layout.pane))
        var highlighted = 0
        for y in pane.y..<pane.maxY {
            for x in pane.x..<pane.maxX where memory.style(atX: x, y: y) == Theme.standard[.match] { highlighted += 1 }
        }
        #expect(highlighted >= 5 * 2, "Lasso/LASSO in the title and abstract")
        let row = try #require(app.lines.firstIndex { $0.contains("Lasso") })
        let column = try #require(app.lines[row].range(of: "Lasso")).lowerBound
        let x = DisplayWidth.of(String(app.lines[row][..<column]))
        #expect(memory.style(atX: x, y: row).attributes.contains(.underline))
    }

    @Test func capitalSSavesTheFilterAsATopicShownInTheSidebarWithItsCounts() throws {
        let lib = try SampleLibrary()
        let app = lib.runtime()
        app.press(.char("/"))
        app.type("retriev*")
        app.press(.enter, .char("S"))
        app.type("ir")
        app.press(.enter)
        #expect(try lib.store.topics().map(\.name) == ["ir"])
        #expect(try lib.store.topics().first?.query == "retriev*")
        #expect(app.text.contains("Topics"))
        let sidebarRow = try #require(app.lines.first { $0.hasPrefix("│ ir ") })
        #expect(sidebarRow.contains("18 (18)"))
        #expect(app.text.contains("topics: ir"))
        // Deleting asks first.
        app.press(.escape, .tab, .tab)
        #expect(app.state.focus == .sidebar)
        app.press(.char("G"))
        #expect(app.state.view == .topic("ir"))
        app.press(.char("D"))
        #expect(app.lines[39].contains("delete topic ir? (y/n)"))
        app.press(.char("n"))
        #expect(try lib.store.topics().count == 1)
        app.press(.char("D"), .char("y"))
        #expect(try lib.store.topics().isEmpty)
        // The topic shown is gone: the reader goes back to All.
        #expect(app.state.view == .all)
        #expect(app.lines[0].contains("54 of 54 ─ All"))
    }

    @Test func editingATopicShowsTheLiveCount() throws {
        let lib = try SampleLibrary()
        try lib.store.saveTopic(name: "lasso", query: "lasso")
        let app = lib.runtime()
        app.press(.tab, .tab, .char("G"), .char("e"))
        #expect(app.state.prompt?.text == "lasso")
        app.press(.ctrl("u"))
        app.type("regulariz*")
        #expect(app.lines[39].contains("19 papers"))
        app.press(.enter)
        #expect(try lib.store.topics().first?.query == "regulariz*")
    }

    /// Filters and tags entered are kept in the library: a later reader walks them with Up.
    @Test func promptHistoryOutlivesTheReader() throws {
        let lib = try SampleLibrary()
        let first = lib.runtime()
        first.press(.char("/"))
        first.type("lasso")
        first.press(.enter, .char("t"))
        first.type("theory")
        first.press(.enter)
        let second = lib.runtime()
        second.beginSession()
        second.press(.char("/"), .up)
        #expect(second.state.prompt?.text == "lasso")
        second.press(.escape, .char("t"), .up)
        #expect(second.state.prompt?.text == "theory")
    }
}
