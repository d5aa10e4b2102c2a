import Testing
@testable import FolioCore

struct SearchFoldTests {
    /// The bug report's cases: what people type matches the words of the title as written.
    @Test(arguments: [
        ("Łukasiewicz", ["lukasiewicz"]), ("Ørsted", ["orsted"]), ("①", ["1"]), ("x²", ["x2"]),
        ("Æ", ["ae"]), ("α", ["alpha"]),
    ])
    func bugReport(text: String, words: [String]) {
        #expect(SearchFold.words(text) == words)
    }

    @Test(arguments: [
        // Compatibility forms.
        ("②③ x₁ aₙ", ["23", "x1", "an"]), ("ＡＢＣ１", ["abc1"]), ("ﬁnd ﬂow", ["find", "flow"]),
        ("ℌ 𝒪(n)", ["h", "o", "n"]), ("Café Ramírez-Ortiz", ["cafe", "ramirez", "ortiz"]),
        ("e\u{301}te\u{301}", ["ete"]), ("İstanbul", ["istanbul"]), ("Ω Å", ["omega", "a"]),
        // Letters NFKD leaves whole.
        ("Łł Øø", ["ll", "oo"]), ("Æther œuvre Œ", ["aether", "oeuvre", "oe"]), ("Đđ Ðð", ["dd", "dd"]),
        ("Þþ", ["thth"]), ("Straße STRAẞE", ["strasse", "strasse"]), ("ı ȷ ĸ ŉ", ["i", "j", "k", "n"]),
        ("Ŧŧ Ħħ Ŀŀ", ["tt", "hh", "ll"]), ("coŀlecció", ["colleccio"]),
        // Greek: each letter a word, variants and accents folded first.
        ("αβ", ["alpha", "beta"]), ("αₙ", ["alpha", "n"]), ("β-VAE", ["beta", "vae"]), ("µm", ["mu", "m"]),
        ("ϑ ϕ ϵ ϖ ϱ", ["theta", "phi", "epsilon", "pi", "rho"]), ("Σς", ["sigma", "sigma"]),
        ("ά ΐ Ὠ", ["alpha", "iota", "omega"]), ("k2α3", ["k2", "alpha", "3"]),
        ("γδεζηικλνξοπρτυχψ", ["gamma", "delta", "epsilon", "zeta", "eta", "iota", "kappa", "lambda", "nu", "xi",
                              "omicron", "pi", "rho", "tau", "upsilon", "chi", "psi"]),
        // Other scripts keep their letters; symbols separate.
        ("日本語 テスト", ["日本語", "テスト"]), ("a—b → c 😀 d", ["a", "b", "c", "d"]), ("½", ["1", "2"]),
    ])
    func folds(text: String, words: [String]) {
        #expect(SearchFold.words(text) == words)
    }

    /// On ASCII the fold is exactly runs of [A-Za-z0-9], lowercased.
    @Test func asciiIsRunsOfLettersAndDigits() {
        func reference(_ text: String) -> [String] {
            text.utf8.split { !(($0 | 0x20) &- 0x61 < 26 || $0 &- 0x30 < 10) }
                .map { String(decoding: $0.map { $0 &- 0x41 < 26 ? $0 | 0x20 : $0 }, as: UTF8.self) }
        }
        var random = SplitMix(seed: 31)
        for _ in 0..<20_000 {
            let count = Int.random(in: 0...40, using: &random)
            let text = String(decoding: (0..<count).map { _ in UInt8.random(in: 0..<0x80, using: &random) }, as: UTF8.self)
            #expect(SearchFold.words(text) == reference(text), "\(text.debugDescription)")
        }
    }

    static let alphabet = ["a", "Z", "q", "7", "0", " ", "-", ".", ",", "(", "é", "Ł", "ß", "α", "β", "²", "①", "ﬁ", "Ａ",
                           "\u{301}", "e\u{301}", "\n", "\r\n"]

    /// The highlighter's words are the index's words, and each range covers whole graphemes that fold to it.
    @Test func wordRangesAgreeWithWords() {
        var random = SplitMix(seed: 32)
        for _ in 0..<5_000 {
            let text = (0..<Int.random(in: 0...24, using: &random)).map { _ in Self.alphabet.randomElement(using: &random)! }.joined()
            let ranges = SearchFold.wordRanges(text)
            #expect(ranges.map(\.word) == SearchFold.words(text), "\(text.debugDescription)")
            let boundaries = Set(text.indices.map { text.utf8.distance(from: text.startIndex, to: $0) } + [text.utf8.count])
            var previous = text.startIndex
            for (word, range) in ranges {
                let lower = text.utf8.distance(from: text.startIndex, to: range.lowerBound)
                let upper = text.utf8.distance(from: text.startIndex, to: range.upperBound)
                #expect(boundaries.contains(lower) && boundaries.contains(upper) && lower < upper, "\(text.debugDescription)")
                #expect(range.lowerBound >= previous, "\(text.debugDescription)")
                #expect(SearchFold.words(String(text[range])).contains(word), "\(text.debugDescription) \(word)")
                previous = range.lowerBound
            }
        }
    }

    @Test func wordRangesCoverGraphemes() {
        func pieces(_ text: String) -> [String] { SearchFold.wordRanges(text).map { String(text[$0.range]) } }
        #expect(pieces("Cafe\u{301} au lait") == ["Cafe\u{301}", "au", "lait"])
        #expect(pieces("αβ x² (β-VAE)") == ["α", "β", "x²", "β", "VAE"])
        #expect(pieces("k2α\u{301}3") == ["k2", "α\u{301}", "3"])
        #expect(pieces("\u{301}Łódź, ①") == ["Łódź", "①"])
        #expect(SearchFold.wordRanges("Ørsted").map(\.word) == ["orsted"])
    }
}
