import Foundation

/// arXiv identifiers: new style `2306.02556v2`, old style `astro-ph/0601001v1`, in URLs or bare.
/// Read as bytes: every line of a dump import goes through here, and the regular expressions this
/// replaced were a sixth of the import's time. `ArxivIDTests` holds it to those expressions.
public enum ArxivID {
    /// Splits `2306.02556v2` into (`2306.02556`, `v2`). Accepts an abs/pdf URL, `arXiv:` prefix or `oai:arXiv.org:`.
    public static func parse(_ raw: String) -> (id: String, version: String?)? {
        var text = raw
        if let first = raw.utf8.first, let last = raw.utf8.last, !(isPlainByte(first) && isPlainByte(last)) {
            text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        var s = ArraySlice(text.utf8)
        for prefix in ["oai:arXiv.org:", "arXiv:", "arxiv:"] where s.starts(with: prefix.utf8) {
            s = s.dropFirst(prefix.utf8.count)
        }
        for marker in ["/abs/", "/pdf/"] {
            if let end = s.endOfFirst(Array(marker.utf8)) { s = s[end...] }
        }
        if s.reversed().starts(with: "fdp.".utf8) { s = s.dropLast(4) }
        var version: ArraySlice<UInt8> = []
        let digits = s.reversed().prefix(while: isDigit).count
        if digits > 0, s.count > digits, s[s.endIndex - digits - 1] == UInt8(ascii: "v") {
            version = s.suffix(digits + 1)
            s = s.dropLast(digits + 1)
        }
        guard isNewStyle(s) || isOldStyle(s) else { return nil }
        return (String(decoding: s, as: UTF8.self), version.isEmpty ? nil : String(decoding: version, as: UTF8.self))
    }

    /// Printable ASCII other than a space: a string that starts and ends with one needs no trimming.
    private static func isPlainByte(_ byte: UInt8) -> Bool { byte > 0x20 && byte < 0x7F }
    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
    private static func isLower(_ byte: UInt8) -> Bool { byte >= 0x61 && byte <= 0x7A }
    private static func isUpper(_ byte: UInt8) -> Bool { byte >= 0x41 && byte <= 0x5A }

    /// `NNNN.NNNN` or `NNNN.NNNNN`.
    private static func isNewStyle(_ s: ArraySlice<UInt8>) -> Bool {
        (s.count == 9 || s.count == 10) && s.prefix(4).allSatisfy(isDigit)
            && s[s.startIndex + 4] == UInt8(ascii: ".") && s.dropFirst(5).allSatisfy(isDigit)
    }

    /// `archive(-subject)?(.XX)?/NNNNNNN`, as `hep-th/9901001` or `math.AG/0601001`.
    private static func isOldStyle(_ s: ArraySlice<UInt8>) -> Bool {
        guard s.count > 8, s.suffix(7).allSatisfy(isDigit), s[s.endIndex - 8] == UInt8(ascii: "/") else { return false }
        var name = s.dropLast(8)
        if name.count > 3, name[name.endIndex - 3] == UInt8(ascii: "."), name.suffix(2).allSatisfy(isUpper) {
            name = name.dropLast(3)
        }
        let parts = name.split(separator: UInt8(ascii: "-"), maxSplits: 1, omittingEmptySubsequences: false)
        return !name.isEmpty && parts.count <= 2 && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy(isLower) }
    }
}

extension ArraySlice<UInt8> {
    /// The index just past the first occurrence of `needle`.
    func endOfFirst(_ needle: [UInt8]) -> Index? {
        guard let first = needle.first, count >= needle.count else { return nil }
        var i = startIndex
        while i <= endIndex - needle.count {
            if self[i] == first, self[i..<(i + needle.count)].elementsEqual(needle) { return i + needle.count }
            i += 1
        }
        return nil
    }
}
