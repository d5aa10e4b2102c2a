import FolioCore
import TerminalUI
import Testing
@testable import FolioApp

/// `a` writes the paper's note in the editor; the pane, the reading view and the row show it.
@Suite("reader notes")
struct ReaderNoteTests {
    @Test func aAsksForTheEditorOnTheSelectedPapersNoteAndThePaneShowsIt() {
        var library = MemoryLibrary.numbered(5)
        library.editorLeaves = "Compare with the\u{1B}[31m dense one.\nSecond line\n"
        var app = StateDriver(library, width: 120, height: 30)
        app.press(.char("j"), .char("a"))
        #expect(app.effects.contains(.editNote(id: library.papers[1].id, note: nil)))
        #expect(app.state.selectedPaper?.note == "Compare with the\u{1B}[31m dense one.\nSecond line")
        let lines = app.lines
        #expect(lines.contains { $0.contains("✎ Compare with the") && $0.contains("dense one.") }, "\(lines.joined(separator: "\n"))")
        #expect(lines.contains { $0.contains("Second line") })
        #expect(!lines.joined().contains("\u{1B}"), "the note's escape never reaches the screen raw")
        #expect(lines.contains { $0.contains("✎ Paper number 1 on sparse retrieval") }, "the row is marked")
        #expect(!lines.contains { $0.contains("✎ Paper number 2") })
        // Full screen too, and the next edit starts from the note.
        app.press(.enter, .char("a"))
        #expect(app.effects.filter { $0 == .editNote(id: library.papers[1].id, note: "Compare with the\u{1B}[31m dense one.\nSecond line") }.count == 1)
        #expect(app.state.mode == .reading)
        #expect(app.lines.contains { $0.contains("Second line") }, "\(app.lines.joined(separator: "\n"))")
    }

    @Test func anEmptyListSaysSo() {
        var app = StateDriver(MemoryLibrary(papers: []))
        app.press(.char("a"))
        #expect(!app.effects.contains { if case .editNote = $0 { true } else { false } })
        #expect(app.statusLine.contains("no papers here"))
    }
}
