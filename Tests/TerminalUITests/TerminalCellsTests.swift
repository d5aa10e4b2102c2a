import Testing
@testable import TerminalUI

/// Columns as tmux 3.3a draws them (C.UTF-8): each string was printed into a tmux pane followed by
/// `|`, and the width is where the cursor stood after it, less the `|`.
@Suite struct TerminalCellsTests {
    static let measured: [(name: String, text: String, width: Int)] = [
        ("zero-width space", "a\u{200B}b", 2), ("zero-width non-joiner", "a\u{200C}b", 2),
        ("zero-width joiner", "a\u{200D}b", 2), ("word joiner", "a\u{2060}b", 2), ("BOM", "a\u{FEFF}b", 2),
        ("soft hyphen", "a\u{AD}b", 3), ("VS16", "❤\u{FE0F}", 1), ("VS15", "❤\u{FE0E}", 1),
        ("VS1", "a\u{FE00}b", 2), ("VS17", "a\u{E0100}b", 2), ("combining", "e\u{301}", 1),
        ("two combining", "a\u{301}\u{302}", 1), ("flag", "🇫🇷", 2), ("lone regional indicator", "🇫", 1),
        ("keycap", "1\u{FE0F}\u{20E3}", 1), ("keycap without VS16", "1\u{20E3}", 1), ("skin tone", "👍🏽", 4),
        ("tag flag", "🏴\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}", 2), ("CJK", "漢", 2),
        ("conjoining jamo", "\u{1100}\u{1161}\u{11A8}", 2), ("Devanagari conjunct", "क्ष", 2),
        ("Thai sara am", "กำ", 2), ("leading zero-width space", "\u{200B}ab", 2),
        // tmux joins a wide character after U+200D onto the cell before (👨‍👩‍👧 in 2 columns, 🏳️‍🌈 in 1),
        // but curses cannot send that in one cell; Folio sends the parts without U+200D, as tmux then shows them.
        ("family", "👨\u{200D}👩\u{200D}👧", 6), ("rainbow flag", "🏳\u{FE0F}\u{200D}🌈", 3),
    ]

    @Test(arguments: measured)
    func widthIsWhatTmuxDraws(name: String, text: String, width: Int) {
        #expect(DisplayWidth.of(SafeText.visible(text)) == width, "\(name)")
        // The canvas agrees: the `|` after the text lands on column `width`.
        var canvas = Canvas(width: 12, height: 1)
        #expect(canvas.put(text + "|", x: 0, y: 0) == width + 1, "\(name)")
        #expect(canvas[width, 0].grapheme == "|", "\(name)")
        #expect(!canvas.lines()[0].unicodeScalars.contains { $0 == "\u{FFFD}" || $0 == "\u{200D}" }, "\(name)")
    }

    private func cells(_ text: String) -> [String] {
        TerminalCells.of(Character(text)).map { "\($0.text)/\($0.width)" }
    }

    @Test func graphemesSplitWhereTheTerminalStartsACell() {
        #expect(cells("e\u{301}") == ["e\u{301}/1"])
        #expect(cells("1\u{FE0F}\u{20E3}") == ["1\u{FE0F}\u{20E3}/1"])
        #expect(cells("👍🏽") == ["👍/2", "🏽/2"])
        #expect(cells("🇫🇷") == ["🇫/1", "🇷/1"])
        #expect(cells("กำ") == ["ก/1", "ำ/1"])
        #expect(cells("👨\u{200D}👩\u{200D}👧") == ["👨/2", "👩/2", "👧/2"])
        #expect(cells("🏳\u{FE0F}\u{200D}🌈") == ["🏳\u{FE0F}/1", "🌈/2"])
    }

    @Test func aLoneCombiningMarkTakesNoCell() {
        #expect(cells("\u{301}").isEmpty)
        var canvas = Canvas(width: 3, height: 1)
        canvas.put("\u{301}x", x: 0, y: 0)
        #expect(canvas.lines() == ["x  "])
    }

    @Test func aCellKeepsWhatCursesKeeps() {
        let marks = String(repeating: "\u{301}", count: 9)
        #expect(cells("a" + marks) == ["a" + String(repeating: "\u{301}", count: 4) + "/1"])
    }

    /// Every cell starts with a character that has columns and carries only zero-width ones after it,
    /// which is what curses' `setcchar` keeps whole.
    @Test func everyCellIsOneSpacingCharacterAndMarks() {
        for (_, text, _) in Self.measured {
            for character in SafeText.visible(text) {
                for cell in TerminalCells.of(character) {
                    let scalars = Array(cell.text.unicodeScalars)
                    #expect(DisplayWidth.of(scalars[0]) == cell.width && (1...2).contains(cell.width))
                    #expect(scalars.dropFirst().allSatisfy { DisplayWidth.of($0) == 0 && $0 != "\u{200D}" })
                }
            }
        }
    }

    @Test func controlsInTitlesNeverReachACell() {
        var canvas = Canvas(width: 30, height: 1)
        canvas.put("a\u{1B}]0;x\u{7}\u{9B}2J\u{200B}👍🏽", x: 0, y: 0)
        let line = canvas.lines()[0]
        #expect(line.hasPrefix("a␛]0;x␇\u{FFFD}2J👍🏽"))
        #expect(!line.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) })
    }
}
