import Foundation

/// Search words of any text, with case, accents and compatibility forms folded away: `Łukasiewicz` gives
/// `lukasiewicz`, `x²` gives `x2`, `①` gives `1`, `Æ` gives `ae`. Each Greek letter becomes a word of its
/// own, its Latin name (`β-VAE` gives `beta`, `vae`), because that is how people type it in a query.
///
/// The steps, for each scalar of the text: NFKD (compatibility decomposition), drop nonspacing marks,
/// full lowercase mapping, then the letters NFKD leaves whole (ł ø æ œ đ ð þ ß ı ȷ ĸ ŧ ħ) spelled in
/// ASCII, then Greek names. A word is a run of scalars that are alphabetic or numeric; anything else
/// separates words. On ASCII text this is exactly "runs of [A-Za-z0-9], lowercased".
public enum SearchFold {
    /// The search words of `text`.
    public static func words(_ text: String) -> [String] {
        var sink = WordList()
        if text.utf8.contains(where: { $0 >= 0x80 }) {
            // One Foundation call for the whole text; everything after it is per scalar.
            for scalar in decomposed(text).unicodeScalars { fold(scalar, into: &sink) }
        } else {
            for byte in text.utf8 { foldASCII(byte, into: &sink) }
        }
        sink.boundary()
        return sink.words
    }

    /// The folded words of `text` with the range of the original text each came from (a Greek letter's
    /// range is that letter). Ranges are on Character boundaries: a grapheme belongs wholly to every word
    /// it gives a letter to. The words equal `words(text)`.
    ///
    /// Folding goes grapheme by grapheme, so it costs a Foundation call per non-ASCII grapheme: it is for
    /// the highlighter (a title or an abstract on screen), not for import. It agrees with `words` because
    /// NFKD only reorders runs of combining marks, and a grapheme boundary never falls inside such a run.
    public static func wordRanges(_ text: String) -> [(word: String, range: Range<String.Index>)] {
        var sink = RangeList(grapheme: text.startIndex..<text.startIndex)
        var index = text.startIndex
        while index < text.endIndex {
            let next = text.index(after: index)
            sink.grapheme = index..<next
            let grapheme = text[index..<next]
            if grapheme.utf8.contains(where: { $0 >= 0x80 }) {
                for scalar in decomposed(String(grapheme)).unicodeScalars { fold(scalar, into: &sink) }
            } else {
                for byte in grapheme.utf8 { foldASCII(byte, into: &sink) }
            }
            index = next
        }
        sink.boundary()
        return sink.words
    }

    // MARK: Folding

    /// NFKD of the text, after spelling ŀ, Ŀ and ŉ as plain letters: NFKD would turn them into `l·` and
    /// `ʼn`, and both the middle dot (a separator) and the modifier apostrophe (a letter) would change the word.
    private static func decomposed(_ text: String) -> String {
        var bytes = text.utf8.makeIterator()
        var needsRespelling = false
        var previous: UInt8 = 0
        while let byte = bytes.next() {
            // U+013F is C4 BF, U+0140 is C5 80, U+0149 is C5 89.
            if (previous == 0xC4 && byte == 0xBF) || (previous == 0xC5 && (byte == 0x80 || byte == 0x89)) {
                needsRespelling = true
                break
            }
            previous = byte
        }
        guard needsRespelling else { return text.decomposedStringWithCompatibilityMapping }
        var respelled = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x13F: respelled.append("L")
            case 0x140: respelled.append("l")
            case 0x149: respelled.append("n")
            default: respelled.append(scalar)
            }
        }
        return String(respelled).decomposedStringWithCompatibilityMapping
    }

    @inline(__always)
    private static func foldASCII<Sink: FoldSink>(_ byte: UInt8, into sink: inout Sink) {
        var folded = byte
        if folded &- UInt8(ascii: "A") < 26 { folded |= 0x20 }
        if folded &- UInt8(ascii: "a") < 26 || folded &- UInt8(ascii: "0") < 10 {
            sink.unit(folded)
        } else {
            sink.boundary()
        }
    }

    /// One scalar of NFKD text.
    @inline(__always)
    private static func fold<Sink: FoldSink>(_ scalar: Unicode.Scalar, into sink: inout Sink) {
        if scalar.isASCII { return foldASCII(UInt8(scalar.value), into: &sink) }
        let properties = scalar.properties
        if properties.generalCategory == .nonspacingMark { return }
        if properties.changesWhenLowercased {
            for lower in properties.lowercaseMapping.unicodeScalars { foldLowercased(lower, into: &sink) }
        } else {
            foldLowercased(scalar, into: &sink)
        }
    }

    private static func foldLowercased<Sink: FoldSink>(_ scalar: Unicode.Scalar, into sink: inout Sink) {
        let value = scalar.value
        if scalar.isASCII { return foldASCII(UInt8(value), into: &sink) }
        if value &- 0x3B1 <= 0x3C9 - 0x3B1 {
            // A Greek letter is a word of its own: `αβ` is two symbols, not one word.
            sink.boundary()
            for byte in greekNames[Int(value - 0x3B1)].utf8 { sink.unit(byte) }
            sink.boundary()
            return
        }
        if let spelled = latinSpelling(value) {
            for byte in spelled.utf8 { sink.unit(byte) }
            return
        }
        let properties = scalar.properties
        if properties.generalCategory == .nonspacingMark { return }  // İ lowercases to i and a dot above
        if properties.isAlphabetic || properties.numericType != nil {
            sink.unit(scalar)
        } else {
            sink.boundary()
        }
    }

    /// The lowercase letters NFKD does not decompose, as people write them in ASCII.
    private static func latinSpelling(_ value: UInt32) -> String? {
        switch value {
        case 0x142, 0x140: "l"     // ł ŀ
        case 0xF8: "o"             // ø
        case 0xE6: "ae"            // æ
        case 0x153: "oe"           // œ
        case 0x111, 0xF0: "d"      // đ ð
        case 0xFE: "th"            // þ
        case 0xDF: "ss"            // ß (ẞ lowercases to it)
        case 0x131: "i"            // ı
        case 0x237: "j"            // ȷ
        case 0x138: "k"            // ĸ
        case 0x149: "n"            // ŉ
        case 0x167: "t"            // ŧ
        case 0x127: "h"            // ħ
        default: nil
        }
    }

    /// α (U+03B1) to ω (U+03C9); final sigma ς (U+03C2) is sigma too.
    private static let greekNames: [String] = [
        "alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa", "lambda",
        "mu", "nu", "xi", "omicron", "pi", "rho", "sigma", "sigma", "tau", "upsilon", "phi", "chi", "psi", "omega",
    ]
}

// MARK: Sinks

/// Where folded scalars go: letters of the current word, or the end of it.
private protocol FoldSink {
    mutating func unit(_ byte: UInt8)
    mutating func unit(_ scalar: Unicode.Scalar)
    mutating func boundary()
}

/// Words as UTF-8 bytes, made into Strings when they end.
private struct WordList: FoldSink {
    var words: [String] = []
    var word: [UInt8] = []

    init() { word.reserveCapacity(32) }

    mutating func unit(_ byte: UInt8) { word.append(byte) }
    mutating func unit(_ scalar: Unicode.Scalar) { UTF8.encode(scalar) { word.append($0) } }

    mutating func boundary() {
        guard !word.isEmpty else { return }
        words.append(String(decoding: word, as: UTF8.self))
        word.removeAll(keepingCapacity: true)
    }
}

/// Words with the graphemes they came from: a word starts at the grapheme of its first letter and
/// ends after the grapheme of its last one.
private struct RangeList: FoldSink {
    var words: [(word: String, range: Range<String.Index>)] = []
    var word: [UInt8] = []
    var start: String.Index
    var end: String.Index
    /// The grapheme being folded.
    var grapheme: Range<String.Index>

    init(grapheme: Range<String.Index>) {
        self.grapheme = grapheme
        start = grapheme.lowerBound
        end = grapheme.upperBound
    }

    private mutating func letter() {
        if word.isEmpty { start = grapheme.lowerBound }
        end = grapheme.upperBound
    }

    mutating func unit(_ byte: UInt8) {
        letter()
        word.append(byte)
    }

    mutating func unit(_ scalar: Unicode.Scalar) {
        letter()
        UTF8.encode(scalar) { word.append($0) }
    }

    mutating func boundary() {
        guard !word.isEmpty else { return }
        words.append((String(decoding: word, as: UTF8.self), start..<end))
        word.removeAll(keepingCapacity: true)
    }
}
