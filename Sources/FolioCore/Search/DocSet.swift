/// A set of paper nums as a bitmap: bit `n` is paper `num = n`. Dense enough for a million papers
/// (125 KB), and AND/OR/NOT are word operations.
public struct DocSet: Sendable, Equatable {
    var words: [UInt64]

    /// Empty, with room for nums below `capacity`.
    public init(capacity: Int) {
        words = Array(repeating: 0, count: (capacity + 63) / 64)
    }

    init(words: [UInt64]) {
        self.words = words
    }

    /// Nums that may be stored: 0..<capacity.
    public var capacity: Int { words.count * 64 }

    public func contains(_ num: Int64) -> Bool {
        guard num >= 0 else { return false }
        let word = Int(num >> 6)
        return word < words.count && words[word] & (1 << UInt64(num & 63)) != 0
    }

    /// Nums beyond the capacity are ignored: they are not papers of the index that made the set.
    mutating func insert(_ num: UInt32) {
        let word = Int(num >> 6)
        if word < words.count { words[word] |= 1 << UInt64(num & 63) }
    }

    mutating func remove(_ num: UInt32) {
        let word = Int(num >> 6)
        if word < words.count { words[word] &= ~(1 << UInt64(num & 63)) }
    }

    /// Empties the set in place, keeping its capacity.
    mutating func removeAll() {
        words.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
    }

    public var count: Int {
        words.reduce(0) { $0 + $1.nonzeroBitCount }
    }

    public var isEmpty: Bool { !words.contains { $0 != 0 } }

    public mutating func formUnion(_ other: DocSet) {
        let n = Swift.min(words.count, other.words.count)
        words.withUnsafeMutableBufferPointer { mine in
            other.words.withUnsafeBufferPointer { theirs in
                for i in 0..<n { mine[i] |= theirs[i] }
            }
        }
    }

    public mutating func formIntersection(_ other: DocSet) {
        let n = Swift.min(words.count, other.words.count)
        words.withUnsafeMutableBufferPointer { mine in
            other.words.withUnsafeBufferPointer { theirs in
                for i in 0..<n { mine[i] &= theirs[i] }
                for i in n..<mine.count { mine[i] = 0 }
            }
        }
    }

    public mutating func subtract(_ other: DocSet) {
        let n = Swift.min(words.count, other.words.count)
        words.withUnsafeMutableBufferPointer { mine in
            other.words.withUnsafeBufferPointer { theirs in
                for i in 0..<n { mine[i] &= ~theirs[i] }
            }
        }
    }

    /// Calls `body` with each num of the set, ascending, up to `limit` of them, without listing them first.
    @inline(__always)
    func forEachNum(until limit: Int = .max, _ body: (Int) -> Void) {
        var left = limit
        words.withUnsafeBufferPointer { words in
            for i in 0..<words.count where left > 0 {
                var bits = words[i]
                while bits != 0 && left > 0 {
                    body(i &* 64 &+ bits.trailingZeroBitCount)
                    bits &= bits &- 1
                    left &-= 1
                }
            }
        }
    }

    /// Nums in the set, ascending.
    public var nums: [Int64] {
        var out: [Int64] = []
        out.reserveCapacity(count)
        forEachNum { out.append(Int64($0)) }
        return out
    }
}
