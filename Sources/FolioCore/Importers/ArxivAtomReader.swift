import Foundation

/// Reads Atom 1.0 responses of the arXiv API (`export.arxiv.org/api/query`),
/// both the 2016 layout and the current one; they differ only in element order and wrapping.
public struct ArxivAtomReader: DocumentReader {
    public init() {}

    public func read(_ data: Data, context: ImportContext, emit: (PaperInput) throws -> Void) throws {
        let feed = try XMLTree.parseDocument(data, rootName: "feed", formatName: "arXiv Atom feed")
        let entries = feed.children("entry")
        // The API reports a bad query as a feed with one pseudo-entry; fail before emitting anything.
        if let apiError = entries.first(where: Self.isAPIError) {
            let reason = apiError.cleanText(of: "summary") ?? apiError.cleanText(of: "id") ?? "unknown error"
            throw ImportError(.whole, "arXiv API error: \(reason)")
        }
        for (index, entry) in entries.enumerated() {
            try emit(paper(from: entry, record: index + 1))
        }
    }

    private static func isAPIError(_ entry: XMLTreeElement) -> Bool {
        entry.child("id")?.text.contains("/api/errors") ?? false
    }

    private func paper(from entry: XMLTreeElement, record: Int) throws -> PaperInput {
        guard let title = entry.text(of: "title") else {
            throw ImportError(.record(record), "entry \(record) has no title")
        }
        let parsedID = entry.cleanText(of: "id").flatMap(ArxivID.parse)
        let links = entry.children("link")
        let absURL = links.first { $0.attributes["rel"] == "alternate" }?.attributes["href"]
        let pdfURL = links.first {
            $0.attributes["title"] == "pdf" || $0.attributes["type"] == "application/pdf"
        }?.attributes["href"]

        return PaperInput(
            arxivID: parsedID?.id,
            version: parsedID?.version,
            title: title,
            abstract: entry.text(of: "summary") ?? "",
            authors: entry.children("author").compactMap { $0.text(of: "name") },
            affiliations: Self.affiliations(entry.children("author")),
            published: entry.cleanText(of: "published").map(Self.day),
            updated: entry.cleanText(of: "updated").map(Self.day),
            categories: entry.children("category").compactMap { $0.attributes["term"] },
            primaryCategory: entry.child("arxiv:primary_category")?.attributes["term"],
            absURL: absURL,
            pdfURL: pdfURL,
            comments: entry.text(of: "arxiv:comment"),
            journalRef: entry.text(of: "arxiv:journal_ref"),
            doi: entry.cleanText(of: "arxiv:doi")
        )
    }

    /// Every `<arxiv:affiliation>` of the authors, each once.
    private static func affiliations(_ authors: [XMLTreeElement]) -> [String] {
        var seen: [String] = []
        for author in authors {
            for affiliation in author.children("arxiv:affiliation") {
                let text = TextNormalizer.clean(Mojibake.repaired(affiliation.text) ?? affiliation.text)
                if !text.isEmpty && !seen.contains(text) { seen.append(text) }
            }
        }
        return seen
    }

    /// `2012-04-02` from `2012-04-02T12:38:54Z`: the calendar day as arXiv wrote it.
    private static func day(_ timestamp: String) -> String {
        String(timestamp.prefix(10))
    }
}
