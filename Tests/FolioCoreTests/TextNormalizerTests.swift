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
