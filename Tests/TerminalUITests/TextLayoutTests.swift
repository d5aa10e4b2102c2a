import Testing
@testable import TerminalUI

@Suite struct TextLayoutTests {
    @Test func truncateCutsWithEllipsis() {
        #expect(TextLayout.truncate("Attention Is All You Need", width: 12) == "Attention I…")
        #expect(TextLayout.truncate("short", width: 12) == "short")
        #expect(TextLayout.truncate("abc", width: 3) == "abc")
        #expect(TextLayout.truncate("abcd", width: 1) == "…")
        #expect(TextLayout.truncate("abcd", width: 0) == "")
    }

    @Test func truncateDropsSpaceBeforeEllipsis() {
        #expect(TextLayout.truncate("Hello world", width: 7) == "Hello…")
    }

    @Test(arguments: 1...13)
    func truncateKeepsCJKTitlesWithinWidth(width: Int) {
        let title = "深層学習による文書検索"  // 11 characters, 22 columns
        let cut = TextLayout.truncate(title, width: width)
        #expect(DisplayWidth.of(cut) <= width)
        #expect(DisplayWidth.of(cut) >= width - 1)
        #expect(cut.hasSuffix("…"))
    }

    @Test func truncateAtOddWidthLeavesOneColumnFree() {
        #expect(TextLayout.truncate("漢字漢字", width: 6) == "漢字…")  // 4 + 1
        #expect(TextLayout.truncate("漢字漢字", width: 5) == "漢字…")  // 5
        #expect(TextLayout.truncate("漢字漢字", width: 4) == "漢…")    // 3: 漢字 + … would be 5
        #expect(TextLayout.truncate("🎉🎉🎉", width: 4) == "🎉…")
    }

    @Test func truncateMakesControlsVisible() {
        #expect(TextLayout.truncate("\u{1b}[2J", width: 10) == "␛[2J")
    }

    @Test func padMakesExactWidth() {
        #expect(TextLayout.pad("ab", width: 5) == "ab   ")
        #expect(TextLayout.pad("ab", width: 5, alignment: .trailing) == "   ab")
        #expect(TextLayout.pad("ab", width: 5, alignment: .center) == " ab  ")
        #expect(TextLayout.pad("漢字漢字", width: 4) == "漢… ")
        #expect(DisplayWidth.of(TextLayout.pad("漢字漢字", width: 4)) == 4)
    }

    @Test func wrapKeepsWordsWhole() {
        let lines = TextLayout.wrap("the quick brown fox jumps over the lazy dog", width: 10)
        #expect(lines == ["the quick", "brown fox", "jumps over", "the lazy", "dog"])
    }

    @Test func wrapBreaksOverlongWordsByWidth() {
        #expect(TextLayout.wrap("a supercalifragilistic b", width: 8) == ["a", "supercal", "ifragili", "stic b"])
        #expect(TextLayout.wrap("漢字漢字漢", width: 5) == ["漢字", "漢字", "漢"])
    }

    @Test func wrapSplitsParagraphsOnNewlines() {
        #expect(TextLayout.wrap("one two\n\nthree", width: 20) == ["one two", "", "three"])
        #expect(TextLayout.wrap("", width: 5) == [""])
        #expect(TextLayout.wrap("anything", width: 0) == [])
    }

    @Test(arguments: [3, 7, 11, 16, 29])
    func wrapNeverExceedsWidthAndLosesNoWord(width: Int) {
        let text = "Relevance Filtering for Embedding-based Retrieval 深層学習による文書検索 🎉 results ❤️ e\u{301}te\u{301}"
        let lines = TextLayout.wrap(text, width: width)
        for line in lines {
            #expect(DisplayWidth.of(line) <= width, "\(line)")
        }
        let words = text.split(separator: " ").map(String.init)
        #expect(lines.joined().filter { $0 != " " } == words.joined())
    }
}
