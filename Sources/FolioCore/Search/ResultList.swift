/// One query's matches in date order, newest first, read a window at a time: rows by position and the
/// position of a paper, without listing or sorting all of them. The rank over the date order (one bit per
/// position, a running count per 64) is built only when a window or a paper lies deep in the list.
public final class ResultList {
    public let docs: DocSet
    /// Exact number of matches.
    public let count: Int
    let index: LoadedIndex
    private var bits: [UInt64] = []
    private var before: [Int] = []
    private var ranked = false

    /// Windows ending within this many rows are read with `LoadedIndex.first`, without the rank.
    let shallow: Int
    /// A paper this near the top of the date order is placed by walking the order, without the rank.
    let shallowOrder: Int

    init(docs: DocSet, index: LoadedIndex, shallow: Int = 512, shallowOrder: Int = 1 << 15) {
        self.docs = docs
        self.index = index
        self.shallow = shallow
        self.shallowOrder = shallowOrder
        count = docs.count
    }

    /// The nums at `range` of the list (clamped to it).
    public func nums(_ range: Range<Int>) -> [Int64] {
        let range = range.clamped(to: 0..<count)
        guard !range.isEmpty else { return [] }
        if range.upperBound <= shallow {
            return Array(index.first(range.upperBound, of: docs).dropFirst(range.lowerBound))
        }
        buildRank()
        // The word holding position `range.lowerBound`: the last with `before[w] <= lowerBound`.
        var low = 0, high = before.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if before[mid] <= range.lowerBound { low = mid } else { high = mid - 1 }
        }
        var out: [Int64] = []
        out.reserveCapacity(range.count)
        var seen = before[low]
        var w = low
        while w < bits.count && out.count < range.count {
            var word = bits[w]
            while word != 0 && out.count < range.count {
                let bit = word.trailingZeroBitCount
                if seen >= range.lowerBound { out.append(Int64(index.order[w * 64 + bit])) }
                seen += 1
                word &= word - 1
            }
            w += 1
        }
        return out
    }

    /// Where the paper `num` is in the list, or nil when it does not match.
    public func position(of num: Int64) -> Int? {
        guard docs.contains(num), num < index.position.count else { return nil }
        let place = index.position[Int(num)]
        guard place != .max else { return nil }
        let at = Int(place)
        if !ranked && at < shallowOrder {
            var n = 0
            for i in 0..<at where docs.contains(Int64(index.order[i])) { n += 1 }
            return n
        }
        buildRank()
        let mask: UInt64 = at & 63 == 0 ? 0 : (UInt64.max >> UInt64(64 - at & 63))
        return before[at >> 6] + (bits[at >> 6] & mask).nonzeroBitCount
    }

    private func buildRank() {
        guard !ranked else { return }
        ranked = true
        let order = index.order
        var bits = [UInt64](repeating: 0, count: (order.count + 63) / 64)
        docs.words.withUnsafeBufferPointer { words in
            order.withUnsafeBufferPointer { order in
                for i in 0..<order.count {
                    let n = Int(order[i])
                    let w = n >> 6
                    if w < words.count, words[w] & (1 << UInt64(n & 63)) != 0 { bits[i >> 6] |= 1 << UInt64(i & 63) }
                }
            }
        }
        var before = [Int](repeating: 0, count: bits.count + 1)
        for w in 0..<bits.count { before[w + 1] = before[w] + bits[w].nonzeroBitCount }
        self.bits = bits
        self.before = before
    }
}

extension SearchIndex {
    /// `docs` as a list newest first.
    public func list(_ docs: DocSet) throws -> ResultList {
        ResultList(docs: docs, index: try loadedIndex())
    }

    /// The same with the rank always used (tests).
    func rankedList(_ docs: DocSet) throws -> ResultList {
        ResultList(docs: docs, index: try loadedIndex(), shallow: 0, shallowOrder: 0)
    }
}
