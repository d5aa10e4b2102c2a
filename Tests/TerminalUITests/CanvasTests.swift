import Testing
@testable import TerminalUI

@Suite struct CanvasTests {
    private let bold = Style(attributes: .bold)

    @Test func newCanvasIsSpaces() {
        let canvas = Canvas(width: 3, height: 2)
        #expect(canvas.lines() == ["   ", "   "])
        #expect(canvas[2, 1] == .blank())
    }

    @Test func putOfMixedCJKAndEmojiFillsExactColumns() {
        var canvas = Canvas(width: 12, height: 2)
        let used = canvas.put("a漢🎉b", x: 1, y: 0, style: bold)
        #expect(used == 6)
        #expect(canvas.lines() == [" a漢🎉b     ", "            "])
        #expect(canvas[1, 0].grapheme == "a")
        #expect(canvas[2, 0].grapheme == "漢" && canvas[2, 0].width == 2)
        #expect(canvas[3, 0].isContinuation)
        #expect(canvas[4, 0].grapheme == "🎉" && canvas[4, 0].width == 2)
        #expect(canvas[5, 0].isContinuation)
        #expect(canvas[6, 0].grapheme == "b")
        #expect(canvas.style(atX: 5, y: 0) == bold)
        #expect(canvas.style(atX: 7, y: 0) == .plain)
        for line in canvas.lines() {
            #expect(DisplayWidth.of(line) == 12)
        }
    }

    @Test func wideCharacterStraddlingTheEdgeBecomesASpace() {
        var canvas = Canvas(width: 5, height: 1)
        #expect(canvas.put("ab漢字", x: 0, y: 0) == 5)
        #expect(canvas.lines() == ["ab漢 "])
        #expect(!canvas[4, 0].isContinuation && canvas[4, 0].width == 1)
    }

    @Test func maxWidthLimitsColumnsWritten() {
        var canvas = Canvas(width: 6, height: 1)
        canvas.put("xxxxxx", x: 0, y: 0)
        #expect(canvas.put("漢字", x: 0, y: 0, maxWidth: 3) == 3)
        #expect(canvas.lines() == ["漢 xxx"])
        #expect(canvas.put("abc", x: 4, y: 0, maxWidth: 0) == 0)
        #expect(canvas.lines() == ["漢 xxx"])
    }

    @Test func writesOutsideTheCanvasAreClipped() {
        var canvas = Canvas(width: 3, height: 1)
        #expect(canvas.put("漢b", x: -1, y: 0) == 2)
        #expect(canvas.lines() == [" b "])
        #expect(canvas.put("abc", x: 0, y: 1) == 0)
        #expect(canvas.put("abc", x: 3, y: 0) == 0)
        #expect(canvas.lines() == [" b "])
    }

    @Test func overwritingHalfAWideCharacterBlanksTheOtherHalf() {
        var canvas = Canvas(width: 4, height: 1)
        canvas.put("漢字", x: 0, y: 0)
        canvas.put("x", x: 1, y: 0)
        #expect(canvas.lines() == [" x字"])
        canvas.put("y", x: 2, y: 0)
        #expect(canvas.lines() == [" xy "])
        #expect(!canvas[3, 0].isContinuation)
    }

    @Test func putMakesEscapeSequencesVisible() {
        var canvas = Canvas(width: 8, height: 1)
        canvas.put("\u{1b}[2J\u{9B}", x: 0, y: 0)
        #expect(canvas.lines() == ["␛[2J\u{FFFD}   "])
    }

    @Test func fillSetsStyleOfARect() {
        var canvas = Canvas(width: 4, height: 2)
        canvas.put("abcd", x: 0, y: 0)
        canvas.fill(Rect(x: 1, y: 0, width: 2, height: 5), style: bold)
        #expect(canvas.lines() == ["a  d", "    "])
        #expect(canvas.style(atX: 1, y: 1) == bold)
        #expect(canvas.style(atX: 0, y: 0) == .plain)
        #expect(canvas.style(atX: 3, y: 1) == .plain)
    }

    @Test func cellsMadeByHandAreSafe() {
        #expect(Cell("\u{1b}").grapheme == "␛")
        #expect(Cell("\u{202E}").grapheme == "\u{FFFD}")
        #expect(Cell("\u{301}").grapheme == "\u{FFFD}")
        #expect(Cell("漢").width == 2)
    }
}

@Suite struct DiffAndBackendTests {
    @Test func identicalCanvasesHaveNoDiff() {
        var canvas = Canvas(width: 10, height: 3)
        canvas.put("漢字 hello", x: 0, y: 1)
        #expect(canvas.diff(from: canvas).isEmpty)
    }

    @Test func oneChangedCellIsOneChange() {
        var before = Canvas(width: 10, height: 3)
        before.put("hello", x: 0, y: 1)
        var after = before
        after.put("J", x: 0, y: 1)
        #expect(after.diff(from: before) == [CellChange(x: 0, y: 1, cell: Cell("J"))])
    }

    @Test func everyCellChangesWithoutAComparableFrame() {
        let canvas = Canvas(width: 4, height: 3)
        #expect(canvas.diff(from: nil).count == 12)
        #expect(canvas.diff(from: Canvas(width: 3, height: 3)).count == 12)
    }

    @Test func memoryBackendShowsWhatTheDiffSays() {
        var backend = MemoryBackend(width: 8, height: 2)
        var first = Canvas(width: 8, height: 2)
        first.put("abc漢字", x: 0, y: 0, style: Style(foreground: .ansi(2)))
        backend.draw(first.diff(from: nil))
        backend.flush()
        #expect(backend.lines() == ["abc漢字 ", "        "])
        #expect(backend.cellsWrittenLastFrame == 16)

        var second = first
        second.put("xy", x: 2, y: 0, style: Style(background: .rgb(1, 2, 3)))
        second.put("z", x: 7, y: 1, style: Style(foreground: .indexed(200)))
        backend.draw(second.diff(from: first))
        backend.flush()
        #expect(backend.lines() == ["abxy 字 ", "       z"])
        #expect(backend.canvas == second)
        #expect(backend.style(atX: 3, y: 0) == Style(background: .rgb(1, 2, 3)))
        #expect(backend.style(atX: 7, y: 1) == Style(foreground: .indexed(200)))
        #expect(backend.style(atX: 0, y: 0) == Style(foreground: .ansi(2)))
        // x, y, and the blanked right half of 漢, and z.
        #expect(backend.cellsWrittenLastFrame == 4)
    }

    @Test func screenWritesNothingForAnUnchangedFrame() {
        var screen = Screen(backend: MemoryBackend(width: 6, height: 2))
        var frame = Canvas(width: 6, height: 2)
        frame.put("hello", x: 0, y: 0)
        screen.present(frame)
        #expect(screen.backend.cellsWrittenLastFrame == 12)
        screen.present(frame)
        #expect(screen.backend.cellsWrittenLastFrame == 0)
        frame.put("J", x: 0, y: 0)
        screen.present(frame, cursor: (x: 1, y: 1))
        #expect(screen.backend.cellsWrittenLastFrame == 1)
        #expect(screen.backend.lines() == ["Jello ", "      "])
        #expect(screen.backend.cursor?.x == 1 && screen.backend.cursor?.y == 1)
        screen.invalidate()
        screen.present(frame)
        #expect(screen.backend.cellsWrittenLastFrame == 12)
        #expect(screen.backend.flushCount == 4)
    }
}
