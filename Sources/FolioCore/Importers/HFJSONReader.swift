import Foundation

/// Reads the JSON array the Hugging Face daily papers API returns
/// (`GET https://huggingface.co/api/daily_papers?date=…`). Each item holds a `paper` object;
/// the item's own `title`, `summary` and `publishedAt` stand in when `paper` lacks them.
public struct HFJSONReader: DocumentReader {
    public init() {}

    public func read(_ data: Data, context: ImportContext, emit: (PaperInput) throws -> Void) throws {
        let root: Any
        do {
            root = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        } catch {
            throw Self.syntaxError(error, in: data)
        }
        guard let items = root as? [Any] else {
            throw ImportError(.whole, "expected a JSON array of daily papers, found \(Self.kind(of: root))")
        }
        // An empty array is a day without papers, not a broken file.
        for (offset, element) in items.enumerated() {
            try emit(Self.paper(from: element, record: offset + 1))
        }
    }

    static func paper(from element: Any, record: Int) throws -> PaperInput {
        guard let item = element as? [String: Any] else {
            throw ImportError(.record(record), "expected an object, found \(kind(of: element))")
        }
        let paper = item["paper"] as? [String: Any] ?? [:]
        /// The paper's field, else the item's.
        func text(_ key: String) -> String? {
            (paper[key] as? String ?? item[key] as? String).map(TextNormalizer.clean)
        }
        guard let title = text("title"), !title.isEmpty else {
            throw ImportError(.record(record), "expected a title (paper.title or title), missing")
        }
        let authors = (paper["authors"] as? [Any] ?? []).compactMap { author in
            ((author as? [String: Any])?["name"] as? String).map(TextNormalizer.clean)
        }
        var result = PaperInput(
            title: title,
            abstract: text("summary") ?? "",
            authors: authors.filter { !$0.isEmpty },
            published: text("publishedAt").flatMap(isoDay),
            upvotes: paper["upvotes"] as? Int,
            githubRepo: (paper["githubRepo"] as? String).map(TextNormalizer.clean),
            aiKeywords: (paper["ai_keywords"] as? [Any] ?? []).compactMap { ($0 as? String).map(TextNormalizer.clean) },
            commentCount: item["numComments"] as? Int,
            githubStars: paper["githubStars"] as? Int
        )
        if let raw = paper["id"] as? String, let parsed = ArxivID.parse(raw) {
            result.arxivID = parsed.id
            result.version = parsed.version
            result.absURL = ArxivLinks.abs(parsed.id)
            result.pdfURL = ArxivLinks.pdf(parsed.id)
        }
        return result
    }

    /// `2026-05-30` from `2026-05-30T00:00:00.000Z`.
    static func isoDay(_ timestamp: String) -> String? {
        let day = String(timestamp.prefix(10))
        return day.range(of: #"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"#, options: .regularExpression) == nil ? nil : day
    }

    static func kind(of value: Any) -> String {
        switch value {
        case is [String: Any]: return "an object"
        case is [Any]: return "an array"
        case is String: return "a string"
        case is NSNull: return "null"
        default: return "a number or boolean"
        }
    }

    // MARK: Syntax errors

    /// Foundation reports a byte offset ("around character 21") for a bad value and none for
    /// a file that ends early; either way the position becomes a line and column.
    static func syntaxError(_ error: Error, in data: Data) -> ImportError {
        let reason = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? "\(error)"
        let offset: Int?
        if let match = reason.firstMatch(of: /character ([0-9]+)/), let byte = Int(match.output.1) {
            offset = byte
        } else if reason.localizedCaseInsensitiveContains("end of file") || data.isEmpty {
            offset = data.count
        } else {
            offset = nil
        }
        guard let offset else { return ImportError(.whole, "expected valid JSON: \(reason)") }
        let (line, column) = lineAndColumn(ofByte: offset, in: data)
        return ImportError(.lineColumn(line, column), "expected valid JSON: \(reason)")
    }

    /// 1-based line and column (in characters) of a byte offset.
    static func lineAndColumn(ofByte offset: Int, in data: Data) -> (Int, Int) {
        let prefix = data.prefix(max(0, min(offset, data.count)))
        let newline = UInt8(ascii: "\n")
        let line = prefix.reduce(1) { $1 == newline ? $0 + 1 : $0 }
        let lineStart = prefix.lastIndex(of: newline).map { $0 + 1 } ?? prefix.startIndex
        let column = String(decoding: prefix[lineStart...], as: UTF8.self).count + 1
        return (line, column)
    }
}
