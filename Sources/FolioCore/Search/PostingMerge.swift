import Foundation
import GRDB

/// One segment's keys and lists in key order, blocks unpacked: what a merge reads. Each row is copied
/// into a buffer of the cursor's own, so `key` and `list` stay valid until the next `advance()`.
final class PostingCursor {
    private let rows: RawStatement
    private var buffer: UnsafeMutableRawBufferPointer
    /// The current row's `docs`, when it is a block, and where its next entry starts.
    private var block = UnsafeRawBufferPointer(start: nil, count: 0)
    private var blockAt: Int?
    private(set) var key = UnsafeRawBufferPointer(start: nil, count: 0)
    private(set) var list = UnsafeRawBufferPointer(start: nil, count: 0)
    private(set) var isDone = false

    init(_ db: Database, segment: Int64) throws {
        rows = try RawStatement(db, "SELECT key, docs FROM search_postings WHERE segment = ? ORDER BY key")
        buffer = .allocate(byteCount: 16384, alignment: 8)
        rows.start([.int(segment)])
        try advance()
    }

    deinit { buffer.deallocate() }

    func advance() throws {
        while !isDone {
            if let at = blockAt {
                if nextBlockEntry(at) { return }
                blockAt = nil
            }
            guard let row = try rows.step() else {
                isDone = true
                rows.start([])  // lets go of the table before the merge deletes from it
                return
            }
            let rowKey = row.blob(0), docs = row.blob(1)
            if buffer.count < rowKey.count + docs.count {
                buffer.deallocate()
                buffer = .allocate(byteCount: max(rowKey.count + docs.count, buffer.count * 2), alignment: 8)
            }
            if rowKey.count > 0 { buffer.baseAddress!.copyMemory(from: rowKey.baseAddress!, byteCount: rowKey.count) }
            if docs.count > 0 { (buffer.baseAddress! + rowKey.count).copyMemory(from: docs.baseAddress!, byteCount: docs.count) }
            let copiedKey = UnsafeRawBufferPointer(rebasing: buffer[0..<rowKey.count])
            let copiedDocs = UnsafeRawBufferPointer(rebasing: buffer[rowKey.count..<rowKey.count + docs.count])
            if copiedDocs.first == PostingRows.blockTag {
                block = copiedDocs
                blockAt = 1
                continue
            }
            key = copiedKey
            list = copiedDocs
            return
        }
    }

    /// Moves to the block's entry at `at`; false when the block has no more.
    private func nextBlockEntry(_ start: Int) -> Bool {
        var at = start
        guard at < block.count, let keyLength = PostingRows.readLength(block, &at), at + keyLength <= block.count else { return false }
        let entryKey = UnsafeRawBufferPointer(rebasing: block[at..<at + keyLength])
        at += keyLength
        guard let listLength = PostingRows.readLength(block, &at), at + listLength <= block.count else { return false }
        key = entryKey
        list = UnsafeRawBufferPointer(rebasing: block[at..<at + listLength])
        blockAt = at + listLength
        return true
    }
}

/// Unions of encoded lists, each without the papers a later segment re-indexed: what a merged
/// segment stores for one key. Keeps its scratch arrays between keys.
struct ListMerger {
    struct Input {
        var list: UnsafeRawBufferPointer
        /// Papers whose postings in this list are stale (re-indexed by a later segment), or nil for none.
        var drop: DocSet?
    }

    private var nums: [UInt32] = []
    private var words: [UInt64] = []

    /// Appends the union's encoding to `out`: a bitmap or sorted nums, whichever is smaller, as
    /// `PostingList.encode` chooses.
    mutating func merge(_ inputs: [Input], into out: inout [UInt8]) {
        if inputs.count == 1, inputs[0].drop == nil, !inputs[0].list.isEmpty { return out.append(contentsOf: inputs[0].list) }
        var lowWord = Int.max, highWord = -1, anyBitmap = false
        for input in inputs {
            let list = input.list
            if list.first == PostingList.bitmapTag, list.count >= 13 {
                anyBitmap = true
                let first = Int(UInt32(littleEndian: list.loadUnaligned(fromByteOffset: 1, as: UInt32.self)))
                lowWord = min(lowWord, first)
                highWord = max(highWord, first + (list.count - 5) / 8 - 1)
            } else if list.first == PostingList.sortedTag, list.count >= 5 {
                lowWord = min(lowWord, Int(ListMerger.num(list, 0) >> 6))
                highWord = max(highWord, Int(ListMerger.num(list, (list.count - 1) / 4 - 1) >> 6))
            }
        }
        guard lowWord <= highWord else { return out.append(PostingList.sortedTag) }
        if !anyBitmap { return mergeSorted(inputs, into: &out) }
        words.removeAll(keepingCapacity: true)
        words.append(contentsOf: repeatElement(0, count: highWord - lowWord + 1))
        for input in inputs {
            let list = input.list
            if list.first == PostingList.bitmapTag, list.count >= 13 {
                let first = Int(UInt32(littleEndian: list.loadUnaligned(fromByteOffset: 1, as: UInt32.self)))
                for i in 0..<(list.count - 5) / 8 {
                    var word = UInt64(littleEndian: list.loadUnaligned(fromByteOffset: 5 + i * 8, as: UInt64.self))
                    if let drop = input.drop, first + i < drop.words.count { word &= ~drop.words[first + i] }
                    words[first + i - lowWord] |= word
                }
            } else if list.first == PostingList.sortedTag {
                for i in 0..<(list.count - 1) / 4 {
                    let num = ListMerger.num(list, i)
                    if let drop = input.drop, drop.contains(Int64(num)) { continue }
                    words[Int(num >> 6) - lowWord] |= 1 << UInt64(num & 63)
                }
            }
        }
        guard let firstUsed = words.firstIndex(where: { $0 != 0 }), let lastUsed = words.lastIndex(where: { $0 != 0 }) else {
            return out.append(PostingList.sortedTag)
        }
        let used = words[firstUsed...lastUsed]
        let count = used.reduce(0) { $0 + $1.nonzeroBitCount }
        if 5 + used.count * 8 < 1 + count * 4 {
            return PostingList.encodeBitmap(firstWord: UInt32(lowWord + firstUsed), words: used, into: &out)
        }
        nums.removeAll(keepingCapacity: true)
        for (i, word) in used.enumerated() {
            var bits = word
            while bits != 0 {
                nums.append(UInt32((lowWord + firstUsed + i) * 64 + bits.trailingZeroBitCount))
                bits &= bits - 1
            }
        }
        PostingList.encode(nums, into: &out)
    }

    /// Sorted lists only: their nums together (a paper re-indexed by a later segment of the run is in
    /// an older list only if dropped there, but duplicates are removed anyway).
    private mutating func mergeSorted(_ inputs: [Input], into out: inout [UInt8]) {
        nums.removeAll(keepingCapacity: true)
        var ascending = true
        for input in inputs where input.list.first == PostingList.sortedTag {
            for i in 0..<(input.list.count - 1) / 4 {
                let num = ListMerger.num(input.list, i)
                if let drop = input.drop, drop.contains(Int64(num)) { continue }
                if let last = nums.last, num <= last { ascending = false }
                nums.append(num)
            }
        }
        if !ascending {
            nums.sort()
            var kept = 0
            for num in nums where kept == 0 || nums[kept - 1] != num {
                nums[kept] = num
                kept += 1
            }
            nums.removeLast(nums.count - kept)
        }
        PostingList.encode(nums, into: &out)
    }

    private static func num(_ list: UnsafeRawBufferPointer, _ i: Int) -> UInt32 {
        UInt32(littleEndian: list.loadUnaligned(fromByteOffset: 1 + i * 4, as: UInt32.self))
    }
}

extension PostingList {
    /// How many papers a stored list holds, and how many of them are in `stale` (nil: none).
    static func count(_ bytes: UnsafeRawBufferPointer, stale: DocSet?) -> (all: Int, stale: Int) {
        guard let tag = bytes.first else { return (0, 0) }
        var all = 0, inStale = 0
        if tag == bitmapTag, bytes.count >= 5 {
            let firstWord = Int(UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: 1, as: UInt32.self)))
            for i in 0..<(bytes.count - 5) / 8 {
                let word = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: 5 + i * 8, as: UInt64.self))
                all += word.nonzeroBitCount
                if let stale, firstWord + i < stale.words.count { inStale += (word & stale.words[firstWord + i]).nonzeroBitCount }
            }
        } else if tag == sortedTag {
            all = (bytes.count - 1) / 4
            if let stale {
                for i in 0..<all {
                    let num = UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: 1 + i * 4, as: UInt32.self))
                    if stale.contains(Int64(num)) { inStale += 1 }
                }
            }
        }
        return (all, inStale)
    }
}
