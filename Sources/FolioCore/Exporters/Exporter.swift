import Foundation

public enum ExportFormat: String, CaseIterable, Sendable {
    case folioJSON = "folio-json"
    case jsonl
    case bibtex
    case markdown
}

/// Writes papers out in a chosen format, a piece at a time.
public struct Exporter {
    public let store: Store

    public init(store: Store) { self.store = store }

    public func export(_ papers: [Paper], format: ExportFormat, to out: (String) throws -> Void) throws {
        switch format {
        case .folioJSON:
            try FolioBackup.write(papers, topics: try store.topics(), to: out)
        case .jsonl:
            for paper in papers { try out(PaperJSON.object(paper).text + "\n") }
        case .bibtex:
            var usedKeys = Set<String>()
            for paper in papers { try out(BibTeXWriter.entry(paper, usedKeys: &usedKeys) + "\n") }
        case .markdown:
            try out("# Papers\n\n")
            for paper in papers { try out(MarkdownWriter.entry(paper) + "\n") }
        }
    }
}

enum MarkdownWriter {
    static func entry(_ p: Paper) -> String {
        let m = p.metadata
        let title = escape(m.title)
        var lines = [p.url.map { "## [\(title)](\($0))" } ?? "## \(title)"]
        var facts: [String] = []
        if !m.authors.isEmpty { facts.append(escape(m.authors.joined(separator: ", "))) }
        if let d = m.published { facts.append(d) }
        if let a = m.arxivID { facts.append("arXiv:\(a)") }
        if p.isStarred { facts.append("★") }
        if !p.tags.isEmpty { facts.append("tags: " + p.tags.map(escape).joined(separator: ", ")) }
        if !facts.isEmpty { lines.append("*" + facts.joined(separator: " · ") + "*") }
        if !m.abstract.isEmpty { lines.append("\n" + escape(m.abstract)) }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Characters that would start Markdown markup of their own.
    static func escape(_ s: String) -> String {
        var out = ""
        for ch in s {
            if "\\`*_[]<>#|".contains(ch) { out.append("\\") }
            out.append(ch)
        }
        return out
    }
}

enum BibTeXWriter {
    static func entry(_ p: Paper, usedKeys: inout Set<String>) -> String {
        let m = p.metadata
        let surname = m.authors.first.flatMap { $0.split(separator: " ").last }.map(String.init) ?? "paper"
        let year = m.published.map { String($0.prefix(4)) } ?? ""
        let firstWord = m.title.split(separator: " ").first.map(String.init) ?? ""
        var key = (surname + year + firstWord).filter { $0.isASCII && ($0.isLetter || $0.isNumber) }.lowercased()
        if key.isEmpty { key = "paper" }
        var unique = key
        var n = 1
        while usedKeys.contains(unique) { n += 1; unique = key + String(n) }
        usedKeys.insert(unique)
        var fields: [(String, String)] = [("title", m.title)]
        if !m.authors.isEmpty { fields.append(("author", m.authors.joined(separator: " and "))) }
        if !year.isEmpty { fields.append(("year", year)) }
        if let a = m.arxivID {
            fields += [("eprint", a), ("archivePrefix", "arXiv")]
            if let c = m.primaryCategory { fields.append(("primaryClass", c)) }
        }
        if let doi = m.doi { fields.append(("doi", doi)) }
        if let url = p.url { fields.append(("url", url)) }
        if !m.abstract.isEmpty { fields.append(("abstract", m.abstract)) }
        let body = fields.map { "  \($0.0) = {\(braceSafe($0.1))}" }.joined(separator: ",\n")
        return "@misc{\(unique),\n\(body)\n}\n"
    }

    /// Unbalanced braces would end the field early: such text loses its braces.
    static func braceSafe(_ s: String) -> String {
        var depth = 0
        for ch in s {
            if ch == "{" { depth += 1 } else if ch == "}" { depth -= 1 }
            if depth < 0 { break }
        }
        return depth == 0 ? s : s.filter { $0 != "{" && $0 != "}" }
    }
}
