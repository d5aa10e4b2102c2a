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
        partial(year, month, day)
    }

    /// `2023`, `2023-05` or `2023-05-02`: a date as precise as what is known (a day needs its month).
    static func partial(_ year: Int, _ month: Int?, _ day: Int?) -> String {
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : String(n) }
        guard let month else { return String(year) }
        return String(year) + "-" + two(month) + (day.map { "-" + two($0) } ?? "")
    }

    /// The more precise of two dates that agree as far as the shorter goes (`2022-05-12` over `2022-05`,
    /// in either order): a month known from an arXiv id never replaces a day a source gave. Nil when they
    /// differ, or either is nil.
    static func morePrecise(_ a: String?, _ b: String?) -> String? {
        guard let a, let b, a != b else { return nil }
        if a.hasPrefix(b + "-") { return a }
        if b.hasPrefix(a + "-") { return b }
        return nil
    }

    /// `2022-05` for a new-style arXiv id (`2205.06398`: year and month of submission), nil for an
    /// old-style one (`hep-th/9901001` names its month too, but the papers that have only that carry dates).
    static func month(ofArxivID id: String) -> String? {
        let bytes = Array(id.utf8)
        guard bytes.count >= 9, bytes[4] == UInt8(ascii: "."), bytes[0..<4].allSatisfy({ (0x30...0x39).contains($0) }) else { return nil }
        let yy = Int(bytes[0] - 0x30) * 10 + Int(bytes[1] - 0x30), mm = Int(bytes[2] - 0x30) * 10 + Int(bytes[3] - 0x30)
        guard (1...12).contains(mm) else { return nil }
        return partial(2000 + yy, mm, nil)
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
        commonRFC822Day(text) ?? generalRFC822Day(text)
    }

    static func generalRFC822Day(_ text: String) -> String? {
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

    /// Each of `monthNames`' first three bytes as one number, so a date's month is found without making strings.
    private static let monthPrefixes = monthNames.map { $0.utf8.prefix(3).reduce(UInt32(0)) { $0 << 8 | UInt32($1) } }

    /// `day(fromRFC822:)` of the shape nearly every date has (`Mon, 2 Apr 2007 19:18:42 GMT`, one version
    /// date per version of every dump line), read from its bytes; nil for any other shape, which the
    /// general reading then takes.
    static func commonRFC822Day(_ text: String) -> String? {
        var text = text
        return text.withUTF8 { b -> String? in
            func digit(_ i: Int) -> Int? { i < b.count && b[i] &- 0x30 < 10 ? Int(b[i] &- 0x30) : nil }
            func letter(_ i: Int) -> UInt8? { i < b.count && (b[i] | 0x20) &- UInt8(ascii: "a") < 26 ? b[i] | 0x20 : nil }
            var i = 0
            if b.count >= 5, letter(0) != nil, letter(1) != nil, letter(2) != nil, b[3] == UInt8(ascii: ","), b[4] == 0x20 { i = 5 }
            guard let first = digit(i) else { return nil }
            var day = first
            i += 1
            if let second = digit(i) { day = day * 10 + second; i += 1 }
            guard (1...31).contains(day), i < b.count, b[i] == 0x20,
                  let m0 = letter(i + 1), let m1 = letter(i + 2), let m2 = letter(i + 3), i + 4 < b.count, b[i + 4] == 0x20,
                  let y0 = digit(i + 5), let y1 = digit(i + 6), let y2 = digit(i + 7), let y3 = digit(i + 8),
                  i + 9 == b.count || b[i + 9] == 0x20,
                  let month = monthPrefixes.firstIndex(of: UInt32(m0) << 16 | UInt32(m1) << 8 | UInt32(m2))
            else { return nil }
            return ymd(y0 * 1000 + y1 * 100 + y2 * 10 + y3, month + 1, day)
        }
    }
}
