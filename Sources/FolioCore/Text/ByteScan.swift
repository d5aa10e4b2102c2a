/// Eight bytes at a time: most of an import's text holds none of the bytes its checks look for, so they
/// test a word for them at once and look at single bytes only in a word that has one.
enum ByteScan {
    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highs: UInt64 = 0x8080_8080_8080_8080

    /// The eight bytes at `offset`, the first in the low byte.
    @inline(__always)
    static func word(_ bytes: UnsafeBufferPointer<UInt8>, at offset: Int) -> UInt64 {
        UInt64(littleEndian: UnsafeRawPointer(bytes.baseAddress! + offset).loadUnaligned(as: UInt64.self))
    }

    /// Whether some byte of `word` is 0x80 or above.
    @inline(__always)
    static func hasNonASCII(_ word: UInt64) -> Bool { word & highs != 0 }

    /// Whether some byte of `word` equals `byte` (an ASCII byte).
    @inline(__always)
    static func has(_ word: UInt64, _ byte: UInt8) -> Bool {
        let x = word ^ (ones &* UInt64(byte))
        return (x &- ones) & ~x & highs != 0
    }

    /// Whether some byte of `word` is below `limit` (at most 0x80), for a word without non-ASCII bytes.
    @inline(__always)
    static func hasBelow(_ word: UInt64, _ limit: UInt8) -> Bool {
        (word &- ones &* UInt64(limit)) & ~word & highs != 0
    }

    /// The high bit of each byte of `word` that equals `byte`, exactly, and no other bit.
    @inline(__always)
    static func matches(_ word: UInt64, _ byte: UInt8) -> UInt64 {
        let x = word ^ (ones &* UInt64(byte))
        return ~(((x & ~highs) &+ ~highs) | x | ~highs)
    }

    /// Whether every byte is below 0x80, eight at a time.
    static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        while i + 8 <= bytes.count {
            if hasNonASCII(word(bytes, at: i)) { return false }
            i += 8
        }
        while i < bytes.count {
            if bytes[i] >= 0x80 { return false }
            i += 1
        }
        return true
    }

    /// `isASCII` of a string's UTF-8 (a native string's buffer is read in place).
    static func isASCII(_ text: String) -> Bool {
        var text = text
        return text.withUTF8(isASCII)
    }
}
