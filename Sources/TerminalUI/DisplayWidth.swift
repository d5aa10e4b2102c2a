import CWidth

/// How many terminal columns text takes, as the C library's `wcwidth` sees it — the same table
/// curses and tmux use, so what we measure is what they draw.
public enum DisplayWidth {
    /// Columns of `text`: the sum of its graphemes' widths. Measures text as given; measure
    /// `SafeText.visible(text)` to know what a `Canvas` will draw.
    public static func of(_ text: String) -> Int {
        // Printable ASCII is one column a byte; most text is, and it skips the C call.
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return text.utf8.count }
        var total = 0
        for character in text { total += of(character) }
        return total
    }

    /// Columns of one grapheme: 0, 1 or 2.
    ///
    /// The width of its first scalar that has one (so combining marks and skin tones add
    /// nothing), but 2 for emoji presentation (U+FE0F), emoji ZWJ sequences and flags,
    /// which terminals draw wide although their first scalar may be narrow.
    public static func of(_ character: Character) -> Int {
        let scalars = character.unicodeScalars
        var width = 0
        var joinsEmoji = false
        var regionalIndicators = 0
        for scalar in scalars {
            if width == 0 { width = of(scalar) }
            switch scalar.value {
            case 0xFE0F: joinsEmoji = true
            case 0x200D: joinsEmoji = joinsEmoji || isEmojiBase(scalars.first)
            case 0x1F1E6...0x1F1FF: regionalIndicators += 1
            default: break
            }
        }
        if width > 0 && (joinsEmoji || regionalIndicators == 2) { return 2 }
        return width
    }

    /// Columns of one scalar: 0, 1 or 2; controls and scalars the C library cannot print count 0.
    public static func of(_ scalar: Unicode.Scalar) -> Int {
        let value = scalar.value
        if value < 0x80 { return value >= 0x20 && value < 0x7F ? 1 : 0 }
        return max(0, Int(folio_wcwidth(value)))
    }

    /// Whether a grapheme starting with `scalar` is an emoji sequence, where U+200D and tag
    /// characters are part of the picture rather than hidden text.
    static func isEmojiBase(_ scalar: Unicode.Scalar?) -> Bool {
        guard let scalar, !scalar.isASCII else { return false }
        return scalar.properties.isEmoji
    }

    /// Whether the C library knows how to print `scalar` (its `wcwidth` is not -1).
    static func isPrintable(_ scalar: Unicode.Scalar) -> Bool {
        folio_wcwidth(scalar.value) >= 0
    }
}
