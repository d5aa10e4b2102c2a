import Foundation
import GRDB

/// What queries need of the index at one generation: the date order and the segments' replaced papers.
/// Posting lists stay in SQLite and are read per word.
struct LoadedIndex {
    let generation: Int64
    /// Nums newest first.
    let order: [UInt32]
    /// Position of each num in `order` (`UInt32.max` for none), to sort a few matches without walking it all.
    let position: [UInt32]
    let all: DocSet
    let empty: DocSet
    let segments: IndexSegments

    /// Parallel to `order`: each paper's `YYYYMMDD` (descending), unless `ranked` (see `SearchOrder`).
    let orderKeys: [Int32]
    let ranked: Bool

    init(_ db: Database, generation: Int64) throws {
        self.generation = generation
        let stored = try SearchOrder.loadCombined(db)
        order = stored?.nums ?? []
        orderKeys = stored?.keys ?? []
        ranked = stored?.ranked ?? false
        let capacity = Int(order.max() ?? 0) + 1
        var position = [UInt32](repeating: .max, count: capacity)
        var all = DocSet(capacity: capacity)
        // Raw buffers: every reader does this for every paper when it opens (DECISIONS.md, "Opening the index").
        order.withUnsafeBufferPointer { order in
            position.withUnsafeMutableBufferPointer { position in
                all.words.withUnsafeMutableBufferPointer { words in
                    for i in 0..<order.count {
                        let num = Int(order[i])
                        position[num] = UInt32(truncatingIfNeeded: i)
                        words[num >> 6] |= 1 << UInt64(num & 63)
                    }
                }
            }
        }
        self.position = position
        self.all = all
        empty = DocSet(capacity: capacity)
        segments = try IndexSegments(db)
    }

    /// Papers in any of the lists stored under `keys`, each segment's list taken as of that segment.
    func union(_ db: Database, keys: [String]) throws -> DocSet {
        let reader = try PostingReader(db)
        return try fold { segment, set in
            for key in keys { try reader.add(segment: segment, key: key, to: &set) }
        }
    }

    /// Papers with a word in `field` that begins with `prefix` (as `String.hasPrefix` says, like the matcher).
    func union(_ db: Database, field: String, wordsBeginning prefix: String) throws -> DocSet {
        let low = SearchKey.word(field, prefix)
        // No word holds U+10FFFF (a noncharacter), so every key that begins with `low` sorts before this.
        let high = low + "\u{10FFFF}"
        let reader = try PostingReader(db)
        return try fold { segment, set in
            try reader.forEach(segment: segment, from: low, below: high) { key, docs in
                guard String(decoding: key, as: UTF8.self).dropFirst(field.count + 1).hasPrefix(prefix) else { return }
                PostingList.add(docs, to: &set)
            }
        }
    }

    private func fold(_ addSegment: (Int64, inout DocSet) throws -> Void) throws -> DocSet {
        try segments.fold(from: empty, addSegment)
    }

    /// How many papers `union(db, keys:)` would find for each group of keys, read with one statement
    /// set and one scratch set (ranking asks this for thousands of words at a time).
    func counts(_ db: Database, keys groups: [[String]]) throws -> [Int] {
        let reader = try PostingReader(db)
        var set = empty
        return try groups.map { keys in
            set.removeAll()
            try segments.fold(into: &set) { segment, set in
                for key in keys { try reader.add(segment: segment, key: key, to: &set) }
            }
            return set.count
        }
    }

    /// Papers published from `low` through `high` (`YYYYMMDD`, inclusive; no date never matches): a run
    /// of the date order found by binary search. Nil when the keys are ranks, which say no dates.
    func published(from low: Int32, through high: Int32) -> DocSet? {
        guard !ranked, orderKeys.count == order.count else { return nil }
        let low = max(low, SearchOrder.noDate + 1)
        var set = empty
        guard low <= high else { return set }
        // Keys descend: the run starts at the first key <= high and ends before the first key < low.
        func firstIndex(where isPast: (Int32) -> Bool) -> Int {
            var lower = 0, upper = orderKeys.count
            while lower < upper {
                let middle = (lower + upper) / 2
                if isPast(orderKeys[middle]) { upper = middle } else { lower = middle + 1 }
            }
            return lower
        }
        let start = firstIndex { $0 <= high }, end = firstIndex { $0 < low }
        for i in start..<max(start, end) { set.insert(order[i]) }
        return set
    }

    /// The first `n` of `docs` in date order.
    func first(_ n: Int, of docs: DocSet) -> [Int64] {
        // Many matches: walk the order and stop at `n`. Few: mark their positions and read the first `n`
        // marks, without sorting them by a lookup per comparison (DECISIONS.md, "Opening the index").
        if docs.count > order.count / 64 { return walkingFirst(n, of: docs) }
        var placed = DocSet(capacity: order.count)
        docs.forEachNum { num in
            if num < position.count, position[num] != .max { placed.insert(position[num]) }
        }
        var out: [Int64] = []
        out.reserveCapacity(n)
        placed.forEachNum(until: n) { out.append(Int64(order[$0])) }
        return out
    }

    /// `first` by walking the order alone: what it gives for any set.
    func walkingFirst(_ n: Int, of docs: DocSet) -> [Int64] {
        var out: [Int64] = []
        out.reserveCapacity(n)
        for num in order where out.count < n {
            if docs.contains(Int64(num)) { out.append(Int64(num)) }
        }
        return out
    }
}

/// The index's segments, ids ascending, with the papers each re-indexed (their postings in earlier
/// segments are stale).
struct IndexSegments {
    let segments: [(id: Int64, replaced: [UInt32])]

    init(_ db: Database) throws {
        segments = try Row.fetchAll(db, sql: "SELECT id, replaced FROM search_segment ORDER BY id").map {
            ($0["id"], PostingList.decodeInts($0["replaced"], as: UInt32.self))
        }
    }

    /// Segments oldest first: a paper re-indexed by a segment loses what earlier ones said about it.
    func fold(from start: DocSet, _ addSegment: (Int64, inout DocSet) throws -> Void) rethrows -> DocSet {
        var set = start
        try fold(into: &set, addSegment)
        return set
    }

    func fold(into set: inout DocSet, _ addSegment: (Int64, inout DocSet) throws -> Void) rethrows {
        for segment in segments {
            for num in segment.replaced { set.remove(num) }
            try addSegment(segment.id, &set)
        }
    }
}
