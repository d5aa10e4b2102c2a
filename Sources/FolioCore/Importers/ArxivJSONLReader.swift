import Foundation

/// The arXiv metadata snapshot (`arxiv-metadata-oai-snapshot.json`): one JSON object per line,
/// 2.7 million lines in full, so it is streamed and never held whole.
public struct ArxivJSONLReader: Sendable {
    public init() {}

    /// Calls `progress` with (lines, bytes read) now and then, and `emit` for each paper.
    public func read(
        _ lines: LineReader,
        progress: (Int, Int64) -> Void = { _, _ in },
        emit: (PaperInput) throws -> Void
    ) throws {
        while let line = try lines.next() {
            let number = lines.lineNumber
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
            let value: Any
            do {
                value = try JSONSerialization.jsonObject(with: line)
            } catch {
                throw ImportError(.line(number), "expected one JSON object per line (arXiv metadata snapshot)")
            }
            do {
                try emit(try ArxivJSONLReader.paper(from: JSONFields(value, record: number)))
            } catch let error as ImportError where error.location == .record(number) {
                throw ImportError(.line(number), error.message)  // a line is where a person looks in this format
            }
            if number % 4096 == 0 { progress(number, lines.bytesRead) }
        }
        progress(lines.lineNumber, lines.bytesRead)
    }

    static func paper(from f: JSONFields) throws -> PaperInput {
        let rawID = try f.requiredString("id")
        guard let parsed = ArxivID.parse(rawID) else {
            throw ImportError(.record(f.record), "field \"id\" is not an arXiv id: \(rawID)")
        }
        let versions = try f.objects("versions").compactMap { v -> String? in
            guard let name = v["version"] as? String else { return nil }
            let date = (v["created"] as? String).flatMap(DateText.day(fromRFC822:))
            return date.map { "\(name) \($0)" } ?? name
        }
        let categories = (try f.string("categories") ?? "").split(separator: " ").map(String.init)
        return PaperInput(
            arxivID: parsed.id,
            version: versions.last.map { String($0.prefix { $0 != " " }) },
            title: TeXDecoder.decode(try f.requiredString("title")),
            abstract: TeXDecoder.decode(try f.string("abstract") ?? ""),
            authors: try ArxivJSONLReader.authors(f),
            published: versions.first.flatMap { $0.split(separator: " ").dropFirst().first.map(String.init) },
            updated: try f.string("update_date"),
            categories: categories,
            primaryCategory: categories.first,
            versions: versions,
            absURL: ArxivLinks.abs(parsed.id),
            pdfURL: ArxivLinks.pdf(parsed.id),
            comments: try f.string("comments"),
            journalRef: try f.string("journal-ref"),
            doi: try f.string("doi"))
    }

    /// `authors_parsed` ([last, first, suffix]) gives clean names; the `authors` string is the fallback.
    static func authors(_ f: JSONFields) throws -> [String] {
        if let parsed = f.object["authors_parsed"] as? [[String]], !parsed.isEmpty {
            return parsed.map { parts in
                let last = parts.first ?? ""
                let rest = parts.dropFirst().filter { !$0.isEmpty }
                let name = ([rest.first].compactMap { $0 } + [last] + rest.dropFirst()).joined(separator: " ")
                // The parser spaces hyphenated initials (`C. -P.`); the name is written `C.-P.`.
                return TeXDecoder.decode(name.replacingOccurrences(of: ". -", with: ".-"))
            }
        }
        let joined = TeXDecoder.decode(try f.string("authors") ?? "")
        return joined.replacingOccurrences(of: " and ", with: ", ")
            .split(separator: ",").map { $0.trimmingCharacters(in: CharacterSet.whitespaces) }.filter { !$0.isEmpty }
    }
}
