import Foundation

/// Distinct (field, word) pairs of a segment, numbered in order of first appearance. Words are looked up
/// by their UTF-8 bytes in an open-addressing table, so the import's inner loop makes no Strings.
struct SearchTermTable {
    private var bytes: [UInt8] = []
    /// Per term: where its word starts in `bytes`; the next term's start ends it.
    private var starts: [UInt32] = [0]
    private var fields: [UInt8] = []
    /// The word's hash in the high half, term number + 1 in the low half; 0 for an empty slot. The hash
    /// in the slot settles most probes without reading the term's other arrays (cache misses on a large
    /// table). A power of two long, at most half full.
    private var slots = [UInt64](repeating: 0, count: 1 << 12)

    var count: Int { fields.count }

    func field(_ term: UInt32) -> UInt8 { fields[Int(term)] }

    func word(_ term: UInt32) -> String {
        String(decoding: wordBytes(term), as: UTF8.self)
    }

    func wordBytes(_ term: UInt32) -> ArraySlice<UInt8> {
        bytes[Int(starts[Int(term)])..<Int(starts[Int(term) + 1])]
    }

    /// The term for `word` in `field`, added when new.
    mutating func term(_ word: UnsafeBufferPointer<UInt8>, field: UInt8) -> UInt32 {
        var hash = SearchTermTable.hashStart(field: field)
        for byte in word { hash = SearchTermTable.hash(hash, byte) }
        return term(word, field: field, hash: hash)
    }

    /// FNV-1a, fed one byte at a time so a caller can hash a word while it finds its end.
    static func hashStart(field: UInt8) -> UInt32 { 2_166_136_261 ^ UInt32(field) }
    static func hash(_ hash: UInt32, _ byte: UInt8) -> UInt32 { (hash ^ UInt32(byte)) &* 16_777_619 }

    /// `term(_:field:)` with the word's hash already computed.
    mutating func term(_ word: UnsafeBufferPointer<UInt8>, field: UInt8, hash: UInt32) -> UInt32 {
        let mask = slots.count - 1
        var slot = Int(hash) & mask
        let found: UInt32? = slots.withUnsafeBufferPointer { slots in
            while slots[slot] != 0 {
                let entry = slots[slot]
                if UInt32(entry >> 32) == hash {
                    let term = UInt32(truncatingIfNeeded: entry) - 1
                    if fields[Int(term)] == field && equals(term, word) { return term }
                }
                slot = (slot + 1) & mask
            }
            return nil
        }
        if let found { return found }
        let term = UInt32(fields.count)
        bytes.append(contentsOf: word)
        starts.append(UInt32(bytes.count))
        fields.append(field)
        slots[slot] = UInt64(hash) << 32 | UInt64(term + 1)
        if fields.count * 2 > slots.count { grow() }
        return term
    }

    /// The terms of one field, ordered by the bytes of their words.
    func sortedTerms(field: UInt8) -> [UInt32] {
        var terms = (0..<UInt32(count)).filter { fields[Int($0)] == field }
        bytes.withUnsafeBufferPointer { bytes in
            starts.withUnsafeBufferPointer { starts in
                terms.sort { a, b in
                    let aStart = Int(starts[Int(a)]), aEnd = Int(starts[Int(a) + 1])
                    let bStart = Int(starts[Int(b)]), bEnd = Int(starts[Int(b) + 1])
                    let shared = min(aEnd - aStart, bEnd - bStart)
                    let order = memcmp(bytes.baseAddress! + aStart, bytes.baseAddress! + bStart, shared)
                    return order != 0 ? order < 0 : aEnd - aStart < bEnd - bStart
                }
            }
        }
        return terms
    }

    private func equals(_ term: UInt32, _ word: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = Int(starts[Int(term)]), end = Int(starts[Int(term) + 1])
        guard end - start == word.count else { return false }
        // Words are short: a loop beats a call to memcmp.
        return bytes.withUnsafeBufferPointer { stored in
            for i in 0..<word.count where stored[start + i] != word[i] { return false }
            return true
        }
    }

    private mutating func grow() {
        let old = slots
        slots = [UInt64](repeating: 0, count: slots.count * 2)
        let mask = slots.count - 1
        for entry in old where entry != 0 {
            var slot = Int(entry >> 32) & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = entry
        }
    }
}
