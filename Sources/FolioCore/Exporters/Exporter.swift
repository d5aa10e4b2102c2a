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
            try Self.writeBibTeX(papers, to: out)
        case .markdown:
            try out("# Papers\n\n")
            for paper in papers { try out(MarkdownWriter.entry(paper) + "\n") }
        }
    }
}

extension Exporter {
    /// `--format bibtex`: an entry per paper (keys unique among them), each followed by a blank line.
    /// The reader's BibTeX copy is this for one paper.
    public static func writeBibTeX(_ papers: [Paper], to out: (String) throws -> Void) rethrows {
        var usedKeys = Set<String>()
        for paper in papers { try out(BibTeXWriter.entry(paper, usedKeys: &usedKeys) + "\n") }
    }
}

enum MarkdownWriter {
    static func entry(_ p: Paper) -> String {
        let m = p.metadata
        let title = escape(TeXDisplay.render(m.title))
        var lines = [p.url.map { "## [\(title)](\($0))" } ?? "## \(title)"]
        var facts: [String] = []
        if !m.authors.isEmpty { facts.append(escape(m.shownAuthors)) }
        if let d = m.published { facts.append(d) }
        if let a = m.arxivID { facts.append("arXiv:\(a)") }
        if p.isStarred { facts.append("★") }
        if !p.tags.isEmpty { facts.append("tags: " + p.tags.map(escape).joined(separator: ", ")) }
        if !facts.isEmpty { lines.append("*" + facts.joined(separator: " · ") + "*") }
        if !m.abstract.isEmpty { lines.append("\n" + escape(TeXDisplay.render(m.abstract))) }
        if let note = p.note {
            let quoted = note.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
                .map { "> " + ($0.offset == 0 ? "**Note:** " : "") + escape(String($0.element)) }
            lines.append("\n" + quoted.joined(separator: "\n"))
        }
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
