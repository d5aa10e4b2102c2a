import CPrefetch
import Foundation

/// Distinct (field, word) pairs of a segment, numbered in order of first appearance. Words are looked up
/// by their UTF-8 bytes in an open-addressing table, so the import's inner loop makes no Strings.
struct SearchTermTable {
    private var bytes: [UInt8] = []
    /// Per term: where its word starts in `bytes`; the next term's start ends it.
    private var starts: [UInt32] = [0]
    private var fields: [UInt8] = []
    /// Open addressing, four words per slot, so a probe reads one cache line and, for words of up to 16
    /// bytes, nothing else (reading the terms' own arrays at random was most of the lookup's time):
    /// 0. the word's hash in the high half, its field in bits 30–31, term number + 1 below; 0 when empty;
    /// 1–2. the word's first 16 bytes, zero-padded (words have no NUL);
    /// 3. where the word starts in `bytes` in the high half, where it ends in the low half.
    /// A power of two slots long, at most half full.
    private var slots = [UInt64](repeating: 0, count: 4 << 12)
    private var slotCount: Int { slots.count / 4 }
    private static let termBits: UInt64 = 30

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

    /// Starts loading the slot where a lookup of `hash` begins, so that the lookup, made a few words
    /// later, finds it in the cache.
    func prefetch(hash: UInt32) {
        slots.withUnsafeBufferPointer { folio_prefetch($0.baseAddress! + (Int(hash) & (slotCount - 1)) &* 4) }
    }

    /// `term(_:field:)` with the word's hash already computed.
    mutating func term(_ word: UnsafeBufferPointer<UInt8>, field: UInt8, hash: UInt32) -> UInt32 {
        let count = word.count
        var head: (UInt64, UInt64) = (0, 0)
        if count > 0 {
            withUnsafeMutableBytes(of: &head) { $0.copyMemory(from: UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(word)[..<min(count, 16)])) }
        }
        let key = UInt64(hash) << 2 | UInt64(field)
        let mask = slotCount - 1
        var slot = Int(hash) & mask
        let found: UInt32? = slots.withUnsafeBufferPointer { slots in
            bytes.withUnsafeBufferPointer { stored in
                while true {
                    let base = slot &* 4
                    let meta = slots[base]
                    if meta == 0 { return nil }
                    if meta >> SearchTermTable.termBits == key && slots[base + 1] == head.0 && slots[base + 2] == head.1 {
                        let start = Int(slots[base + 3] >> 32), end = Int(slots[base + 3] & 0xFFFF_FFFF)
                        if end - start == count && (count <= 16 || (16..<count).allSatisfy { stored[start + $0] == word[$0] }) {
                            return UInt32(truncatingIfNeeded: meta & (1 << SearchTermTable.termBits - 1)) - 1
                        }
                    }
                    slot = (slot + 1) & mask
                }
            }
        }
        if let found { return found }
        let term = UInt32(fields.count)
        precondition(UInt64(term) + 1 < 1 << SearchTermTable.termBits, "too many words in one segment")
        let start = UInt64(bytes.count)
        bytes.append(contentsOf: word)
        starts.append(UInt32(bytes.count))
        fields.append(field)
        let base = slot * 4
        slots[base] = key << SearchTermTable.termBits | UInt64(term + 1)
        slots[base + 1] = head.0
        slots[base + 2] = head.1
        slots[base + 3] = start << 32 | UInt64(bytes.count)
        if fields.count * 2 > slotCount { grow() }
        return term
    }

    /// The terms of one field, ordered by the bytes of their words: by their first 8 bytes as one
    /// big-endian number (the same order, zero-padded, as words have no NUL), and by the rest of the bytes
    /// only when those are equal. Comparing bytes for every pair was a fifth of encoding a segment.
    func sortedTerms(field: UInt8) -> [UInt32] {
        var keyed: [(head: UInt64, term: UInt32)] = []
        bytes.withUnsafeBufferPointer { bytes in
            starts.withUnsafeBufferPointer { starts in
                for term in 0..<count where fields[term] == field {
                    let start = Int(starts[term]), end = Int(starts[term + 1])
                    var head: UInt64 = 0
                    for i in 0..<8 { head = head << 8 | UInt64(start + i < end ? bytes[start + i] : 0) }
                    keyed.append((head, UInt32(term)))
                }
                keyed.sort { a, b in
                    if a.head != b.head { return a.head < b.head }
                    let aStart = Int(starts[Int(a.term)]), aEnd = Int(starts[Int(a.term) + 1])
                    let bStart = Int(starts[Int(b.term)]), bEnd = Int(starts[Int(b.term) + 1])
                    let shared = min(aEnd - aStart, bEnd - bStart)
                    let order = memcmp(bytes.baseAddress! + aStart, bytes.baseAddress! + bStart, shared)
                    return order != 0 ? order < 0 : aEnd - aStart < bEnd - bStart
                }
            }
        }
        return keyed.map(\.term)
    }

    private mutating func grow() {
        let old = slots
        slots = [UInt64](repeating: 0, count: slots.count * 2)
        let mask = slotCount - 1
        for base in stride(from: 0, to: old.count, by: 4) where old[base] != 0 {
            var slot = Int(old[base] >> 32) & mask
            while slots[slot * 4] != 0 { slot = (slot + 1) & mask }
            for i in 0..<4 { slots[slot * 4 + i] = old[base + i] }
        }
    }
}
