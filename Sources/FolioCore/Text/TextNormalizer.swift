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
            func check(_ byte: UInt8) -> Bool {
                if byte >= 0x80 { return false }
                if isSpace(byte) && (byte != 0x20 || isSpace(previous)) { clean = false }
                previous = byte
                return true
            }
            var i = 0
            while i + 8 <= bytes.count {
                let word = ByteScan.word(bytes, at: i)
                if ByteScan.hasNonASCII(word) { return .notASCII }
                let spaces = ByteScan.matches(word, 0x20)
                // A control byte, two spaces together, or a space after one ending the word before.
                if ByteScan.hasBelow(word, 0x20) || spaces & (spaces << 8) != 0 || (previous == 0x20 && spaces & 0x80 != 0) {
                    for j in i..<(i + 8) { _ = check(bytes[j]) }
                } else {
                    previous = bytes[i + 7]
                }
                i += 8
            }
            for byte in bytes[i...] where !check(byte) { return .notASCII }
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
    /// sources of the same paper share, and the title order. Case and accents folded, punctuation dropped,
    /// TeX read as shown (`{\L}ukasiewicz`, ``` ``Quoted'' ```).
    public static func titleKey(_ title: String) -> String {
        asciiTitleKey(title) ?? searchWords(title).joined(separator: " ")
    }

    /// A byte that takes text off the ASCII fast paths: a non-ASCII one, or TeX markup (`\ { } $`) that
    /// `TeXDisplay.render` may turn into other words (`Universit\"at`, `{GPU}s`, `$x^2$`). Every fast
    /// path checks it, so they all agree with `searchWords`.
    @inline(__always)
    static func leavesASCIIPath(_ byte: UInt8) -> Bool {
        byte >= 0x80 || byte == UInt8(ascii: "\\") || byte == UInt8(ascii: "{") || byte == UInt8(ascii: "}") || byte == UInt8(ascii: "$")
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
                if leavesASCIIPath(byte) { return nil }
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
            if leavesASCIIPath(byte) { return nil }
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
    /// compare. A word is a run of letters and digits, folded as `SearchFold` says; anything else separates.
    /// Text with TeX markup is read as `TeXDisplay.render` shows it: `$\alpha$` is the word of `α`.
    public static func searchWords(_ text: String) -> [String] {
        if let ascii = asciiSearchWords(text) { return ascii }
        guard TeXDisplay.hasMarkup(text) else { return SearchFold.words(text) }
        let shown = TeXDisplay.render(text)
        return asciiSearchWords(shown) ?? SearchFold.words(shown)
    }
}
