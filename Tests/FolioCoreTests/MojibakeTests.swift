import Testing
@testable import FolioCore

struct MojibakeTests {
    /// What Windows-1252 makes of bytes 0x80–0x9F; its five undefined bytes become the C1 controls, as in Latin-1.
    static let windows1252High: [UInt32] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D, 0x8F,
        0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
    ]

    /// The mistake itself: UTF-8 bytes read as Windows-1252.
    static func garble(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        for byte in text.utf8 {
            let value = (0x80...0x9F).contains(byte) ? windows1252High[Int(byte) - 0x80] : UInt32(byte)
            scalars.append(Unicode.Scalar(value)!)
        }
        return String(scalars)
    }

    @Test(arguments: [
        ("Ram\u{C3}\u{AD}rez", "Ramírez"),
        ("\u{C3}\u{A9}t\u{C3}\u{A9} \u{E2}\u{20AC}\u{201D} \u{C5}\u{201A}", "été — ł"),
        ("it\u{E2}\u{20AC}\u{2122}s \u{E2}\u{20AC}\u{153}quoted\u{E2}\u{20AC}\u{9D}", "it’s “quoted”"),
        ("\u{C3}\u{81}lvarez", "Álvarez"),           // 0x81 is undefined in Windows-1252: kept as U+0081
        ("\u{C5}\u{82}\u{C3}\u{B3}d\u{C5}\u{BA}", "łódź"),  // read as Latin-1: 0x82 as U+0082
        ("Schr\u{C3}\u{B6}dinger \u{CE}\u{B1}", "Schrödinger α"),
    ])
    func repairs(garbled: String, text: String) {
        #expect(Mojibake.repaired(garbled) == text)
    }

    @Test func garbleMakesTheExamples() {
        #expect(Self.garble("Ramírez") == "RamÃ­rez")
        #expect(Self.garble("’") == "â€™")
        #expect(Mojibake.repaired(Self.garble("été — ł")) == "été — ł")
    }

    /// Correct text, and text with a scalar no single-byte reading makes, is left alone.
    @Test(arguments: ["Ramírez", "Café", "naïve", "Müller", "São Paulo", "Ramírez — Café", "A — B", "plain ASCII", "",
                      "αβγ", "日本語", "😀", "Ã© α", "Ã", "â€", "Ã©\u{301}"])
    func leavesAlone(text: String) {
        #expect(Mojibake.repaired(text) == nil)
    }

    /// Twice-garbled text comes back one layer per call.
    @Test func oneLayerPerCall() {
        let twice = Self.garble(Self.garble("Ramírez"))
        #expect(twice == "RamÃƒÂ­rez")
        let once = Mojibake.repaired(twice)
        #expect(once == "RamÃ­rez")
        #expect(once.flatMap(Mojibake.repaired) == "Ramírez")
        #expect(Mojibake.repaired("Ramírez") == nil)
    }

    /// Any text of non-ASCII letters survives being garbled and repaired.
    @Test func repairInvertsGarbling() {
        let letters = (Array(0xC0...0x24F) + Array(0x391...0x3C9)).compactMap(Unicode.Scalar.init).filter(\.properties.isAlphabetic)
        var random = SplitMix(seed: 41)
        for _ in 0..<20_000 {
            var text = String.UnicodeScalarView()
            text.append(letters.randomElement(using: &random)!)  // at least one, or the text is ASCII
            for _ in 0..<Int.random(in: 0...11, using: &random) {
                text.append(random.next() % 5 == 0 ? " " : letters.randomElement(using: &random)!)
            }
            let original = String(text)
            #expect(Mojibake.repaired(Self.garble(original)) == original, "\(original.debugDescription)")
        }
    }
}
