/// What the reader's copy keys put on the clipboard for a paper (`y` the URL, `Y` then a letter).
/// The texts are built by `text(for:)` (Exporters/CopyText.swift, beside the BibTeX writer it reuses).
public enum CopyFormat: String, CaseIterable, Sendable {
    case url, title, bibtex, markdown

    /// The letter that chooses it after `Y`.
    public var letter: Character {
        switch self {
        case .url: return "u"
        case .title: return "t"
        case .bibtex: return "b"
        case .markdown: return "m"
        }
    }

    /// How the choice and the status line name it: `copied BibTeX of 2401.01234`.
    public var label: String {
        switch self {
        case .url: return "URL"
        case .title: return "title"
        case .bibtex: return "BibTeX"
        case .markdown: return "Markdown link"
        }
    }

    /// Where URL and Markdown point: arXiv's abstract page, else the source's link.
    public static func link(of paper: Paper) -> String? {
        paper.arxivID.map(ArxivLinks.abs) ?? paper.url
    }

    /// The paper has what the format copies (every paper has a title and a BibTeX entry).
    public func isAvailable(for paper: Paper) -> Bool {
        self == .title || self == .bibtex || Self.link(of: paper) != nil
    }

    /// The choice on the status line after `Y`: `u URL  t title  b BibTeX  m Markdown`.
    public static var choices: String {
        allCases.map { "\($0.letter) \($0 == .markdown ? "Markdown" : $0.label)" }.joined(separator: "  ")
    }
}
