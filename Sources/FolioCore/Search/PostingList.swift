import Foundation

/// The stored form of one posting list (`search_postings.docs`): a tag byte, then either the nums as
/// little-endian UInt32s (sparse lists) or a bitmap starting at a 64-aligned num (dense lists, where it is
/// smaller: a word in half the papers costs 1 bit per paper instead of 16).
enum PostingList {
    static let sortedTag: UInt8 = 0
    static let bitmapTag: UInt8 = 1

    /// `nums` ascending and distinct.
    static func encode<Nums: RandomAccessCollection<UInt32>>(_ nums: Nums) -> [UInt8] {
        var out: [UInt8] = []
        encode(nums, into: &out)
        return out
    }

    /// Appends the encoding of `nums` (ascending and distinct) to `out`.
    static func encode<Nums: RandomAccessCollection<UInt32>>(_ nums: Nums, into out: inout [UInt8]) {
        guard let first = nums.first, let last = nums.last else { return out.append(sortedTag) }
        let firstWord = Int(first >> 6), lastWord = Int(last >> 6)
        let bitmapBytes = 5 + (lastWord - firstWord + 1) * 8
        if bitmapBytes < 1 + nums.count * 4 {
            var words = [UInt64](repeating: 0, count: lastWord - firstWord + 1)
            for num in nums { words[Int(num >> 6) - firstWord] |= 1 << UInt64(num & 63) }
            return encodeBitmap(firstWord: UInt32(firstWord), words: words[...], into: &out)
        }
        let start = out.count
        out.append(contentsOf: repeatElement(0, count: 1 + nums.count * 4))
        out[start] = sortedTag
        out.withUnsafeMutableBytes { raw in
            for (i, num) in nums.enumerated() { raw.storeBytes(of: num.littleEndian, toByteOffset: start + 1 + i * 4, as: UInt32.self) }
        }
    }

    static func encodeBitmap(firstWord: UInt32, words: ArraySlice<UInt64>, into out: inout [UInt8]) {
        let start = out.count
        out.append(contentsOf: repeatElement(0, count: 5 + words.count * 8))
        out[start] = bitmapTag
        out.withUnsafeMutableBytes { raw in
            raw.storeBytes(of: firstWord.littleEndian, toByteOffset: start + 1, as: UInt32.self)
            for (i, word) in words.enumerated() { raw.storeBytes(of: word.littleEndian, toByteOffset: start + 5 + i * 8, as: UInt64.self) }
        }
    }

    /// ORs the stored list into `set`.
    static func add(_ bytes: UnsafeRawBufferPointer, to set: inout DocSet) {
        guard let tag = bytes.first else { return }
        let capacityWords = set.words.count
        set.words.withUnsafeMutableBufferPointer { target in
            if tag == bitmapTag {
                let firstWord = Int(UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: 1, as: UInt32.self)))
                let count = (bytes.count - 5) / 8
                for i in 0..<Swift.min(count, Swift.max(0, capacityWords - firstWord)) {
                    target[firstWord + i] |= UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: 5 + i * 8, as: UInt64.self))
                }
            } else {
                for i in 0..<((bytes.count - 1) / 4) {
                    let num = UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: 1 + i * 4, as: UInt32.self))
                    let word = Int(num >> 6)
                    if word < capacityWords { target[word] |= 1 << UInt64(num & 63) }
                }
            }
        }
    }

    /// The nums of a stored list, ascending (tests, merging).
    static func decode(_ bytes: [UInt8], capacity: Int) -> [Int64] {
        var set = DocSet(capacity: capacity)
        bytes.withUnsafeBytes { add($0, to: &set) }
        return set.nums
    }

    static func decodeInts<T: FixedWidthInteger>(_ bytes: Data, as type: T.Type) -> [T] {
        bytes.withUnsafeBytes { decodeInts($0, as: type) }
    }

    static func decodeInts<T: FixedWidthInteger>(_ raw: UnsafeRawBufferPointer, as: T.Type) -> [T] {
        let count = raw.count / MemoryLayout<T>.size
        // With no elements the initializer writes a count into Swift's one shared empty array, which
        // ThreadSanitizer reports as a race between two threads decoding empty lists.
        guard count > 0 else { return [] }
        return [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            for i in 0..<count { buffer[i] = T(littleEndian: raw.loadUnaligned(fromByteOffset: i * MemoryLayout<T>.size, as: T.self)) }
            initialized = count
        }
    }

    static func encodeInts<T: FixedWidthInteger>(_ values: [T]) -> Data {
        var out = Data(count: values.count * MemoryLayout<T>.size)
        out.withUnsafeMutableBytes { raw in
            for (i, value) in values.enumerated() { raw.storeBytes(of: value.littleEndian, toByteOffset: i * MemoryLayout<T>.size, as: T.self) }
        }
        return out
    }
}
