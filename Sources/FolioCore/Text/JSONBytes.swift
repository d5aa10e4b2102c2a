/// A strict reader of JSON text in bytes (dump lines, stored string lists): every value it passes over is
/// checked as a JSON parser would, so text it accepts is text Foundation accepts too.
struct JSONBytes {
    private let bytes: UnsafeBufferPointer<UInt8>
    private var index = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    private var current: UInt8? { index < bytes.count ? bytes[index] : nil }

    private mutating func skipSpace() {
        while let c = current, c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D { index += 1 }
    }

    private mutating func take(_ c: UInt8) -> Bool {
        skipSpace()
        guard current == c else { return false }
        index += 1
        return true
    }

    mutating func atEndAfterSpace() -> Bool {
        skipSpace()
        return index == bytes.count
    }

    /// `{ "key": value, … }`, each value read by `member`.
    mutating func object(_ member: (String, inout JSONBytes) -> Bool) -> Bool {
        guard take(UInt8(ascii: "{")) else { return false }
        if take(UInt8(ascii: "}")) { return true }
        repeat {
            skipSpace()
            guard let key = string(), take(UInt8(ascii: ":")), member(key, &self) else { return false }
        } while take(UInt8(ascii: ","))
        return take(UInt8(ascii: "}"))
    }

    /// `[ value, … ]`, each value read by `element`.
    mutating func array(_ element: (inout JSONBytes) -> Bool) -> Bool {
        guard take(UInt8(ascii: "[")) else { return false }
        if take(UInt8(ascii: "]")) { return true }
        repeat {
            skipSpace()
            guard element(&self) else { return false }
        } while take(UInt8(ascii: ","))
        return take(UInt8(ascii: "]"))
    }

    mutating func null() -> Bool {
        skipSpace()
        return literal("null")
    }

    /// A string or null into `value`; false for any other value.
    mutating func optionalString(_ value: inout String?) -> Bool {
        skipSpace()
        if literal("null") {
            value = nil
            return true
        }
        guard let text = string() else { return false }
        value = text
        return true
    }

    private mutating func literal(_ word: StaticString) -> Bool {
        let count = word.utf8CodeUnitCount
        guard index + count <= bytes.count else { return false }
        for i in 0..<count where bytes[index + i] != word.utf8Start[i] { return false }
        index += count
        return true
    }

    /// A string at the current byte; nil for anything else or anything this reader leaves to Foundation
    /// (a surrogate escape, bad UTF-8, a raw control character).
    mutating func string() -> String? {
        skipSpace()
        guard current == UInt8(ascii: "\"") else { return nil }
        index += 1
        let start = index
        var escaped = false, ascii = true
        while true {
            // Eight bytes at a time past plain ASCII text, which is most of an abstract.
            while index + 8 <= bytes.count {
                let word = ByteScan.word(bytes, at: index)
                if ByteScan.hasNonASCII(word) || ByteScan.hasBelow(word, 0x20)
                    || ByteScan.has(word, UInt8(ascii: "\"")) || ByteScan.has(word, UInt8(ascii: "\\")) { break }
                index += 8
            }
            guard let c = current else { return nil }
            if c == UInt8(ascii: "\"") { break }
            if c < 0x20 { return nil }
            if c >= 0x80 { ascii = false }
            if c == UInt8(ascii: "\\") {
                escaped = true
                index += 1
            }
            index += 1
        }
        let raw = UnsafeBufferPointer(rebasing: bytes[start..<index])
        index += 1
        if escaped { return JSONBytes.unescape(raw) }
        return ascii ? String(decoding: raw, as: UTF8.self) : JSONBytes.validated(raw)
    }

    /// The text of `raw`, nil unless it is valid UTF-8: decoding replaces what is not, so valid text is
    /// text whose bytes come back unchanged.
    private static func validated(_ raw: UnsafeBufferPointer<UInt8>) -> String? {
        let text = String(decoding: raw, as: UTF8.self)
        return text.utf8.elementsEqual(raw) ? text : nil
    }

    private static func unescape(_ raw: UnsafeBufferPointer<UInt8>) -> String? {
        var out: [UInt8] = []
        out.reserveCapacity(raw.count)
        var i = 0
        while i < raw.count {
            let c = raw[i]
            i += 1
            guard c == UInt8(ascii: "\\") else {
                out.append(c)
                continue
            }
            guard i < raw.count else { return nil }
            let e = raw[i]
            i += 1
            switch e {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                guard i + 4 <= raw.count, let code = UInt32(String(decoding: UnsafeBufferPointer(rebasing: raw[i..<(i + 4)]), as: UTF8.self),
                                                                 radix: 16),
                      let scalar = Unicode.Scalar(code)  // nil for surrogates: left to Foundation
                else { return nil }
                i += 4
                out.append(contentsOf: String(scalar).utf8)
            default:
                return nil
            }
        }
        return out.withUnsafeBufferPointer(validated)
    }

    /// Values nested deeper than this are left to Foundation, which refuses them with a message:
    /// a line of a million `[` must not exhaust the stack.
    static let maxDepth = 256

    /// Passes over one value of any kind, checking it.
    mutating func skipValue(depth: Int = 0) -> Bool {
        skipSpace()
        guard depth < JSONBytes.maxDepth else { return false }
        switch current {
        case UInt8(ascii: "\""): return string() != nil
        case UInt8(ascii: "{"): return object { _, reader in reader.skipValue(depth: depth + 1) }
        case UInt8(ascii: "["): return array { reader in reader.skipValue(depth: depth + 1) }
        case UInt8(ascii: "t"): return literal("true")
        case UInt8(ascii: "f"): return literal("false")
        case UInt8(ascii: "n"): return literal("null")
        default: return number()
        }
    }

    /// `-?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?`
    private mutating func number() -> Bool {
        func digits(_ reader: inout JSONBytes) -> Int {
            var n = 0
            while let c = reader.current, c >= 0x30 && c <= 0x39 { reader.index += 1; n += 1 }
            return n
        }
        if current == UInt8(ascii: "-") { index += 1 }
        if current == UInt8(ascii: "0") {
            index += 1
        } else if digits(&self) == 0 {
            return false
        }
        if current == UInt8(ascii: ".") {
            index += 1
            guard digits(&self) > 0 else { return false }
        }
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            index += 1
            if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { index += 1 }
            guard digits(&self) > 0 else { return false }
        }
        return true
    }
}
