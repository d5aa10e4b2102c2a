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

    /// With `--format`: a file whose start plainly is another format is refused in the named format's
    /// terms (`not an Atom feed: line 1 is "@inproceedings{…"`), instead of a parser's error deep in it.
    public static func check(_ head: Data, isA format: ImportFormat) throws {
        guard let detected = try? detect(head), detected != format,
              Set([detected, format]) != [.arxivJSONL, .folioJSON]  // both begin with `{`; their readers say more
        else { return }
        let text = String(decoding: head, as: UTF8.self)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard let index = lines.firstIndex(where: { !$0.allSatisfy(\.isWhitespace) }) else { return }
        let line = lines[index].trimmingCharacters(in: .whitespaces)
        let shown = line.count > 40 ? line.prefix(40) + "…" : line
        throw ImportError(.whole, "not \(format.article): line \(index + 1) is \"\(shown)\" (it looks like \(detected.article))")
    }
}

extension ImportFormat {
    /// The format as a sentence names it: "an Atom feed".
    public var article: String {
        switch self {
        case .hfPage: "a saved Daily Papers page"
        case .hfJSON: "Hugging Face JSON"
        case .arxivAtom: "an Atom feed"
        case .arxivRSS: "an RSS feed"
        case .arxivJSONL: "arXiv metadata dump lines"
        case .bibtex: "BibTeX"
        case .folioJSON: "a Folio backup"
        }
    }
}
