import Foundation

/// Author names apart from where the authors work, from the two ways arXiv's metadata writes them:
/// the dump's `authors_parsed` (`[last, first, suffix, affiliation…]`) and a free `authors` string,
/// where affiliations are parenthesised after a name (`V. M. Biryukov (Serpukhov, IHEP)`) or numbered
/// (`A. S. Mishchenko (1 and 2) … ((1) CREST, (2) Kurchatov Institute)`).
struct AuthorAffiliations: Equatable {
    var names: [String] = []
    /// Each once, in the order first named.
    var affiliations: [String] = []

    /// From `authors_parsed`; `authorsText` (the same line's `authors`) resolves numbered affiliations.
    init(parsed: [[String]], authorsText: String?) {
        let hasAffiliations = parsed.contains { $0.count > 3 }  // most lines have none: no need to read the string
        let footnotes = hasAffiliations ? authorsText.map { Self.footnotes(in: Self.groups(in: $0).groups) } ?? [:] : [:]
        for parts in parsed {
            let last = parts.first ?? ""
            let rest = parts.dropFirst().prefix(2).filter { !$0.isEmpty }  // first names, suffix
            var name = ([rest.first].compactMap { $0 } + [last] + rest.dropFirst()).joined(separator: " ")
            // The parser spaces hyphenated initials (`C. -P.`); the name is written `C.-P.`.
            if name.utf8.contains(UInt8(ascii: "-")) { name = name.replacingOccurrences(of: ". -", with: ".-") }
            if !name.isEmpty { names.append(name) }
            for affiliation in parts.dropFirst(3) { add(affiliation, footnotes: footnotes) }
        }
    }

    /// From an `authors` string alone: names split at commas and `and`, parenthesised groups taken out.
    init(text: String) {
        let (outside, groups) = Self.groups(in: text)
        let footnotes = Self.footnotes(in: groups)
        for group in groups where Self.footnoteEntries(group).isEmpty { add(group, footnotes: footnotes) }
        for footnote in footnotes.keys.sorted() { add(footnotes[footnote]!, footnotes: [:]) }
        names = outside.replacingOccurrences(of: " and ", with: ", ").split(separator: ",")
            .map { $0.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }).joined(separator: " ") }
            .map { $0.hasPrefix("and ") ? String($0.dropFirst(4)) : $0 }
            .filter { !$0.isEmpty && $0 != "and" }
    }

    /// Adds an affiliation, or the numbered ones it points at (`1 and 2`, `1,3`); markers that point at
    /// nothing are dropped, since a bare number says nothing of where anyone works.
    private mutating func add(_ written: String, footnotes: [Int: String]) {
        let text = written.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        let markers = text.replacingOccurrences(of: "and", with: ",").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        if !markers.isEmpty, markers.allSatisfy({ Int($0) != nil }) {
            for marker in markers.compactMap({ Int($0) }) { if let footnote = footnotes[marker] { add(footnote, footnotes: [:]) } }
            return
        }
        if !text.isEmpty && !affiliations.contains(text) { affiliations.append(text) }
    }

    /// The text outside top-level parentheses, and each top-level group's inside.
    static func groups(in text: String) -> (outside: String, groups: [String]) {
        var outside = "", groups: [String] = [], current = "", depth = 0
        for character in text {
            switch character {
            case "(":
                if depth > 0 { current.append(character) }
                depth += 1
            case ")" where depth > 0:
                depth -= 1
                if depth == 0 { groups.append(current); current = "" } else { current.append(character) }
            default:
                if depth > 0 { current.append(character) } else { outside.append(character) }
            }
        }
        if depth > 0 { outside += "(" + current }  // an unclosed group is text
        return (outside, groups)
    }

    /// Numbered affiliations from the groups that list them: `(1) CREST, Japan, (2) Tokyo` → 1: CREST, Japan; 2: Tokyo.
    static func footnotes(in groups: [String]) -> [Int: String] {
        var found: [Int: String] = [:]
        for group in groups { for (number, text) in footnoteEntries(group) where found[number] == nil { found[number] = text } }
        return found
    }

    private static func footnoteEntries(_ group: String) -> [(Int, String)] {
        let trimmed = group.drop(while: \.isWhitespace)
        guard trimmed.first == "(" else { return [] }
        var entries: [(Int, String)] = []
        var rest = Substring(trimmed)
        while rest.first == "(", let close = rest.firstIndex(of: ")"), let number = Int(rest[rest.index(after: rest.startIndex)..<close]) {
            rest = rest[rest.index(after: close)...]
            // The entry runs to the next `(N)`.
            var end = rest.endIndex, search = rest.startIndex
            while let open = rest[search...].firstIndex(of: "(") {
                if let shut = rest[open...].firstIndex(of: ")"), Int(rest[rest.index(after: open)..<shut]) != nil { end = open; break }
                search = rest.index(after: open)
            }
            var text = rest[..<end].split(whereSeparator: \.isWhitespace).joined(separator: " ")
            while text.hasSuffix(",") || text.hasSuffix(";") { text.removeLast() }
            if text.hasSuffix(" and") { text.removeLast(4) }
            entries.append((number, text))
            rest = rest[end...]
        }
        return entries
    }
}
