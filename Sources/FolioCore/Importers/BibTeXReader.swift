import Foundation

/// Reads BibTeX: every entry except `@proceedings` (a volume, not a paper) becomes a paper.
/// Title, abstract and authors are kept as the TeX they are (the views show them rendered, and an
/// export writes them back); URLs and DOIs are taken as written.
public struct BibTeXReader: DocumentReader {
    public init() {}

    public func read(_ data: Data, context: ImportContext, emit: (PaperInput) throws -> Void) throws {
        for (entry, volume) in try entries(data) { try emit(paper(from: entry, volume: volume)) }
    }

    /// Each paper's entry with its volume. Papers without a date take their volume's: the one they
    /// `crossref`, or the file's only @proceedings (PMLR files put the date there and nowhere else).
    func entries(_ data: Data) throws -> [(BibTeXEntry, BibTeXEntry?)] {
        let text = try TextInput.decodeUTF8(data, format: "BibTeX")
        var parser = BibTeXParser(text)
        let entries = try parser.entries()
        let volumes = entries.filter { $0.type == "proceedings" }
        let papers = entries.filter { $0.type != "proceedings" }
        guard !papers.isEmpty else {
            throw ImportError(.whole, "expected BibTeX entries such as @article{…}, found none")
        }
        let volumesByKey = Dictionary(volumes.map { ($0.key.lowercased(), $0) }, uniquingKeysWith: { first, _ in first })
        return papers.map { entry in
            (entry, entry.fields["crossref"].flatMap { volumesByKey[$0.lowercased()] } ?? (volumes.count == 1 ? volumes[0] : nil))
        }
    }

    func paper(from entry: BibTeXEntry, volume: BibTeXEntry?) throws -> PaperInput {
        let fields = entry.fields
        let title = fields["title"].map(Self.plainText) ?? ""
        guard !title.isEmpty else {
            throw ImportError(.line(entry.line), "expected a title in entry \(entry.key)")
        }
        var paper = PaperInput(
            title: title,
            abstract: fields["abstract"].map(Self.plainText) ?? "",
            authors: fields["author"].map(Self.authors) ?? [],
            published: Self.published(entry.fields) ?? volume.flatMap { Self.published($0.fields) },
            absURL: fields["url"].map(TextNormalizer.clean),
            pdfURL: fields["pdf"].map(TextNormalizer.clean),
            doi: fields["doi"].map(Self.doi)
        )
        if let (id, version) = Self.arxivID(fields) {
            paper.arxivID = id
            paper.version = version
            paper.absURL = paper.absURL ?? ArxivLinks.abs(id)
            paper.pdfURL = paper.pdfURL ?? ArxivLinks.pdf(id)
            paper.published = paper.published ?? DateText.month(ofArxivID: id)
        }
        return paper
    }

    static func plainText(_ tex: String) -> String {
        TextNormalizer.clean(tex)
    }

    // MARK: Authors

    /// `Last, First and First Last and {Company and Co}` → `["First Last", "First Last", "Company and Co"]`.
    static func authors(_ tex: String) -> [String] {
        var names: [[String]] = [[]]
        for word in topLevelSplit(tex, at: \.isWhitespace) where !word.isEmpty {
            if word.lowercased() == "and" {
                names.append([])
            } else {
                names[names.count - 1].append(word)
            }
        }
        return names.compactMap { words in
            let written = words.joined(separator: " ")
            // `and others` means "et al.": not a person.
            guard !written.isEmpty, written.lowercased() != "others" else { return nil }
            let parts = topLevelSplit(written, at: { $0 == "," }).map { $0.trimmingCharacters(in: .whitespaces) }
            let ordered: [String]
            switch parts.count {
            case 2: ordered = [parts[1], parts[0]]  // Last, First
            case 3: ordered = [parts[2], parts[0], parts[1]]  // von Last, Jr, First
            default: ordered = parts
            }
            let name = plainText(ordered.filter { !$0.isEmpty }.joined(separator: " "))
            return name.isEmpty ? nil : name
        }
    }

    /// Splits where `isSeparator` holds outside braces, so `{Barnes and Noble}` stays whole.
    static func topLevelSplit(_ text: String, at isSeparator: (Character) -> Bool) -> [String] {
        var parts: [String] = [""]
        var depth = 0
        for character in text {
            if character == "{" { depth += 1 }
            if character == "}" { depth = max(0, depth - 1) }
            if depth == 0 && isSeparator(character) {
                parts.append("")
            } else {
                parts[parts.count - 1].append(character)
            }
        }
        return parts
    }

    // MARK: Dates

    /// `YYYY-MM-DD`, `YYYY-MM` or `YYYY` from `date` (biblatex), `published` (PMLR), or `year` and `month`:
    /// as much as the entry says, no invented day.
    static func published(_ fields: [String: String]) -> String? {
        for name in ["date", "published"] {
            if let written = fields[name].map(TextNormalizer.clean), let date = isoDate(written) { return date }
        }
        guard let yearText = fields["year"].map(plainText),
              let yearRange = yearText.range(of: #"[0-9]{4}"#, options: .regularExpression),
              let year = Int(yearText[yearRange])
        else { return nil }
        let month = fields["month"].map(plainText).flatMap { Int($0) ?? DateText.month(named: $0) }
        return DateText.partial(year, month.flatMap { (1...12).contains($0) ? $0 : nil }, nil)
    }

    /// `2023`, `2023-12` or `2023-12-02` (trailing time allowed), as written.
    static func isoDate(_ text: String) -> String? {
        guard let match = text.range(of: #"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?"#, options: .regularExpression) else {
            return nil
        }
        let parts = text[match].split(separator: "-").compactMap { Int($0) }
        guard parts.count == 1 || (1...12).contains(parts[1]) else { return nil }
        return DateText.partial(parts[0], parts.count > 1 ? parts[1] : nil, parts.count > 2 ? parts[2] : nil)
    }

    // MARK: Identifiers

    static func doi(_ written: String) -> String {
        var doi = TextNormalizer.clean(written)
        for prefix in ["https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "http://dx.doi.org/", "doi:"]
        where doi.lowercased().hasPrefix(prefix) {
            doi.removeFirst(prefix.count)
        }
        return doi
    }

    /// From `eprint` (unless `archivePrefix` names another archive), `arxiv`/`arxivid`,
    /// an arxiv.org URL, or `arXiv:ID` in `journal` as Google Scholar writes it.
    static func arxivID(_ fields: [String: String]) -> (String, String?)? {
        var candidates: [String] = []
        let archive = (fields["archiveprefix"] ?? fields["eprinttype"]).map { TextNormalizer.clean($0).lowercased() }
        if let eprint = fields["eprint"], archive == nil || archive == "arxiv" { candidates.append(eprint) }
        candidates += [fields["arxiv"], fields["arxivid"]].compactMap { $0 }
        candidates += [fields["url"], fields["pdf"]].compactMap { $0 }.filter { $0.contains("arxiv.org") }
        if let journal = fields["journal"], let marker = journal.range(of: "arXiv:", options: .backwards) {
            candidates.append(String(journal[marker.upperBound...].prefix { !$0.isWhitespace && $0 != "}" }))
        }
        for candidate in candidates {
            if let parsed = ArxivID.parse(TextNormalizer.clean(candidate)) { return (parsed.id, parsed.version) }
        }
        return nil
    }
}
