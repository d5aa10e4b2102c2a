import Foundation
import Testing
@testable import FolioCore

@Suite("string lists as stored")
struct StringListTests {
    @Test(arguments: [[], ["a"], ["Ada Lovelace", "Grace Hopper"], ["quote \" and \\ slash /", "tab\tnewline\n"],
                      ["café", "naïve Über", "日本語", "emoji 🧪 and \u{1F}"], [""], ["\u{2028}", "\u{7F}"]])
    func encodedListsDecodeToThemselves(_ items: [String]) {
        #expect(StringList.decode(StringList.encode(items)) == items)
        #expect(StringList.decodeFast(StringList.encode(items)) == items)
    }

    @Test func theFastReaderAgreesWithFoundationOrDeclines() throws {
        for text in ["[]", " [ \"a\" , \"b\" ] ", "[\"\\u00e9\\ud83e\\uddea\"]", "[\"\\/\\b\\f\\r\"]", "[1]", "[\"a\",]", "[\"a\"",
                     "{\"a\":1}", "[\"\\ud800\"]", "[\"\\x\"]", "[\"a\"] x", "null"] {
            let foundation = try? JSONDecoder().decode([String].self, from: Data(text.utf8))
            let fast = StringList.decodeFast(text)
            if let fast { #expect(fast == foundation, "\(text)") }
            #expect(StringList.decode(text) == (foundation ?? []), "\(text)")
        }
    }
}
