import Foundation

/// Reads the RSS 2.0 feeds of rss.arxiv.org (`rss.arxiv.org/rss/cs.LG`): one `<item>` per announced paper.
public struct ArxivRSSReader: DocumentReader {
    public init() {}

    public func read(_ data: Data, context: ImportContext, emit: (PaperInput) throws -> Void) throws {
        let rss = try XMLTree.parseDocument(data, rootName: "rss", formatName: "RSS feed")
        let items = rss.child("channel")?.children("item") ?? []
        for (index, item) in items.enumerated() {
            try emit(paper(from: item, record: index + 1))
        }
    }

    private func paper(from item: XMLTreeElement, record: Int) throws -> PaperInput {
        guard let title = item.text(of: "title") else {
            throw ImportError(.record(record), "item \(record) has no title")
        }
        let link = item.cleanText(of: "link")
        let parsedID = item.cleanText(of: "guid").flatMap(ArxivID.parse) ?? link.flatMap(ArxivID.parse)

        return PaperInput(
            arxivID: parsedID?.id,
            version: parsedID?.version,
            title: title,
            abstract: item.child("description").map { Self.abstract(fromDescription: $0.text) } ?? "",
            authors: item.cleanText(of: "dc:creator").map(Self.authors) ?? [],
            // A feed's date is the day it announced the paper, which for a cross-list or a new version is
            // long after the paper appeared: the id's month stands in until a source gives the first version's day.
            published: parsedID.flatMap { DateText.month(ofArxivID: $0.id) },
            categories: item.children("category").map { TextNormalizer.clean($0.text) }.filter { !$0.isEmpty },
            absURL: link,
            journalRef: item.cleanText(of: "arxiv:journal_reference"),
            doi: item.cleanText(of: "arxiv:DOI"),
            announceType: item.cleanText(of: "arxiv:announce_type"),
            announced: item.cleanText(of: "pubDate").flatMap(DateText.day(fromRFC822:))
        )
    }

    /// The description repeats the id and announce type before `Abstract:`; only what follows is the abstract
    /// (as written: the import cleans it).
    static func abstract(fromDescription description: String) -> String {
        guard let marker = description.range(of: "Abstract:") else { return description }
        return String(description[marker.upperBound...])
    }

    /// `dc:creator` lists names joined by `, `, sometimes with `and` before the last one.
    static func authors(_ creators: String) -> [String] {
        var names: [String] = []
        for piece in creators.components(separatedBy: ", ") {
            var rest = piece
            if rest.hasPrefix("and ") { rest.removeFirst(4) }
            names += rest.components(separatedBy: " and ")
        }
        return names.map(TextNormalizer.clean).filter { !$0.isEmpty }
    }
}
