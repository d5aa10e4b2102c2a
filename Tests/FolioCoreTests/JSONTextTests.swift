import Foundation
import Testing
@testable import FolioCore

@Suite("JSON strings")
struct JSONTextTests {
    /// The scalar-at-a-time version `JSONText.quote` replaced; output must not change by a byte.
    static func reference(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || scalar.value == 0x2028 || scalar.value == 0x2029 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    @Test func quoteEqualsTheScalarVersionOnRandomText() throws {
        // Every escaped scalar, their UTF-8 neighbours (U+00A0, U+2027, U+202A, U+E280…), and wider ones.
        let pieces: [UInt32] = [0, 1, 0x09, 0x0A, 0x0D, 0x1F, 0x20, 0x22, 0x2F, 0x5C, 0x7E, 0x7F, 0x80, 0x85, 0x9F, 0xA0, 0xC2, 0xE2,
                                0xE9, 0x2027, 0x2028, 0x2029, 0x202A, 0x2080, 0xE280, 0x1F600, 0x10FFFF]
        var random = SplitMix(seed: 9)
        for _ in 0..<3000 {
            var text = String.UnicodeScalarView()
            for _ in 0..<Int(random.next() % 12) {
                let value = random.next() % 3 == 0 ? UInt32(random.next() % 0x3000) : pieces[Int(random.next() % UInt64(pieces.count))]
                if let scalar = Unicode.Scalar(value) { text.append(scalar) }
            }
            let string = String(text)
            #expect(Array(JSONText.quote(string).utf8) == Array(Self.reference(string).utf8), "\(Array(string.unicodeScalars.map(\.value)))")
        }
        #expect(JSONText.quote("a\"b\\c\u{85}\u{2028}é") == "\"a\\\"b\\\\c\\u0085\\u2028é\"")
    }
}
