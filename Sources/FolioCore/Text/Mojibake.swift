/// Repairs text that was UTF-8, was read as Windows-1252 (or Latin-1), and was written again as UTF-8:
/// `RamÃ­rez` for `Ramírez`, `â€™` for `’`.
///
/// The repair is the exact inverse of that mistake, and applies only when the inverse exists: every scalar
/// of the text maps back to the one byte it was read from, and those bytes are valid UTF-8. Correct text
/// almost never passes: `Ramírez` maps back to `52 61 6D ED 72 65 7A`, and `ED 72` is not UTF-8; text with
/// a scalar no single-byte reading makes (`α`, CJK, emoji) is never touched.
///
/// One layer per call: text encoded wrongly twice (`RamÃƒÂ­rez`) comes back once repaired (`RamÃ­rez`),
/// and a second call finishes it. Each call is then a single exact inverse, which callers can repeat
/// (`while let r = Mojibake.repaired(t) { t = r }` ends: every repair makes the UTF-8 strictly shorter).
///
/// Repair before `TextNormalizer.clean`: mojibake of `à` ends in U+00A0 (no-break space), which cleaning
/// turns into a plain space, after which the bytes no longer decode.
enum Mojibake {
    /// The repaired text, or nil when no repair applies (the text is left as it is). Pure ASCII → nil fast.
    static func repaired(_ text: String) -> String? {
        guard !ByteScan.isASCII(text) else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            guard let byte = byte(of: scalar.value) else { return nil }
            bytes.append(byte)
        }
        // Strict validation (no overlong forms, surrogates or values past U+10FFFF): the decoded text
        // encodes back to these very bytes. The text had a non-ASCII scalar, so the bytes have a byte
        // of 0x80 or more, and being valid they hold a multi-byte sequence.
        guard let decoded = String(validating: bytes, as: UTF8.self), decoded.utf8.elementsEqual(bytes) else {
            return nil
        }
        return decoded
    }

    /// The byte a single-byte reading turned into `value`: Latin-1 is the identity below U+0100 (including
    /// the C1 controls U+0080–U+009F, which is also what Windows-1252's five undefined bytes become);
    /// Windows-1252 puts its own characters at 0x80–0x9F.
    @inline(__always)
    static func byte(of value: UInt32) -> UInt8? {
        if value < 0x100 { return UInt8(value) }
        switch value {
        case 0x20AC: return 0x80  // €
        case 0x201A: return 0x82  // ‚
        case 0x0192: return 0x83  // ƒ
        case 0x201E: return 0x84  // „
        case 0x2026: return 0x85  // …
        case 0x2020: return 0x86  // †
        case 0x2021: return 0x87  // ‡
        case 0x02C6: return 0x88  // ˆ
        case 0x2030: return 0x89  // ‰
        case 0x0160: return 0x8A  // Š
        case 0x2039: return 0x8B  // ‹
        case 0x0152: return 0x8C  // Œ
        case 0x017D: return 0x8E  // Ž
        case 0x2018: return 0x91  // ‘
        case 0x2019: return 0x92  // ’
        case 0x201C: return 0x93  // “
        case 0x201D: return 0x94  // ”
        case 0x2022: return 0x95  // •
        case 0x2013: return 0x96  // –
        case 0x2014: return 0x97  // —
        case 0x02DC: return 0x98  // ˜
        case 0x2122: return 0x99  // ™
        case 0x0161: return 0x9A  // š
        case 0x203A: return 0x9B  // ›
        case 0x0153: return 0x9C  // œ
        case 0x017E: return 0x9E  // ž
        case 0x0178: return 0x9F  // Ÿ
        default: return nil
        }
    }
}
