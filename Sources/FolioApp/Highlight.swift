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
        var found: [Range<String.Index>] = []
        var start: String.Index?
        var index = line.startIndex
        func close(at end: String.Index) {
            guard let s = start else { return }
            let folded = TextNormalizer.searchWords(String(line[s..<end])).joined()
            if exact.contains(folded) || prefixes.contains(where: { folded.hasPrefix($0) }) { found.append(s..<end) }
            start = nil
        }
        while index < line.endIndex {
            let isWordCharacter = line[index].unicodeScalars.allSatisfy { $0.properties.isAlphabetic || $0.properties.numericType != nil || $0.properties.generalCategory == .nonspacingMark }
            if isWordCharacter {
                if start == nil { start = index }
            } else {
                close(at: index)
            }
            index = line.index(after: index)
        }
        close(at: line.endIndex)
        return found
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
