import Testing
@testable import TerminalUI

/// The shortcuts for ASCII text, borders and copied parts draw exactly what the general paths draw.
@Suite struct FastPathTests {
    @Test func asciiWrapMatchesTheMeasuredWrap() {
        var generator = SystemRandomNumberGenerator()
        let words = ["a", "of", "the", "retrieval", "supercalifragilisticexpialidocious", "x-y", "", "\t"]
        for _ in 0..<300 {
            let text = (0..<Int.random(in: 0...40, using: &generator))
                .map { _ in words.randomElement(using: &generator)! }
                .joined(separator: Bool.random(using: &generator) ? " " : "  ")
            for width in [1, 2, 5, 9, 20, 57] {
                #expect(TextLayout.wrap(text, width: width) == TextLayout.wrapMeasured(Substring(text), width: width), "\(text) at \(width)")
            }
        }
    }

    @Test func asciiPutMatchesPutOfTheSameTextCellByCell() {
        var fast = Canvas(width: 12, height: 1), slow = Canvas(width: 12, height: 1)
        fast.put("漢字漢字漢字", x: 0, y: 0)
        slow.put("漢字漢字漢字", x: 0, y: 0)
        #expect(fast.put("abc", x: 3, y: 0, maxWidth: 2) == 2)
        // The same letters, one at a time through the general path (a non-ASCII string).
        slow.put("a\u{E9}", x: 3, y: 0, maxWidth: 1)
        slow.put("b\u{E9}", x: 4, y: 0, maxWidth: 1)
        #expect(fast == slow)
        #expect(fast.lines() == ["漢 ab 字漢字"])
        #expect(fast.put("xyz", x: -2, y: 0) == 1)
        #expect(fast.lines()[0].hasPrefix("z"))
    }

    /// Cells keep their grapheme's bytes inside; longer ones (emoji sequences) go through a table.
    @Test func cellsGiveBackTheirGraphemes() {
        // The last two are one cell each and longer than 15 bytes.
        let keycapInCircle = "👍\u{FE0F}\u{20E3}\u{20DD}\u{20DE}", blackFlagAndTags = "🏴\u{E0067}\u{E0062}\u{E0073}\u{E0063}"
        for text in ["a", "é", "漢", "🎉", "e\u{301}", "\u{FFFD}", keycapInCircle, blackFlagAndTags] {
            let character = Character(text)
            let cell = Cell(character, style: Style(attributes: .bold))
            #expect(cell.grapheme == text, "\(text)")
            #expect(cell == Cell(character, style: Style(attributes: .bold)))
            #expect(cell != Cell(character))
        }
        #expect(Cell(Character(keycapInCircle)) != Cell(Character(blackFlagAndTags)))
        #expect(Cell.blank().grapheme == " " && Cell.continuation(.plain).grapheme == "")
        var canvas = Canvas(width: 8, height: 1)
        canvas.put("x\(keycapInCircle)\(blackFlagAndTags)y", x: 0, y: 0)
        #expect(canvas.lines() == ["x\(keycapInCircle)\(blackFlagAndTags)y  "])
    }

    @Test func fillWithACharacterDrawsItInEveryCell() {
        var canvas = Canvas(width: 5, height: 3)
        canvas.put("漢字", x: 0, y: 1)
        canvas.fill(Rect(x: 1, y: 0, width: 9, height: 2), with: "─", style: Style(attributes: .bold))
        #expect(canvas.lines() == [" ────", " ────", "     "])
        #expect(canvas.style(atX: 4, y: 1) == Style(attributes: .bold))
        #expect(!canvas[0, 1].isContinuation && canvas[0, 1].width == 1)
    }

    @Test func boxIsDrawnAsBefore() {
        var canvas = Canvas(width: 8, height: 4)
        Box(title: "Papers").render(in: Rect(x: 0, y: 0, width: 8, height: 4), on: &canvas)
        #expect(canvas.lines() == ["┌ Pap… ┐", "│      │", "│      │", "└──────┘"])
        var clipped = Canvas(width: 4, height: 3)
        Box().render(in: Rect(x: -1, y: 1, width: 4, height: 3), on: &clipped)
        #expect(clipped.lines() == ["    ", "──┐ ", "  │ "])
    }

    @Test func drawingACanvasCopiesItsCellsAndKeepsWideGraphemesWhole() {
        var part = Canvas(width: 4, height: 1)
        part.put("a漢b", x: 0, y: 0, style: Style(attributes: .underline))
        var canvas = Canvas(width: 6, height: 2)
        canvas.put("字字字", x: 0, y: 0)
        canvas.draw(part, x: 1, y: 0)
        #expect(canvas.lines() == [" a漢b ", "      "])
        #expect(canvas.style(atX: 2, y: 0) == Style(attributes: .underline))
        #expect(!canvas[5, 0].isContinuation)
        // Clipped on the left: the wide grapheme's visible half becomes a space.
        canvas.draw(part, x: -2, y: 1)
        #expect(canvas.lines()[1] == " b    ")
        // Clipped on the right.
        canvas.draw(part, x: 4, y: 1)
        #expect(canvas.lines()[1] == " b  a ")
        #expect(!canvas[5, 1].isContinuation && canvas[5, 1].width == 1)
    }
}
