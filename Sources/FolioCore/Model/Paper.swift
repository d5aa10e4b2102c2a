import Foundation

/// A paper in the library: its metadata plus what the user did with it.
public struct Paper: Sendable, Equatable, Identifiable {
    /// The Folio id: the arXiv id without version, or `t-…` derived from the title.
    public var id: String
    public var metadata: PaperInput
    public var firstSource: String
    public var firstImportedAt: String
    public var lastSource: String
    public var lastImportedAt: String
    public var starredAt: String?
    public var readAt: String?
    /// Sorted by name.
    public var tags: [String]
    /// Topics whose query the paper matches, sorted; filled when papers are read from the store.
    public var topics: [String] = []

    public var isStarred: Bool { starredAt != nil }
    public var isRead: Bool { readAt != nil }
    public var title: String { metadata.title }
    public var arxivID: String? { metadata.arxivID }

    /// The page a person opens: the source's link, else arXiv's abstract page.
    public var url: String? {
        if let abs = metadata.absURL { return abs }
        if let arxiv = metadata.arxivID { return ArxivLinks.abs(arxiv) }
        return nil
    }
}

/// Ids for papers that have no arXiv id. `t-` followed by hex cannot be an arXiv id
/// (those are `NNNN.NNNNN` or `archive/NNNNNNN`).
public enum TitleID {
    public static func make(titleKey: String) -> String {
        let hex = String(hash(titleKey: titleKey), radix: 16)
        return "t-" + String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// FNV-1a of the folded title: stable across runs and platforms, unlike Hasher. Also the indexed
    /// `title_hash` column, through which imports find a paper by its title.
    static func hash(titleKey: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in titleKey.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        return hash
    }
}

/// Lists of strings are stored as JSON arrays in one column.
enum StringList {
    static func encode(_ items: [String]) -> String {
        var out = "["
        for (i, item) in items.enumerated() {
            if i > 0 { out += "," }
            out += JSONText.quote(item)
        }
        return out + "]"
    }

    static func decode(_ text: String?) -> [String] {
        guard let text else { return [] }
        if let fast = decodeFast(text) { return fast }
        guard let data = text.data(using: .utf8) else { return [] }
        return (try? JSONDecoder().decode([String].self, from: data)) ?? []
    }

    /// A JSON array of strings read by hand (Foundation's decoder was most of the time spent reading a
    /// row); nil for anything else, which the decoder then reads.
    static func decodeFast(_ text: String) -> [String]? {
        var text = text
        return text.withUTF8 { bytes -> [String]? in
            var i = 0
            func skipSpace() { while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x09 || bytes[i] == 0x0D { i += 1 } }
            func hex4() -> UInt32? {
                guard i + 4 <= bytes.count else { return nil }
                var value: UInt32 = 0
                for _ in 0..<4 {
                    let b = bytes[i]
                    let digit: UInt32
                    switch b {
                    case 0x30...0x39: digit = UInt32(b - 0x30)
                    case 0x41...0x46: digit = UInt32(b - 0x41 + 10)
                    case 0x61...0x66: digit = UInt32(b - 0x61 + 10)
                    default: return nil
                    }
                    value = value * 16 + digit
                    i += 1
                }
                return value
            }
            skipSpace()
            guard i < bytes.count, bytes[i] == UInt8(ascii: "[") else { return nil }
            i += 1
            var out: [String] = []
            skipSpace()
            if i < bytes.count, bytes[i] == UInt8(ascii: "]") {
                i += 1
                skipSpace()
                return i == bytes.count ? out : nil
            }
            while true {
                skipSpace()
                guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { return nil }
                i += 1
                var start = i
                var pieces: [UInt8] = []
                var escaped = false
                while true {
                    guard i < bytes.count else { return nil }
                    let b = bytes[i]
                    if b == UInt8(ascii: "\"") { break }
                    if b < 0x20 { return nil }
                    if b == UInt8(ascii: "\\") {
                        if !escaped { escaped = true }
                        pieces.append(contentsOf: bytes[start..<i])
                        i += 1
                        guard i < bytes.count else { return nil }
                        let e = bytes[i]
                        i += 1
                        switch e {
                        case UInt8(ascii: "\""): pieces.append(0x22)
                        case UInt8(ascii: "\\"): pieces.append(0x5C)
                        case UInt8(ascii: "/"): pieces.append(0x2F)
                        case UInt8(ascii: "b"): pieces.append(0x08)
                        case UInt8(ascii: "f"): pieces.append(0x0C)
                        case UInt8(ascii: "n"): pieces.append(0x0A)
                        case UInt8(ascii: "r"): pieces.append(0x0D)
                        case UInt8(ascii: "t"): pieces.append(0x09)
                        case UInt8(ascii: "u"):
                            guard var code = hex4() else { return nil }
                            if (0xD800..<0xDC00).contains(code) {
                                guard i + 6 <= bytes.count, bytes[i] == 0x5C, bytes[i + 1] == UInt8(ascii: "u") else { return nil }
                                i += 2
                                guard let low = hex4(), (0xDC00..<0xE000).contains(low) else { return nil }
                                code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                            } else if (0xDC00..<0xE000).contains(code) {
                                return nil
                            }
                            guard let scalar = Unicode.Scalar(code) else { return nil }
                            pieces.append(contentsOf: Array(String(Character(scalar)).utf8))
                        default: return nil
                        }
                        start = i
                        continue
                    }
                    i += 1
                }
                if escaped {
                    pieces.append(contentsOf: bytes[start..<i])
                    out.append(String(decoding: pieces, as: UTF8.self))
                } else {
                    out.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self))
                }
                i += 1
                skipSpace()
                guard i < bytes.count else { return nil }
                if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
                guard bytes[i] == UInt8(ascii: "]") else { return nil }
                i += 1
                skipSpace()
                return i == bytes.count ? out : nil
            }
        }
    }
}

enum JSONText {
    /// A JSON string literal: `"`, `\`, C0 and C1 controls, DEL, U+2028 and U+2029 escaped. Works on UTF-8
    /// bytes: a scalar at a time was most of the time `list --json` took on many papers.
    static func quote(_ s: String) -> String {
        var s = s
        return s.withUTF8 { bytes in
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + 16)
            out.append(UInt8(ascii: "\""))
            // Bytes needing no escape are copied a run at a time.
            var plain = 0, i = 0
            func escape(_ replacement: [UInt8], length: Int) {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[plain..<i]))
                out.append(contentsOf: replacement)
                i += length
                plain = i
            }
            func hex(_ value: UInt32) -> [UInt8] {
                let digits = Array(String(value, radix: 16).utf8)
                return Array("\\u".utf8) + Array(repeating: UInt8(ascii: "0"), count: 4 - digits.count) + digits
            }
            while i < bytes.count {
                let byte = bytes[i]
                switch byte {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"): escape([UInt8(ascii: "\\"), byte], length: 1)
                case UInt8(ascii: "\n"): escape(Array("\\n".utf8), length: 1)
                case UInt8(ascii: "\r"): escape(Array("\\r".utf8), length: 1)
                case UInt8(ascii: "\t"): escape(Array("\\t".utf8), length: 1)
                case 0..<0x20, 0x7F: escape(hex(UInt32(byte)), length: 1)
                // U+0080...U+009F: C2 80...C2 9F.
                case 0xC2 where i + 1 < bytes.count && (0x80...0x9F).contains(bytes[i + 1]):
                    escape(hex(UInt32(bytes[i + 1])), length: 2)
                // U+2028, U+2029: E2 80 A8, E2 80 A9.
                case 0xE2 where i + 2 < bytes.count && bytes[i + 1] == 0x80 && (bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9):
                    escape(hex(bytes[i + 2] == 0xA8 ? 0x2028 : 0x2029), length: 3)
                default: i += 1
                }
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[plain..<i]))
            out.append(UInt8(ascii: "\""))
            return String(decoding: out, as: UTF8.self)
        }
    }
}
