import FolioCore
import TerminalUI

/// Marks the words of a line that a query's text terms match, as the matcher compares them
/// (case and accents folded; the last word of a prefix term matches any word it begins).
enum Highlight {
    static func ranges(in line: String, terms: [TextTerm]) -> [Range<String.Index>] {
        guard !terms.isEmpty else { return [] }
        var exact: Set<String> = []
        var prefixes: [String] = []
        for term in terms {
            for (i, word) in term.words.enumerated() {
                if term.prefix && i == term.words.count - 1 { prefixes.append(word) } else { exact.insert(word) }
            }
        }
        // The line is text as shown (TeX rendered), so its words are folded without rendering it again.
        return SearchFold.wordRanges(line).compactMap { word, range in
            exact.contains(word) || prefixes.contains(where: { word.hasPrefix($0) }) ? range : nil
        }
    }

    /// Writes `line` with matched words in `match` style; returns the columns used.
    @discardableResult
    static func put(_ line: String, x: Int, y: Int, style: Style, match: Style, maxWidth: Int, terms: [TextTerm], on canvas: inout Canvas) -> Int {
        let marks = ranges(in: line, terms: terms)
        guard !marks.isEmpty else { return canvas.put(line, x: x, y: y, style: style, maxWidth: maxWidth) }
        var used = 0
        var cursor = line.startIndex
        for mark in marks + [line.endIndex..<line.endIndex] {
            for (piece, pieceStyle) in [(line[cursor..<mark.lowerBound], style), (line[mark], match)] where !piece.isEmpty && used < maxWidth {
                used += canvas.put(String(piece), x: x + used, y: y, style: pieceStyle, maxWidth: maxWidth - used)
            }
            cursor = mark.upperBound
        }
        return used
    }
}
