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
    /// Ids the paper had before (a `t-…` id before its arXiv record came), which still name it.
    public var aliases: [String] = []
    /// The user's note on the paper (`folio note`, `a` in the reader).
    public var note: String?
    /// Where its PDF was downloaded to (`pdf_file`); the file may have been removed since.
    public var pdfFile: String?

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

    /// The PDF's address: the source's link, else arXiv's.
    public var pdfURL: String? {
        if let pdf = metadata.pdfURL, !pdf.isEmpty { return pdf }
        return metadata.arxivID.map(ArxivLinks.pdf)
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
        if items.isEmpty { return "[]" }  // most papers' keywords and affiliations
        var out: [UInt8] = [UInt8(ascii: "[")]
        out.reserveCapacity(items.reduce(16) { $0 + $1.utf8.count + 3 })
        for (i, item) in items.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            JSONText.appendQuoted(item, to: &out)
        }
        out.append(UInt8(ascii: "]"))
        return String(decoding: out, as: UTF8.self)
    }

    static func decode(_ text: String?) -> [String] {
        guard let text else { return [] }
        if let fast = decodeFast(text) { return fast }
        guard let data = text.data(using: .utf8) else { return [] }
        return (try? JSONDecoder().decode([String].self, from: data)) ?? []
    }

    /// A JSON array of strings read from its bytes (Foundation's decoder was most of the time spent reading
    /// a row); nil for anything `JSONBytes` leaves to the decoder, which then reads it.
    static func decodeFast(_ text: String) -> [String]? {
        var text = text
        return text.withUTF8 { bytes -> [String]? in
            var reader = JSONBytes(bytes)
            var out: [String] = []
            guard reader.array({ reader in reader.string().map { out.append($0) } != nil }), reader.atEndAfterSpace() else { return nil }
            return out
        }
    }
}

public enum JSONText {
    /// A JSON string literal: `"`, `\`, C0 and C1 controls, DEL, U+2028 and U+2029 escaped. Works on UTF-8
    /// bytes: a scalar at a time was most of the time `list --json` took on many papers.
    public static func quote(_ s: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(s.utf8.count + 16)
        appendQuoted(s, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// `quote` written at the end of `out`: a list of strings is quoted into one buffer.
    static func appendQuoted(_ s: String, to out: inout [UInt8]) {
        var s = s
        s.withUTF8 { bytes in
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
        }
    }
}
