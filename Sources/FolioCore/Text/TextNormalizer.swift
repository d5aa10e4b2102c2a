import Foundation

/// How text from outside is stored: Unicode NFC, white-space runs collapsed to one space, trimmed.
/// Control characters other than white space are kept as data; views make them visible.
public enum TextNormalizer {
    public static func clean(_ text: String) -> String {
        if let ascii = asciiClean(text) { return ascii }
        let composed = text.precomposedStringWithCanonicalMapping
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in composed.unicodeScalars {
            if scalar.properties.isWhitespace {
                pendingSpace = !out.isEmpty
                continue
            }
            if pendingSpace {
                out.append(" ")
                pendingSpace = false
            }
            out.append(scalar)
        }
        return String(out)
    }

    /// ASCII is already NFC, and its only white space is tab, line breaks and space: cleaned on bytes,
    /// and not copied at all when already clean. Nil when the text has any other character.
    private static func asciiClean(_ text: String) -> String? {
        enum Outcome { case notASCII, clean, cleaned(String) }
        var bytesOfText = text
        let outcome = bytesOfText.withUTF8 { bytes -> Outcome in
            func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || (0x09...0x0D).contains(byte) }
            var clean = true
            var previous: UInt8 = 0x20  // so leading white space counts as a change
            for byte in bytes {
                if byte >= 0x80 { return .notASCII }
                if isSpace(byte) && (byte != 0x20 || isSpace(previous)) { clean = false }
                previous = byte
            }
            if clean && !isSpace(previous) { return .clean }
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count)
            var pendingSpace = false
            for byte in bytes {
                if isSpace(byte) {
                    pendingSpace = !out.isEmpty
                    continue
                }
                if pendingSpace {
                    out.append(0x20)
                    pendingSpace = false
                }
                out.append(byte)
            }
            return .cleaned(String(decoding: out, as: UTF8.self))
        }
        switch outcome {
        case .notASCII: return nil
        case .clean: return text
        case .cleaned(let cleaned): return cleaned
        }
    }

    /// `"attention is all you need"` for `"Attention Is All You Need!"`: the key two
    /// sources of the same paper share. Case and accents folded, punctuation dropped.
    public static func titleKey(_ title: String) -> String {
        asciiTitleKey(title) ?? searchWords(title).joined(separator: " ")
    }

    /// An ASCII byte lowercased when it belongs to a word (a letter or a digit), else nil: the one
    /// definition of a word's bytes for every ASCII fast path (titles, search words, the index's split).
    @inline(__always)
    static func asciiWordByte(_ byte: UInt8) -> UInt8? {
        var folded = byte
        if folded &- UInt8(ascii: "A") < 26 { folded |= 0x20 }
        return folded &- UInt8(ascii: "a") < 26 || folded &- UInt8(ascii: "0") < 10 ? folded : nil
    }

    /// `titleKey` of ASCII text straight into one buffer (it is made for every imported paper).
    private static func asciiTitleKey(_ title: String) -> String? {
        var title = title
        return title.withUTF8 { bytes -> String? in
            var key: [UInt8] = []
            key.reserveCapacity(bytes.count)
            var wordEnded = false
            for byte in bytes {
                if byte >= 0x80 { return nil }
                if let folded = asciiWordByte(byte) {
                    if wordEnded && !key.isEmpty { key.append(0x20) }
                    wordEnded = false
                    key.append(folded)
                } else {
                    wordEnded = true
                }
            }
            return String(decoding: key, as: UTF8.self)
        }
    }

    /// Most paper text is ASCII, where folding is lowercasing: done on bytes, it is many times faster
    /// than Foundation's folding. Nil when the text has any other character.
    private static func asciiSearchWords(_ text: String) -> [String]? {
        var words: [String] = []
        var word: [UInt8] = []
        word.reserveCapacity(32)
        for byte in text.utf8 {
            if byte >= 0x80 { return nil }
            if let folded = asciiWordByte(byte) {
                word.append(folded)
            } else if !word.isEmpty {
                words.append(String(decoding: word, as: UTF8.self))
                word.removeAll(keepingCapacity: true)
            }
        }
        if !word.isEmpty { words.append(String(decoding: word, as: UTF8.self)) }
        return words
    }

    /// `["text", "to", "image"]` for `"Text-to-Image"`: the words the query parser and matcher
    /// compare. A word is a run of letters and digits, case and accents folded; anything else separates.
    public static func searchWords(_ text: String) -> [String] {
        if let ascii = asciiSearchWords(text) { return ascii }
        let folded = text.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
        var words: [String] = []
        var word = String.UnicodeScalarView()
        for scalar in folded.unicodeScalars {
            if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                word.append(scalar)
            } else if !word.isEmpty {
                words.append(String(word))
                word = String.UnicodeScalarView()
            }
        }
        if !word.isEmpty { words.append(String(word)) }
        return words
    }
}

/// arXiv identifiers: new style `2306.02556v2`, old style `astro-ph/0601001v1`, in URLs or bare.
public enum ArxivID {
    /// Splits `2306.02556v2` into (`2306.02556`, `v2`). Accepts an abs/pdf URL, `arXiv:` prefix or `oai:arXiv.org:`.
    public static func parse(_ raw: String) -> (id: String, version: String?)? {
        var s = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        for prefix in ["oai:arXiv.org:", "arXiv:", "arxiv:"] where s.hasPrefix(prefix) {
            s.removeFirst(prefix.count)
        }
        for marker in ["/abs/", "/pdf/"] {
            if let r = s.range(of: marker) { s = String(s[r.upperBound...]) }
        }
        if s.hasSuffix(".pdf") { s.removeLast(4) }
        var version: String?
        if let v = s.range(of: #"v[0-9]+$"#, options: .regularExpression) {
            version = String(s[v])
            s.removeSubrange(v)
        }
        let newStyle = #"^[0-9]{4}\.[0-9]{4,5}$"#
        let oldStyle = #"^[a-z]+(-[a-z]+)?(\.[A-Z]{2})?/[0-9]{7}$"#
        if s.range(of: newStyle, options: .regularExpression) != nil
            || s.range(of: oldStyle, options: .regularExpression) != nil {
            return (s, version)
        }
        return nil
    }
}
