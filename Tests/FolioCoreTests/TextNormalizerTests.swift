import Testing
@testable import FolioCore

struct TextNormalizerTests {
    /// ASCII takes a byte path; the same text with one accented letter takes the Unicode path.
    @Test(arguments: ["", "plain", "  lead", "trail \t", "a  b", "a\tb", "a\u{0B}\u{0C}b\r\nc", " \n ", "x y z"])
    func asciiCleansAsTheUnicodePathDoes(text: String) {
        let ascii = TextNormalizer.clean(text)
        let unicode = TextNormalizer.clean("é" + text + "é")
        #expect(!ascii.hasPrefix(" ") && !ascii.hasSuffix(" ") && !ascii.contains("  "))
        #expect(unicode == "é" + ascii + "é" || unicode == "é " + ascii + " é" || unicode == "é " + ascii + "é"
                || unicode == "é" + ascii + " é" || (ascii.isEmpty && (unicode == "éé" || unicode == "é é")))
        #expect(ascii.split(separator: " ") == text.split(whereSeparator: { $0.isWhitespace }))
    }
}

/// The eight-bytes-at-a-time checks against plain loops over the same text, on text long enough to
/// fill words and with the bytes they look for at every offset.
struct ByteScanTests {
    static func text(_ random: inout SplitMix, pieces: [String]) -> String {
        (0..<Int.random(in: 0...40, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
    }

    @Test func cleanAgreesWithSplittingOnWhiteSpace() {
        var random = SplitMix(seed: 11)
        for _ in 0..<20_000 {
            let text = ByteScanTests.text(&random, pieces: ["a", "bc", "defgh", " ", " ", "  ", "\t", "\n", "\r\n", "\u{1}", "\u{0B}", "é"])
            let expected = text.unicodeScalars.split(whereSeparator: \.properties.isWhitespace).map { String(String.UnicodeScalarView($0)) }
            #expect(TextNormalizer.clean(text) == expected.joined(separator: " "), "\(text.debugDescription)")
        }
    }

    @Test func isASCIIAgreesWithAByteLoop() {
        var random = SplitMix(seed: 13)
        for _ in 0..<20_000 {
            let text = ByteScanTests.text(&random, pieces: ["a", "bcdefgh", "ijklmnopq", " ", "\u{7F}", "é", "\u{80}", "→"])
            #expect(ByteScan.isASCII(text) == !text.utf8.contains { $0 >= 0x80 }, "\(text.debugDescription)")
        }
    }

    @Test func plainTeXAgreesWithAByteLoop() {
        func reference(_ text: String) -> Bool {
            let bytes = Array(text.utf8)
            return !bytes.contains { $0 >= 0x7F || $0 < 0x20 || "{}$\\~".utf8.contains($0) }
                && !zip(bytes, bytes.dropFirst()).contains { $0 == $1 && "-`'".utf8.contains($0) }
        }
        var random = SplitMix(seed: 12)
        for _ in 0..<20_000 {
            let text = ByteScanTests.text(&random, pieces: ["a", "bcd", "efghijk", " ", "-", "{", "}", "$", "\\", "~", "é", "x-y", "`", "'", "\t"])
            #expect(TeXDisplay.isPlain(text) == reference(text), "\(text.debugDescription)")
        }
    }
}
