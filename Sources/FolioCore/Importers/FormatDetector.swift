import Foundation

/// Chooses a format by looking at the start of a file's content, never at its name.
public enum FormatDetector {
    public static let sniffBytes = 64 * 1024

    public static func detect(_ head: Data) throws -> ImportFormat {
        if head.isEmpty { throw ImportError(.whole, "the file is empty") }
        if head.contains(0) { throw ImportError(.whole, "not a text file (it contains NUL bytes)") }
        // The cut at sniffBytes may split a character: only the last few bytes may be invalid.
        guard let text = String(data: head, encoding: .utf8) ?? String(data: head.dropLast(3), encoding: .utf8) else {
            throw ImportError(.whole, "not UTF-8 text")
        }
        let body = text.drop { $0.isWhitespace || $0 == "\u{FEFF}" }
        guard let first = body.first else { throw ImportError(.whole, "the file holds only white space") }
        let start = String(body.prefix(4096))
        switch first {
        case "[":
            return .hfJSON
        case "{":
            if start.prefix(200).contains("\"folio-json\"") { return .folioJSON }
            return .arxivJSONL
        case "<":
            if start.contains("<feed") { return .arxivAtom }
            if start.contains("<rss") { return .arxivRSS }
            throw ImportError(.whole, "XML that is neither an Atom feed nor RSS")
        default:
            if start.range(of: #"(^|\n)\s*@[A-Za-z]+\s*[{(]"#, options: .regularExpression) != nil { return .bibtex }
            let dateLine = #"(^|\n)(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]* [0-9]{1,2}\s*(\n|$)"#
            if start.contains("Daily Papers") || start.contains("byAK and the research community")
                || start.range(of: dateLine, options: .regularExpression) != nil {
                return .hfPage
            }
            throw ImportError(.whole, "unrecognized format (expected JSON, XML, BibTeX or a saved Daily Papers page); name one with --format")
        }
    }
}
