import Foundation

/// `@misc` entries that `BibTeXReader` reads back to the same papers and the same user state: tags as
/// `keywords`, the note as `annote` (as reference managers write theirs), star and read marks as
/// `folio-starred` / `folio-read` (their times).
enum BibTeXWriter {
    static func entry(_ p: Paper, usedKeys: inout Set<String>) -> String {
        let m = p.metadata
        var fields: [(String, String)] = [("title", BibTeXText.escape(m.title))]
        if !m.authors.isEmpty { fields.append(("author", m.authors.map(BibTeXText.escapeName).joined(separator: " and "))) }
        if let published = m.published {
            fields.append(("year", String(published.prefix(4))))
            if published.count > 4 { fields.append(("date", published)) }  // biblatex's field: the month and day too
        }
        if let a = m.arxivID {
            fields += [("eprint", a), ("archivePrefix", "arXiv")]
            if let c = m.primaryCategory { fields.append(("primaryClass", c)) }
        }
        if let doi = m.doi { fields.append(("doi", BibTeXText.escapeVerbatim(doi))) }
        if let url = p.url { fields.append(("url", BibTeXText.escapeVerbatim(url))) }
        if !m.abstract.isEmpty { fields.append(("abstract", BibTeXText.escape(m.abstract))) }
        if !p.tags.isEmpty { fields.append(("keywords", p.tags.map(BibTeXText.escape).joined(separator: ", "))) }
        if let note = p.note { fields.append(("annote", BibTeXText.escape(note))) }
        if let at = p.starredAt { fields.append(("folio-starred", at)) }
        if let at = p.readAt { fields.append(("folio-read", at)) }
        let body = fields.map { "  \($0.0) = {\($0.1)}" }.joined(separator: ",\n")
        return "@misc{\(key(p, usedKeys: &usedKeys)),\n\(body)\n}\n"
    }

    /// `vaswani2017attention`: the first author's surname, the year and the title's first word, in ASCII.
    static func key(_ p: Paper, usedKeys: inout Set<String>) -> String {
        let m = p.metadata
        let surname = m.authors.first.flatMap { TextNormalizer.searchWords($0).last } ?? "paper"
        let year = m.published.map { String($0.prefix(4)) } ?? ""
        let firstWord = TextNormalizer.searchWords(m.title).first ?? ""
        var key = (surname + year + firstWord).filter { $0.isASCII && ($0.isLetter || $0.isNumber) }
        if key.isEmpty { key = "paper" }
        var unique = key
        var n = 1
        while usedKeys.contains(unique) { n += 1; unique = key + String(n) }
        usedKeys.insert(unique)
        return unique
    }
}

// Reading back what `BibTeXWriter` wrote needs the store's types, which the importers' fuzz build leaves out.
extension BibTeXReader {
    /// The papers with the user state a file written by Folio carries (`BibTeXWriter`): tags from
    /// `keywords` (as reference managers write their tags), star and read marks with their times.
    func contents(_ data: Data) throws -> FolioBackup.Contents {
        var contents = FolioBackup.Contents()
        for (entry, volume) in try entries(data) {
            let fields = entry.fields
            let tags = fields["keywords"].map { BibTeXReader.topLevelSplit($0, at: { $0 == "," || $0 == ";" }) } ?? []
            contents.papers.append(FolioBackup.Contents.Entry(
                metadata: try paper(from: entry, volume: volume), id: entry.key,
                starredAt: fields["folio-starred"].map(Self.mark), readAt: fields["folio-read"].map(Self.mark),
                tags: tags.map { TextNormalizer.clean(TeXDisplay.render($0)) }.filter { !$0.isEmpty },
                note: fields["annote"].map { TeXDisplay.render($0) }, provenance: [nil]))
        }
        return contents
    }

    /// A mark's time as written, or now for a mark without one (`folio-starred = {yes}`).
    private static func mark(_ written: String) -> String {
        let text = TextNormalizer.clean(written)
        return text.first?.isNumber == true ? text : Timestamp.now()
    }
}

/// Text as a BibTeX field holds it. Folio keeps text as its source wrote it, TeX included; a field
/// gets the text as it reads (`TeXDisplay.render`) with TeX's special characters escaped, and math
/// (`$…$`) as written, so that reading the field back renders to what was shown.
enum BibTeXText {
    static func escape(_ source: String) -> String {
        var out = ""
        for (text, isMath) in mathSpans(source) {
            out += isMath ? text : escapePlain(TeXDisplay.render(text))
        }
        return out
    }

    /// A name: as `escape`, with a comma or a lone `and` braced, which would split it into two.
    static func escapeName(_ name: String) -> String {
        let escaped = escape(name)
        let needsBraces = escaped.contains(",") || escaped.split(separator: " ").contains { $0.lowercased() == "and" }
        return needsBraces ? "{" + escaped + "}" : escaped
    }

    /// URLs and DOIs are read as written: only braces would end the field, and they are not in URLs.
    static func escapeVerbatim(_ text: String) -> String {
        text.filter { $0 != "{" && $0 != "}" }
    }

    /// Plain text with nothing TeX would read differently: `TeXDisplay.render(escapePlain(t)) == t`.
    static func escapePlain(_ text: String) -> String {
        var out = ""
        var previous: Character = " "
        for character in text {
            switch character {
            case "&", "%", "$", "#", "_", "{", "}": out += "\\" + String(character)
            case "\\": out += "\\textbackslash{}"
            case "~": out += "\\textasciitilde{}"
            case "^": out += "\\textasciicircum{}"
            // `--`, two backquotes and two apostrophes are ligatures in TeX: an empty group keeps them apart.
            case "-" where previous == "-", "`" where previous == "`", "'" where previous == "'": out += "{}" + String(character)
            default: out.append(character)
            }
            previous = character
        }
        return out
    }

    /// The text cut at `$…$` and `$$…$$` that close (`\$` is no delimiter), each piece marked math or not.
    static func mathSpans(_ text: String) -> [(String, Bool)] {
        let scalars = Array(text.unicodeScalars)
        var spans: [(String, Bool)] = []
        var plainStart = 0, i = 0
        func piece(_ range: Range<Int>) -> String {
            var s = String.UnicodeScalarView()
            s.append(contentsOf: scalars[range])
            return String(s)
        }
        while i < scalars.count {
            if scalars[i] == "\\" { i += 2; continue }
            guard scalars[i] == "$" else { i += 1; continue }
            let delimiter = i + 1 < scalars.count && scalars[i + 1] == "$" ? 2 : 1
            var j = i + delimiter, close: Int?
            while j < scalars.count {
                if scalars[j] == "\\" { j += 2; continue }
                if scalars[j] == "$" {
                    if delimiter == 1 || (j + 1 < scalars.count && scalars[j + 1] == "$") { close = j + delimiter }
                    break
                }
                j += 1
            }
            guard let end = close, end > i + 2 * delimiter else { i += delimiter; continue }
            if plainStart < i { spans.append((piece(plainStart..<i), false)) }
            spans.append((piece(i..<end), true))
            plainStart = end
            i = end
        }
        if plainStart < scalars.count { spans.append((piece(plainStart..<scalars.count), false)) }
        return spans
    }
}
