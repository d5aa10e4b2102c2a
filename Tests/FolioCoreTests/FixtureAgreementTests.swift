import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import FolioCore

/// Every real capture in `Tests/Fixtures` imported as a user would, and each paper compared with what
/// this file reads from the same bytes by its own means (Foundation's JSON and XML parsers, a few lines
/// of BibTeX): ids, titles, abstracts, author names and dates. Text is compared as the source wrote it,
/// white space collapsed, since Folio keeps TeX as written and renders it only for display.
@Suite("Fixtures agree with an independent reading")
struct FixtureAgreementTests {
    static let atomFiles = try! FileManager.default.contentsOfDirectory(atPath: Fixtures.url("arxiv-atom").path)
        .filter { $0.hasSuffix(".xml") }.sorted()

    @Test func arxivMetadataDump() throws {
        let path = "arxiv-oai-jsonl/snapshot_head50.jsonl"
        let text = try String(contentsOf: Fixtures.url(path), encoding: .utf8)
        let expected = try text.split(separator: "\n").map { line -> ExpectedPaper in
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let parsed = object["authors_parsed"] as? [[String]] ?? []
            let created = (object["versions"] as? [[String: Any]])?.first?["created"] as? String
            return ExpectedPaper(
                id: object["id"] as? String, title: object["title"] as! String, abstract: object["abstract"] as? String ?? "",
                authors: parsed.map { parts in
                    [parts[1], parts[0], parts.count > 2 ? parts[2] : ""].filter { !$0.isEmpty }.joined(separator: " ")
                        .replacingOccurrences(of: ". -", with: ".-")
                },
                published: created.flatMap(Self.rfc822Day))
        }
        #expect(expected.count == 50)
        try Self.check(path, expected)
    }

    @Test(arguments: atomFiles)
    func arxivAPIFeed(file: String) throws {
        let path = "arxiv-atom/" + file
        let feed = try XMLRecords(try Fixtures.data(path), record: "entry")
        if feed.records.contains(where: { $0["id"]?.contains("/api/errors") == true }) {
            #expect(throws: ImportError.self) { try Self.imported(path) }
            return
        }
        let expected = feed.records.map { entry in
            ExpectedPaper(id: entry["id"].map(Self.idFromAbsURL), title: entry["title"] ?? "", abstract: entry["summary"] ?? "",
                          authors: entry.all("name"), published: entry["published"].map { String($0.prefix(10)) })
        }
        try Self.check(path, expected)
    }

    @Test func arxivRSSFeed() throws {
        let path = "arxiv-rss/cs_LG_sample.xml"
        let feed = try XMLRecords(try Fixtures.data(path), record: "item")
        let expected = feed.records.map { item -> ExpectedPaper in
            let guid = String(item["guid"]!.split(separator: ":").last!)  // `2606.13568v1`
            let id = guid.replacingOccurrences(of: #"v[0-9]+$"#, with: "", options: .regularExpression)
            let description = item["description"] ?? ""
            let creators = (item["dc:creator"] ?? "").components(separatedBy: ", ").flatMap { $0.components(separatedBy: " and ") }
            return ExpectedPaper(
                id: id, title: item["title"] ?? "",
                abstract: description.components(separatedBy: "Abstract:").dropFirst().joined(separator: "Abstract:"),
                authors: creators.map { $0.hasPrefix("and ") ? String($0.dropFirst(4)) : $0 },
                // A feed's date is the announcement: the paper's own date is the id's month.
                published: "20" + id.prefix(2) + "-" + id.dropFirst(2).prefix(2),
                announced: item["pubDate"].flatMap(Self.rfc822Day))
        }
        #expect(expected.count >= 4)
        try Self.check(path, expected)
    }

    @Test func huggingFaceAPI() throws {
        let path = "hf-daily-papers/daily_papers_2026-06-12.json"
        let items = try #require(try JSONSerialization.jsonObject(with: try Fixtures.data(path)) as? [[String: Any]])
        let expected = items.map { item -> ExpectedPaper in
            let paper = item["paper"] as! [String: Any]
            return ExpectedPaper(
                id: paper["id"] as? String, title: paper["title"] as! String, abstract: paper["summary"] as? String ?? "",
                authors: (paper["authors"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String },
                published: (paper["publishedAt"] as? String).map { String($0.prefix(10)) })
        }
        #expect(expected.count == 30)
        try Self.check(path, expected)
    }

    /// The saved page: paragraphs split by blank lines; after the date line (`Mar 18`), a title and an abstract per paper.
    @Test func huggingFacePage() throws {
        let path = "hf-daily-papers-page.txt"
        let text = try String(contentsOf: Fixtures.url(path), encoding: .utf8)
        let paragraphs = text.components(separatedBy: "\n").split(whereSeparator: { $0.trimmingCharacters(in: .whitespaces).isEmpty })
            .map { $0.joined(separator: "\n") }
        let dateAt = try #require(paragraphs.firstIndex { $0.range(of: #"^[A-Z][a-z]{2} [0-9]{1,2}$"#, options: .regularExpression) != nil })
        let papers = Array(paragraphs[(dateAt + 1)...])
        let expected = stride(from: 0, to: papers.count - 1, by: 2).map {
            ExpectedPaper(id: nil, title: papers[$0], abstract: papers[$0 + 1], authors: [], published: nil)
        }
        #expect(expected.count == 54)
        try Self.check(path, expected, checkDates: false)  // the page's date has no year: Folio picks one
    }

    @Test func bibTeX() throws {
        let path = "bibtex/pmlr_v224_automl23.bib"
        let entries = BibEntries(try String(contentsOf: Fixtures.url(path), encoding: .utf8)).entries
        let volumeDate = entries.first { $0.type == "proceedings" }?.fields["published"]
        let expected = entries.filter { $0.type != "proceedings" }.map { entry in
            ExpectedPaper(id: nil, title: entry.fields["title"] ?? "", abstract: entry.fields["abstract"] ?? "",
                          authors: (entry.fields["author"] ?? "").components(separatedBy: " and ").map { name in
                              let parts = name.components(separatedBy: ", ")
                              return parts.count == 2 ? parts[1] + " " + parts[0] : name
                          },
                          published: entry.fields["date"] ?? volumeDate)
        }
        #expect(expected.count == 24)
        try Self.check(path, expected)
    }

    // MARK: Comparing

    static func imported(_ path: String) throws -> [Paper] {
        let (store, folder) = try makeStore()
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try LibraryImport(store: store).importFile(Fixtures.url(path).path)
        return try store.papers()
    }

    static func check(_ path: String, _ expected: [ExpectedPaper], checkDates: Bool = true,
                      sourceLocation: SourceLocation = #_sourceLocation) throws {
        let papers = try imported(path)
        let wanted = expected.map(\.cleaned)
        #expect(papers.count == Set(wanted.map { $0.id ?? $0.title }).count, "\(path): papers", sourceLocation: sourceLocation)
        for want in wanted {
            let found = papers.first { paper in want.id.map { paper.arxivID == $0 } ?? (paper.title == want.title) }
            guard let paper = found else {
                Issue.record("\(path): no paper \(want.id ?? want.title)", sourceLocation: sourceLocation)
                continue
            }
            var got = ExpectedPaper(id: want.id == nil ? nil : paper.arxivID, title: paper.title, abstract: paper.metadata.abstract,
                                    authors: paper.metadata.authors, published: paper.metadata.published,
                                    announced: paper.metadata.announced)
            var want = want
            if !checkDates { (got.published, want.published) = (nil, nil) }
            #expect(got == want, "\(path)", sourceLocation: sourceLocation)
        }
    }

    static func idFromAbsURL(_ url: String) -> String {
        let id = url.components(separatedBy: "/abs/").last ?? url
        return id.replacingOccurrences(of: #"v[0-9]+$"#, with: "", options: .regularExpression)
    }

    /// `2007-04-02` for `Mon, 2 Apr 2007 19:18:42 GMT`, the day in the date's own zone.
    static func rfc822Day(_ text: String) -> String? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "EEE, d MMM yyyy HH:mm:ss Z"
        guard let date = formatter.date(from: text.replacingOccurrences(of: "GMT", with: "+0000")) else { return nil }
        let zone = text.components(separatedBy: " ").last.flatMap { Int($0) }.map { ($0 / 100) * 3600 + ($0 % 100) * 60 } ?? 0
        formatter.timeZone = TimeZone(secondsFromGMT: zone)
        formatter.dateFormat = "yyyy-MM-dd"
        return formatter.string(from: date)
    }
}

struct ExpectedPaper: Equatable {
    var id: String?
    var title: String
    var abstract: String
    var authors: [String]
    var published: String?
    var announced: String? = nil

    /// White space collapsed, composed, and text that is UTF-8 read as Windows-1252 put right (Foundation's
    /// encoders here, not Folio's `Mojibake`).
    var cleaned: ExpectedPaper {
        func clean(_ text: String) -> String {
            let collapsed = text.components(separatedBy: .whitespacesAndNewlines).filter { !$0.isEmpty }.joined(separator: " ")
                .precomposedStringWithCanonicalMapping
            guard let bytes = collapsed.data(using: .windowsCP1252), bytes.contains(where: { $0 >= 0x80 }),
                  let fixed = String(data: bytes, encoding: .utf8) else { return collapsed }
            return fixed.precomposedStringWithCanonicalMapping
        }
        var out = self
        out.title = clean(title)
        out.abstract = clean(abstract)
        out.authors = authors.map(clean).filter { !$0.isEmpty }
        return out
    }
}

/// The text of each child of every `record` element, by name (`name` of authors collected by `all`).
struct XMLRecords {
    struct Record {
        var fields: [(String, String)] = []
        subscript(_ name: String) -> String? { fields.first { $0.0 == name }?.1 }
        func all(_ name: String) -> [String] { fields.filter { $0.0 == name }.map(\.1) }
    }
    private(set) var records: [Record] = []

    init(_ data: Data, record: String) throws {
        let collector = Collector(record: record)
        let parser = XMLParser(data: data)
        parser.delegate = collector
        guard parser.parse() else { throw CocoaError(.fileReadCorruptFile) }
        records = collector.records
    }

    private final class Collector: NSObject, XMLParserDelegate {
        let record: String
        var records: [Record] = []
        var inRecord = false, text = ""
        init(record: String) { self.record = record }

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
            if name == record { inRecord = true; records.append(Record()) }
            text = ""
        }
        func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }
        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            if name == record { inRecord = false } else if inRecord { records[records.count - 1].fields.append((qualifiedName ?? name, text)) }
            text = ""
        }
    }
}

/// `@type{key, name = {value}, …}` with braces counted: enough BibTeX for the fixture.
struct BibEntries {
    struct Entry { var type: String; var fields: [String: String] = [:] }
    var entries: [Entry] = []

    init(_ text: String) {
        let scalars = Array(text)
        var i = 0
        func skipSpace() { while i < scalars.count, scalars[i].isWhitespace { i += 1 } }
        func word() -> String {
            var out = ""
            while i < scalars.count, scalars[i].isLetter || scalars[i].isNumber || "_-:".contains(scalars[i]) { out.append(scalars[i]); i += 1 }
            return out
        }
        while let at = scalars[i...].firstIndex(of: "@") {
            i = at + 1
            var entry = Entry(type: word().lowercased())
            i = scalars[i...].firstIndex(of: ",")! + 1
            while true {
                skipSpace()
                if i >= scalars.count || scalars[i] == "}" { i += 1; break }
                let name = word().lowercased()
                skipSpace(); i += 1; skipSpace()  // `=`
                var value = ""
                if scalars[i] == "{" {
                    let start = i + 1
                    var depth = 0
                    repeat {
                        if scalars[i] == "{" { depth += 1 } else if scalars[i] == "}" { depth -= 1 }
                        i += 1
                    } while depth > 0
                    value = String(scalars[start..<(i - 1)])
                } else {
                    value = word()
                }
                entry.fields[name] = value
                skipSpace()
                if i < scalars.count, scalars[i] == "," { i += 1 }
            }
            entries.append(entry)
        }
    }
}
