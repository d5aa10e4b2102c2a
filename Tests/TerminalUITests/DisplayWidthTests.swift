import Testing
@testable import TerminalUI

@Suite struct DisplayWidthTests {
    @Test func asciiIsOneColumnPerCharacter() {
        #expect(DisplayWidth.of("Attention") == 9)
        #expect(DisplayWidth.of("") == 0)
    }

    @Test func cjkIsTwoColumnsPerCharacter() {
        #expect(DisplayWidth.of("漢字") == 4)
        #expect(DisplayWidth.of("a漢b") == 4)
    }

    @Test func emojiTakeTheColumnsOfTheirParts() {
        #expect(DisplayWidth.of("🎉") == 2)
        #expect(DisplayWidth.of("❤") == 1)
        #expect(DisplayWidth.of("👍🏽") == 4)
        #expect(DisplayWidth.of("🇫🇷") == 2)
    }

    @Test func combiningMarksAddNothing() {
        let decomposed = "e\u{301}"
        #expect(decomposed.count == 1)
        #expect(DisplayWidth.of(decomposed) == 1)
        #expect(DisplayWidth.of(Character(decomposed)) == 1)
        #expect(DisplayWidth.of("Re\u{301}sume\u{301}") == 6)
    }

    @Test func controlsAreNeverNegative() {
        #expect(DisplayWidth.of("\u{1b}") == 0)
        #expect(DisplayWidth.of("a\u{7}b") == 2)
        #expect(DisplayWidth.of(Unicode.Scalar(0x9B)!) == 0)
    }
}

@Suite struct SafeTextTests {
    private func hasNoControls(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value != 0x7F && !(0x80...0x9F).contains($0.value) }
    }

    @Test func oscTitleSequenceBecomesVisible() {
        let safe = SafeText.visible("\u{1b}]0;pwned\u{7}")
        #expect(safe == "␛]0;pwned␇")
        #expect(hasNoControls(safe))
    }

    @Test func clearScreenSequenceBecomesVisible() {
        let safe = SafeText.visible("\u{1b}[2J")
        #expect(safe == "␛[2J")
        #expect(hasNoControls(safe))
    }

    @Test func c1ControlsAndDeleteBecomePlaceholders() {
        let safe = SafeText.visible("a\u{9B}2Jb\u{7F}\u{85}")
        #expect(safe == "a\u{FFFD}2Jb␡\u{FFFD}")
        #expect(!safe.unicodeScalars.contains { $0.value == 0x9B })
        #expect(hasNoControls(safe))
    }

    @Test func tabsAndNewlinesAreShownNotActedOn() {
        #expect(SafeText.visible("a\tb\nc\r") == "a␉b␊c␍")
    }

    @Test func bidiOverridesAreShown() {
        #expect(SafeText.visible("abc\u{202E}fed") == "abc\u{FFFD}fed")
        #expect(SafeText.visible("\u{2066}x\u{2069}") == "\u{FFFD}x\u{FFFD}")
        #expect(SafeText.visible("a\u{E0041}b") == "a\u{FFFD}b")
    }

    @Test func zeroWidthCharactersAreLeftOutNotReplaced() {
        #expect(SafeText.visible("pay\u{200B}pal\u{FEFF}\u{2060}") == "paypal")
        #expect(SafeText.visible("a\u{200C}b\u{200D}c\u{2062}d") == "abcd")
        #expect(SafeText.visible("\u{200B}") == "")
        // Variation selectors and soft hyphens are printable: kept, never a placeholder.
        #expect(SafeText.visible("❤\u{FE0F} a\u{FE00} a\u{E0100} a\u{AD}b") == "❤\u{FE0F} a\u{FE00} a\u{E0100} a\u{AD}b")
    }

    @Test func emojiJoinersSurvive() {
        let family = "👨‍👩‍👧"
        #expect(SafeText.visible(family) == family)
        #expect(SafeText.visible("漢字 é 🎉") == "漢字 é 🎉")
    }

    @Test func isIdempotent() {
        let once = SafeText.visible("\u{1b}[31m\u{202E}x\u{0}")
        #expect(SafeText.visible(once) == once)
    }
}
