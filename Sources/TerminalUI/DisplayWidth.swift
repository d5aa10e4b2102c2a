import CWidth

/// How many terminal columns text takes, as the C library's `wcwidth` sees it — the same table
/// curses and tmux use, so what we measure is what they draw (checked against tmux 3.3a, see
/// `TerminalCells`).
public enum DisplayWidth {
    /// Columns of `text` as a `Canvas` draws it: the sum of its scalars' widths (see `TerminalCells`).
    /// Measures text as given; measure `SafeText.visible(text)` to know what a `Canvas` will draw.
    public static func of(_ text: String) -> Int {
        // Printable ASCII is one column a byte; most text is, and it skips the C call.
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return text.utf8.count }
        var total = 0
        for scalar in text.unicodeScalars { total += of(scalar) }
        return total
    }

    /// Columns of one grapheme: the sum of its scalars' widths, as tmux 3.3a counts them (it draws
    /// `❤️` and the keycap `1️⃣` in 1 column, `👍🏽` in 4, `🇫🇷` in 2). A lone combining mark is 0.
    public static func of(_ character: Character) -> Int {
        var total = 0
        for scalar in character.unicodeScalars { total += of(scalar) }
        return total
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
