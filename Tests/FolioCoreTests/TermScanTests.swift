import Foundation
import Testing
@testable import FolioCore

/// The byte scan of a text term against the matcher's words (`TextTerm.occurs(in:)` of `searchWords`).
struct TermScanTests {
    @Test func agreesWithTheMatchersWords() {
        var random = SplitMix(seed: 21)
        let textPieces = ["language", "Model", "models", "lang", "text", "to", "image", "-", " ", ", ", "x2", "é", "naïve", "\u{301}", "(", "LANGUAGE",
                          "$\\alpha$", "{L}anguage", "\\'e", "\\mathcal{M}odel", "~", "--", "α", "$x^2$"]
        let termWords = ["language", "model", "lang", "text", "to", "image", "x2", "naive", "mod", "e", "alpha", "m"]
        for _ in 0..<20_000 {
            var text = ""
            for _ in 0..<Int.random(in: 0...12, using: &random) {
                text += textPieces.randomElement(using: &random)!
                if Bool.random(using: &random) { text += " " }
            }
            let term = TextTerm(words: (0..<Int.random(in: 0...3, using: &random)).map { _ in termWords.randomElement(using: &random)! },
                                prefix: Bool.random(using: &random))
            var bytes = text
            let fast = bytes.withUTF8 { TermScan(term).occurs(in: UnsafeRawBufferPointer($0)) }
            #expect(fast == term.occurs(in: TextNormalizer.searchWords(text)), "\(term) in \(text.debugDescription)")
        }
    }
}
