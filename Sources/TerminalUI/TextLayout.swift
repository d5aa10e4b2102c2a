/// Fitting text into columns by display width. All results are already `SafeText.visible`,
/// so their measured width is exactly what a `Canvas` will draw.
public enum TextLayout {
    public enum Alignment: Sendable, Hashable {
        case leading, center, trailing
    }

    /// What `truncate` appends to show that text was cut.
    public static let ellipsis = "…"

    /// `text` as lines of at most `width` columns. Each newline starts a paragraph (an empty
    /// one gives an empty line); within one, words separated by spaces or tabs are kept whole
    /// and joined by one space, and a word wider than `width` is broken by width. A grapheme
    /// wider than `width` itself (a CJK character at width 1) becomes `…`. No lines for width ≤ 0.
    public static func wrap(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        return text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
            .flatMap { wrapParagraph($0, width: width) }
    }

    /// `text` cut to at most `width` columns, ending in `…` when something was cut; never wider
    /// than `width`, and narrower by one when a wide grapheme would straddle the end.
    public static func truncate(_ text: String, width: Int) -> String {
        guard width > 0 else { return "" }
        let visible = SafeText.visible(text)
        if DisplayWidth.of(visible) <= width { return visible }
        let budget = width - DisplayWidth.of(ellipsis)
        guard budget >= 0 else { return "" }
        var kept = prefix(of: visible, width: budget)
        while kept.last?.isWhitespace == true { kept.removeLast() }
        return kept + ellipsis
    }

    /// `text` made exactly `width` columns wide: truncated if longer, filled with spaces on the
    /// side(s) `alignment` leaves open if shorter.
    public static func pad(_ text: String, width: Int, alignment: Alignment = .leading) -> String {
        guard width > 0 else { return "" }
        let fitted = truncate(text, width: width)
        let gap = width - DisplayWidth.of(fitted)
        switch alignment {
        case .leading: return fitted + spaces(gap)
        case .trailing: return spaces(gap) + fitted
        case .center: return spaces(gap / 2) + fitted + spaces(gap - gap / 2)
        }
    }

    /// The longest run of whole graphemes from the start of `text` that fits in `width` columns.
    static func prefix(of text: String, width: Int) -> String {
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) {
            // Printable ASCII: a column a byte.
            return String(text.utf8.prefix(width))!
        }
        var kept = ""
        var used = 0
        for character in text {
            let characterWidth = DisplayWidth.of(character)
            if used + characterWidth > width { break }
            kept.append(character)
            used += characterWidth
        }
        return kept
    }

    /// `wrapParagraph` for printable ASCII (and tabs), a column a byte: the same lines, without
    /// measuring each word grapheme by grapheme. An abstract is wrapped on every step onto a paper.
    private static func wrapASCII(_ bytes: UnsafeBufferPointer<UInt8>, width: Int) -> [String] {
        var lines: [String] = []
        var line: [UInt8] = []
        line.reserveCapacity(width)
        var i = 0
        while i < bytes.count {
            if bytes[i] == 0x20 || bytes[i] == 0x09 { i += 1; continue }
            var end = i
            while end < bytes.count && bytes[end] != 0x20 && bytes[end] != 0x09 { end += 1 }
            let word = bytes[i..<end]
            if !line.isEmpty && line.count + 1 + word.count <= width {
                line.append(0x20)
                line.append(contentsOf: word)
            } else {
                if !line.isEmpty { lines.append(String(decoding: line, as: UTF8.self)); line.removeAll(keepingCapacity: true) }
                if word.count <= width {
                    line.append(contentsOf: word)
                } else {
                    // A word wider than the line: broken by width.
                    for byte in word {
                        if line.count == width { lines.append(String(decoding: line, as: UTF8.self)); line.removeAll(keepingCapacity: true) }
                        line.append(byte)
                    }
                }
            }
            i = end
        }
        lines.append(String(decoding: line, as: UTF8.self))
        return lines
    }

    private static func spaces(_ count: Int) -> String {
        String(repeating: " ", count: max(0, count))
    }

    private static func wrapParagraph(_ paragraph: Substring, width: Int) -> [String] {
        if paragraph.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F || $0 == 0x09 }),
           let lines = paragraph.utf8.withContiguousStorageIfAvailable({ wrapASCII($0, width: width) }) {
            return lines
        }
        return wrapMeasured(paragraph, width: width)
    }

    /// `wrapParagraph` for any text: each word made safe and measured grapheme by grapheme.
    static func wrapMeasured(_ paragraph: Substring, width: Int) -> [String] {
        var lines: [String] = []
        var line = ""
        var lineWidth = 0
        func endLine() {
            lines.append(line)
            line = ""
            lineWidth = 0
        }
        for rawWord in paragraph.split(whereSeparator: { $0 == " " || $0 == "\t" }) {
            let word = SafeText.visible(String(rawWord))
            let wordWidth = DisplayWidth.of(word)
            if !line.isEmpty && lineWidth + 1 + wordWidth <= width {
                line += " " + word
                lineWidth += 1 + wordWidth
                continue
            }
            if !line.isEmpty { endLine() }
            if wordWidth <= width {
                line = word
                lineWidth = wordWidth
                continue
            }
            for character in word {
                var piece = String(character)
                var pieceWidth = DisplayWidth.of(character)
                if pieceWidth > width {
                    piece = ellipsis
                    pieceWidth = DisplayWidth.of(ellipsis)
                }
                if lineWidth + pieceWidth > width { endLine() }
                line += piece
                lineWidth += pieceWidth
            }
        }
        lines.append(line)
        return lines
    }
}
