import Foundation
import GRDB

/// A segment as the merge policy and the merger see it.
struct StoredSegment {
    var id: Int64
    var papers: Int
    var replaced: [UInt32]

    /// Every segment, oldest first. A segment written before `v8-segment-papers` has no count of its
    /// papers yet: counted here once and saved (when `save` is true).
    static func all(_ db: Database, save: Bool) throws -> [StoredSegment] {
        let hasPapers = try SegmentColumns.hasPapers(db)
        let rows = try Row.fetchAll(db, sql: "SELECT id, replaced, \(hasPapers ? "papers" : "NULL") AS papers FROM search_segment ORDER BY id")
        var segments: [StoredSegment] = []
        var reader: PostingReader?
        for row in rows {
            let id: Int64 = row["id"]
            var papers: Int? = row["papers"]
            if papers == nil {
                if reader == nil { reader = try PostingReader(db) }
                papers = try count(segment: id, reader!, capacity: try SegmentColumns.numCapacity(db))
                if save && hasPapers { try db.execute(sql: "UPDATE search_segment SET papers = ? WHERE id = ?", arguments: [papers, id]) }
            }
            segments.append(StoredSegment(id: id, papers: papers ?? 0, replaced: PostingList.decodeInts(row["replaced"], as: UInt32.self)))
        }
        return segments
    }

    /// Papers with any key in a segment: every word's papers are in its field's 1-character prefix
    /// list, so those lists and the categories' hold them all.
    private static func count(segment: Int64, _ reader: PostingReader, capacity: Int) throws -> Int {
        var set = DocSet(capacity: capacity)
        for field in SearchKey.textFields + [SearchKey.category] {
            let low = field == SearchKey.category ? SearchKey.category(""): SearchKey.prefix(field, "", length: 1)
            // ';' follows ':' in ASCII: the range holds exactly the keys that begin with `low`.
            try reader.forEach(segment: segment, from: low, below: String(low.dropLast()) + ";") { _, docs in
                PostingList.add(docs, to: &set)
            }
        }
        return set.count
    }
}

enum SegmentColumns {
    /// Whether `search_segment` has its `papers` column (`v8-segment-papers`): a table made again by
    /// `v3-search-index` in a library already past v8 (a test does this) has not.
    static func hasPapers(_ db: Database) throws -> Bool {
        try db.columns(in: "search_segment").contains { $0.name == "papers" }
    }

    /// Above every paper's num: the size of sets that hold any of them.
    static func numCapacity(_ db: Database) throws -> Int {
        Int(try Int64.fetchOne(db, sql: "SELECT max(num) FROM paper") ?? 0) + 1
    }
}

/// Merges a run of the newest segments into one (see `SegmentMergePolicy`), inside one transaction so a
/// crash leaves the segments as they were or as merged. The merged segment's lists are the union of the
/// run's, without the postings of papers a later segment of the run re-indexed; its `replaced` is the
/// union of the run's (what the segments before the run must forget), or nothing when no segment is
/// before it. Folding oldest first then gives every query the same answer as before.
enum SegmentMerger {
    /// Merges the oldest-first segments `run` (the newest ones); returns the merged segment's id.
    @discardableResult
    static func merge(_ run: [StoredSegment], isOldest: Bool, _ db: Database, policy: SegmentMergePolicy) throws -> Int64 {
        guard let first = run.first, let last = run.last else { preconditionFailure("an empty run") }
        let capacity = try SegmentColumns.numCapacity(db)
        // For each segment of the run, the papers later segments of the run re-indexed.
        var drops = [DocSet?](repeating: nil, count: run.count)
        var later: DocSet?
        for i in run.indices.reversed() {
            drops[i] = later
            guard !run[i].replaced.isEmpty else { continue }
            if later == nil { later = DocSet(capacity: capacity) }
            for num in run[i].replaced { later?.insert(num) }
        }
        let replaced = isOldest ? [] : Array(Set(run.flatMap(\.replaced))).sorted()
        let writer = try SegmentPartWriter(db)
        var papers = DocSet(capacity: capacity)
        do {
            let cursors = try run.map { try PostingCursor(db, segment: $0.id) }
            var heap = CursorHeap(cursors)
            var merger = ListMerger()
            var out = PackedPostings()
            var inputs: [ListMerger.Input] = []
            var list: [UInt8] = []
            var group: [Int] = []
            var keysSincePause = 0
            var started = false
            func emit(isLast: Bool) throws {
                try writer.write(SegmentPart(replaced: started ? nil : replaced, papers: nil, postings: out, isLast: isLast))
                started = true
                out.removeAll()
            }
            while let top = heap.popGroup(into: &group) {
                inputs.removeAll(keepingCapacity: true)
                for i in group { inputs.append(ListMerger.Input(list: cursors[i].list, drop: drops[i])) }
                list.removeAll(keepingCapacity: true)
                merger.merge(inputs, into: &list)
                // A key whose papers were all re-indexed later is left out.
                if list.count > 1 {
                    out.append(key: top) { $0.append(contentsOf: list) }
                    if SegmentMerger.holdsPapers(top) { list.withUnsafeBytes { PostingList.add($0, to: &papers) } }
                }
                for i in group {
                    try cursors[i].advance()
                    heap.push(i)
                }
                if out.count >= 4096 { try emit(isLast: false) }
                keysSincePause += 1
                if policy.testingDelayMilliseconds > 0, keysSincePause >= 64 {
                    keysSincePause = 0
                    usleep(UInt32(policy.testingDelayMilliseconds) * 1000)
                }
            }
            try emit(isLast: true)
        }
        guard let merged = writer.segment, merged > last.id else { preconditionFailure("a merged segment must come after the run") }
        if policy.testingDelayMilliseconds > 0 { usleep(UInt32(policy.testingDelayMilliseconds) * 1000) }
        // The run is every segment from its first on, so one range holds exactly its rows.
        try db.execute(sql: "DELETE FROM search_postings WHERE segment >= ? AND segment < ?", arguments: [first.id, merged])
        try db.execute(sql: "DELETE FROM search_segment WHERE id >= ? AND id < ?", arguments: [first.id, merged])
        if try SegmentColumns.hasPapers(db) {
            try db.execute(sql: "UPDATE search_segment SET papers = ? WHERE id = ?", arguments: [papers.count, merged])
        }
        // Readers keep segment ids (`LoadedIndex`): a new generation makes them load the new ones.
        try db.execute(sql: "UPDATE search_order SET generation = generation + 1 WHERE id = 1")
        return merged
    }

    /// The keys whose lists together hold every paper of a segment: 1-character prefixes and categories.
    static func holdsPapers(_ key: UnsafeRawBufferPointer) -> Bool {
        (key.count >= 3 && key[1] == UInt8(ascii: "1") && key[2] == UInt8(ascii: ":"))
            || (key.count >= 2 && key[0] == UInt8(ascii: "c") && key[1] == UInt8(ascii: ":"))
    }
}

/// The cursors not yet done, smallest key on top (ties: the older segment first).
struct CursorHeap {
    private let cursors: [PostingCursor]
    private var heap: [Int] = []

    init(_ cursors: [PostingCursor]) {
        self.cursors = cursors
        for i in cursors.indices { push(i) }
    }

    private func less(_ a: Int, _ b: Int) -> Bool {
        let order = PostingRows.compare(cursors[a].key, cursors[b].key)
        return order != 0 ? order < 0 : a < b
    }

    mutating func push(_ i: Int) {
        guard !cursors[i].isDone else { return }
        heap.append(i)
        var child = heap.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard less(heap[child], heap[parent]) else { break }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    private mutating func pop() -> Int? {
        guard let top = heap.first else { return nil }
        let last = heap.removeLast()
        if !heap.isEmpty {
            heap[0] = last
            var parent = 0
            while true {
                let left = 2 * parent + 1, right = left + 1
                var smallest = parent
                if left < heap.count, less(heap[left], heap[smallest]) { smallest = left }
                if right < heap.count, less(heap[right], heap[smallest]) { smallest = right }
                if smallest == parent { break }
                heap.swapAt(parent, smallest)
                parent = smallest
            }
        }
        return top
    }

    /// Takes every cursor at the smallest key into `group` (oldest first) and returns that key, valid
    /// until those cursors advance; nil when all are done.
    mutating func popGroup(into group: inout [Int]) -> UnsafeRawBufferPointer? {
        group.removeAll(keepingCapacity: true)
        guard let top = pop() else { return nil }
        group.append(top)
        let key = cursors[top].key
        while let next = heap.first, PostingRows.compare(cursors[next].key, key) == 0 {
            group.append(pop()!)
        }
        return key
    }
}

extension Store {
    /// Merges index segments until the policy wants no more, one transaction per merge; returns how
    /// many merges ran. Imports call it once they have committed.
    @discardableResult
    public func mergeSearchSegments() throws -> Int {
        var merges = 0
        while try pool.write({ db in try Store.withBulkPragmas(db) { try Store.mergeOnce(db, policy: mergePolicy) } }) {
            merges += 1
            if mergePolicy.testingDelayMilliseconds > 0 { FileHandle.standardError.write(Data("merge: committed\n".utf8)) }
        }
        return merges
    }

    /// The first merge `policy` wants, in `db`'s transaction; false when it wants none.
    static func mergeOnce(_ db: Database, policy: SegmentMergePolicy) throws -> Bool {
        let segments = try StoredSegment.all(db, save: true)
        guard let start = policy.runToMerge(segments.map(\.papers)) else { return false }
        let run = Array(segments[start...])
        if policy.testingDelayMilliseconds > 0 {
            FileHandle.standardError.write(Data("merge: segments \(run[0].id)-\(run[run.count - 1].id) begin\n".utf8))
        }
        try SegmentMerger.merge(run, isOldest: start == 0, db, policy: policy)
        return true
    }

    /// After an import committed: its papers are in whatever happens here, so a merge that fails (the
    /// lock held past the busy timeout, a full disk) is left for the next import to try again.
    func mergeSearchSegmentsAfterImport() {
        _ = try? mergeSearchSegments()
    }
}
