/// A text term checked against a field's UTF-8 bytes, as `TextTerm.occurs(in: TextNormalizer.searchWords(text))`
/// says, without making the text's words when it is ASCII: checking a phrase reads every candidate's
/// abstract, and making its words was most of that. `TermScanTests` holds it to the matcher.
struct TermScan {
    let term: TextTerm
    private let words: [[UInt8]]

    init(_ term: TextTerm) {
        self.term = term
        words = term.words.map { Array($0.utf8) }
    }

    func occurs(in text: UnsafeRawBufferPointer) -> Bool {
        guard !words.isEmpty else { return true }
        guard let found = occurs(inASCII: text) else {
            return term.occurs(in: TextNormalizer.searchWords(String(decoding: text, as: UTF8.self)))
        }
        return found
    }

    /// Nil when `text` is not ASCII up to a match. Keeps the last `words.count` words of the text in a
    /// ring and compares them with the term's at each word's end. A match found before a non-ASCII byte
    /// stands: the words before it, ended by ASCII, are the same in the Unicode path.
    private func occurs(inASCII text: UnsafeRawBufferPointer) -> Bool? {
        let n = words.count
        var ring = [(start: Int, end: Int)](repeating: (0, 0), count: n)
        var seen = 0, start = -1
        for i in 0...text.count {
            let byte: UInt8 = i < text.count ? text[i] : 0x20
            if TextNormalizer.leavesASCIIPath(byte) { return nil }
            if TextNormalizer.asciiWordByte(byte) != nil {
                if start < 0 { start = i }
                continue
            }
            guard start >= 0 else { continue }
            ring[seen % n] = (start, i)
            seen += 1
            start = -1
            if seen >= n && windowMatches(ring, newest: seen, text) { return true }
        }
        return false
    }

    private func windowMatches(_ ring: [(start: Int, end: Int)], newest seen: Int, _ text: UnsafeRawBufferPointer) -> Bool {
        let n = words.count
        for k in 0..<n {
            let word = ring[(seen - n + k) % n], wanted = words[k]
            let length = word.end - word.start
            let isLast = k == n - 1
            guard length == wanted.count || (isLast && term.prefix && length > wanted.count) else { return false }
            for j in 0..<wanted.count where TextNormalizer.asciiWordByte(text[word.start + j]) != wanted[j] { return false }
        }
        return true
    }

    /// The term in a paper's title, abstract or authors (as stored: a JSON list), by the term's field.
    func occurs(title: UnsafeRawBufferPointer, abstract: UnsafeRawBufferPointer, authors: () -> [String]) -> Bool {
        func inAuthors() -> Bool {
            authors().contains { name in
                var name = name
                return name.withUTF8 { occurs(in: UnsafeRawBufferPointer($0)) }
            }
        }
        switch term.field {
        case .title: return occurs(in: title)
        case .abstract: return occurs(in: abstract)
        case .author: return inAuthors()
        case nil: return occurs(in: title) || occurs(in: abstract) || inAuthors()
        }
    }
}
