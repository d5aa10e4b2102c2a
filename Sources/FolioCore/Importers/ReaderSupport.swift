import Foundation

/// Pieces several readers share: decoding text input and building arXiv links.
enum TextInput {
    /// The input as UTF-8 text, without a byte-order mark. Throws for bytes that are not
    /// UTF-8 text, so a PDF or image given by mistake fails loudly instead of importing noise.
    static func decodeUTF8(_ data: Data, format: String) throws -> String {
        // NUL never occurs in text files but is valid UTF-8, so check it separately.
        if data.contains(0) {
            throw ImportError(.whole, "expected \(format) text, found binary data (NUL bytes)")
        }
        guard var text = String(data: data, encoding: .utf8) else {
            throw ImportError(.whole, "expected \(format) text in UTF-8, found bytes that are not valid UTF-8")
        }
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        return text
    }
}

/// `YYYY-MM-DD` for dates readers assemble from parts.
enum DateText {
    static func ymd(_ year: Int, _ month: Int, _ day: Int) -> String {
        let y = String(year)
        let m = month < 10 ? "0\(month)" : String(month)
        let d = day < 10 ? "0\(day)" : String(day)
        return "\(y)-\(m)-\(d)"
    }

    /// Month number for `Mar`, `March`, `Sept`, case-insensitive; nil for anything else.
    private static let monthNames = ["january", "february", "march", "april", "may", "june", "july",
                                     "august", "september", "october", "november", "december"]

    static func month(named name: some StringProtocol) -> Int? {
        let lower = name.lowercased()
        guard lower.count >= 3 else { return nil }
        if lower == "sept" { return 9 }
        guard let index = monthNames.firstIndex(where: { $0 == lower || ($0.hasPrefix(lower) && lower.count == 3) })
        else { return nil }
        return index + 1
    }

    /// `2024-06-10` from `Mon, 10 Jun 2024 00:00:00 -0400` (RSS `pubDate`, the arXiv snapshot's version
    /// dates): the day in the date's own time zone, which is the announcement day arXiv means.
    /// Nil when the text is not RFC 822 shaped.
    static func day(fromRFC822 text: String) -> String? {
        var fields = text.split(separator: " ", maxSplits: 4)[...]
        if let first = fields.first, first.hasSuffix(",") { fields.removeFirst() }
        guard fields.count >= 3,
              let day = Int(fields[fields.startIndex]), (1...31).contains(day),
              let month = month(named: fields[fields.startIndex + 1].prefix(3)),
              var year = Int(fields[fields.startIndex + 2])
        else { return nil }
        if fields[fields.startIndex + 2].count == 2 { year += year < 50 ? 2000 : 1900 }  // RFC 822 allows two-digit years
        return ymd(year, month, day)
    }
}
