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
        if let arxiv = metadata.arxivID { return "https://arxiv.org/abs/\(arxiv)" }
        return nil
    }
}

/// Ids for papers that have no arXiv id. `t-` followed by hex cannot be an arXiv id
/// (those are `NNNN.NNNNN` or `archive/NNNNNNN`).
public enum TitleID {
    public static func make(titleKey: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325  // FNV-1a: stable across runs and platforms, unlike Hasher
        for byte in titleKey.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return "t-" + String(repeating: "0", count: 16 - hex.count) + hex
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
        guard let text, let data = text.data(using: .utf8) else { return [] }
        return (try? JSONDecoder().decode([String].self, from: data)) ?? []
    }
}

enum JSONText {
    static func quote(_ s: String) -> String {
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
}
