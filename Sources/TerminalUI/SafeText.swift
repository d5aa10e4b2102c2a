/// Text from papers and feeds is untrusted: an escape sequence in a title must not reach the
/// terminal, and an invisible character must not hide or reorder what the user reads.
public enum SafeText {
    /// `text` with everything a terminal would act on, or that would reorder text, replaced by a
    /// visible placeholder, and invisible joiners and spaces left out:
    /// - C0 controls U+0000–U+001F (ESC, tab, newline too: split lines first) → their Control
    ///   Picture U+2400+code, so `ESC` reads `␛` and a tab `␉`;
    /// - DEL U+007F → `␡` (U+2421);
    /// - C1 controls U+0080–U+009F (U+009B is a one-byte CSI) → `�` (U+FFFD);
    /// - bidirectional embeddings, overrides, isolates and marks (U+202A–U+202E, U+2066–U+2069,
    ///   U+200E, U+200F, U+061C), line and paragraph separators U+2028/U+2029 and tag characters
    ///   U+E0000–U+E007F → `�`; except tags inside an emoji grapheme (🏴󠁧󠁢󠁳󠁣󠁴󠁿), which are part of it;
    /// - zero-width space, non-joiner and joiner U+200B–U+200D, word joiner and invisible operators
    ///   U+2060–U+2064 and U+FEFF → left out: they have no look, and a terminal would only add them
    ///   to the cell before. U+200D inside an emoji grapheme is kept (`TerminalCells` drops it);
    /// - any scalar the C library cannot print (unassigned to it: `wcwidth` is -1) → `�`, since a
    ///   terminal would draw it at a width nobody can predict.
    /// Soft hyphen U+00AD stays: tmux gives it a column, like any printable character.
    /// Idempotent: placeholders are themselves printable.
    public static func visible(_ text: String) -> String {
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return text }
        // Most other text (borders, accents, CJK) has nothing to change: one pass over the scalars
        // says so without building a copy. U+200D and tags depend on their grapheme, so they take the long way.
        if text.unicodeScalars.allSatisfy({ action(for: $0, inEmoji: false) == .keep }) { return text }
        var out = String.UnicodeScalarView()
        for character in text {
            let scalars = character.unicodeScalars
            let isEmoji = DisplayWidth.isEmojiBase(scalars.first)
            for scalar in scalars {
                switch action(for: scalar, inEmoji: isEmoji) {
                case .keep: out.append(scalar)
                case .drop: continue
                case .replace(let placeholder): out.append(placeholder)
                }
            }
        }
        return String(out)
    }

    static let replacement: Unicode.Scalar = "\u{FFFD}"

    private enum Action: Equatable {
        case keep, drop
        case replace(Unicode.Scalar)
    }

    /// What to do with `scalar`.
    private static func action(for scalar: Unicode.Scalar, inEmoji: Bool) -> Action {
        switch scalar.value {
        case 0x20..<0x7F:
            return .keep
        case 0x00..<0x20:
            return .replace(Unicode.Scalar(0x2400 + scalar.value)!)
        case 0x7F:
            return .replace("\u{2421}")
        case 0x80...0x9F, 0x061C, 0x200E, 0x200F, 0x2028, 0x2029, 0x202A...0x202E, 0x2066...0x2069:
            return .replace(replacement)
        case 0x200B, 0x200C, 0x2060...0x2064, 0xFEFF:
            return .drop
        case 0x200D:
            return inEmoji ? .keep : .drop
        case 0xE0000...0xE007F:
            return inEmoji ? .keep : .replace(replacement)
        default:
            return DisplayWidth.isPrintable(scalar) ? .keep : .replace(replacement)
        }
    }
}
