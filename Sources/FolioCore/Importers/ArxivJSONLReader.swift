import Foundation

/// The arXiv metadata snapshot (`arxiv-metadata-oai-snapshot.json`): one JSON object per line,
/// 2.7 million lines in full, so it is streamed and never held whole.
public struct ArxivJSONLReader: Sendable {
    public init() {}

    /// Calls `progress` with the lines read now and then, and `emit` for each paper.
    public func read(_ lines: LineReader, progress: (Int) -> Void = { _ in }, emit: (PaperInput) throws -> Void) throws {
        while let line = try lines.next() {
            let number = lines.lineNumber
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
            do {
                let fast = line.withUnsafeBytes { DumpLine.parse($0.bindMemory(to: UInt8.self)) }
                try emit(try fast.map { try ArxivJSONLReader.paper(from: $0, record: number) } ?? ArxivJSONLReader.paper(line, record: number))
            } catch let error as ImportError where error.location == .record(number) {
                throw ImportError(.line(number), error.message)  // a line is where a person looks in this format
            }
            if number % 4096 == 0 { progress(number) }
        }
        progress(lines.lineNumber)
    }

    /// A line `DumpLine` left to Foundation: the reference reading, with its messages.
    static func paper(_ line: Data, record: Int) throws -> PaperInput {
        let value: Any
        do {
            value = try JSONSerialization.jsonObject(with: line)
        } catch {
            throw ImportError(.line(record), "expected one JSON object per line (arXiv metadata snapshot)")
        }
        return try paper(from: JSONFields(value, record: record))
    }

    static func paper(from f: JSONFields) throws -> PaperInput {
        let id = try arxivID(try f.requiredString("id"), record: f.record)
        let versions = try f.objects("versions").compactMap { version(name: $0["version"] as? String, created: $0["created"] as? String) }
        let parsed = (f.object["authors_parsed"] as? [[String]]).flatMap { $0.isEmpty ? nil : $0 }
        return paper(id: id, versions: versions, categories: try f.string("categories"), title: try f.requiredString("title"),
                     abstract: try f.string("abstract"), authors: authors(parsed: parsed, text: try f.string("authors")),
                     updated: try f.string("update_date"), comments: try f.string("comments"), journalRef: try f.string("journal-ref"),
                     doi: try f.string("doi"))
    }

    /// The same paper from the fields `DumpLine` read (which has checked their types).
    static func paper(from line: DumpLine, record: Int) throws -> PaperInput {
        guard let rawID = line.id else { throw ImportError(.record(record), "missing field \"id\"") }
        let id = try arxivID(rawID, record: record)
        guard let title = line.title else { throw ImportError(.record(record), "missing field \"title\"") }
        let parsed = line.authorsParsed.flatMap { $0.isEmpty ? nil : $0 }
        return paper(id: id, versions: line.versions.compactMap { version(name: $0.version, created: $0.created) },
                     categories: line.categories, title: title, abstract: line.abstract, authors: authors(parsed: parsed, text: line.authors),
                     updated: line.updateDate, comments: line.comments, journalRef: line.journalRef, doi: line.doi)
    }

    /// `authors_parsed` gives clean names; the `authors` string is the fallback, and numbers the affiliations.
    private static func authors(parsed: [[String]]?, text: String?) -> AuthorAffiliations {
        parsed.map { AuthorAffiliations(parsed: $0, authorsText: text) } ?? AuthorAffiliations(text: text ?? "")
    }

    private static func arxivID(_ raw: String, record: Int) throws -> String {
        guard let parsed = ArxivID.parse(raw) else { throw ImportError(.record(record), "field \"id\" is not an arXiv id: \(raw)") }
        return parsed.id
    }

    /// `v2 2007-07-24`, or the name alone when the date does not read; nil without a name.
    private static func version(name: String?, created: String?) -> String? {
        guard let name else { return nil }
        return created.flatMap(DateText.day(fromRFC822:)).map { "\(name) \($0)" } ?? name
    }

    private static func paper(id: String, versions: [String], categories: String?, title: String, abstract: String?,
                              authors: AuthorAffiliations, updated: String?, comments: String?, journalRef: String?, doi: String?) -> PaperInput {
        let categories = (categories ?? "").split(separator: " ").map(String.init)
        return PaperInput(
            arxivID: id,
            version: versions.last.map { String($0.prefix { $0 != " " }) },
            title: title,
            abstract: abstract ?? "",
            authors: authors.names,
            affiliations: authors.affiliations,
            published: versions.first.flatMap { $0.split(separator: " ").dropFirst().first.map(String.init) } ?? DateText.month(ofArxivID: id),
            updated: updated,
            categories: categories,
            primaryCategory: categories.first,
            versions: versions,
            absURL: ArxivLinks.abs(id),
            pdfURL: ArxivLinks.pdf(id),
            comments: comments,
            journalRef: journalRef,
            doi: doi)
    }
}
