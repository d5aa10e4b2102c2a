import Foundation
import GRDB

/// How a segment's lists lie in `search_postings`: a key's list in a row of its own, or, for the many
/// words in a handful of papers, packed with the keys after it in a block row whose key is its first
/// key. A segment of 20,000 papers had 100,000 rows, most holding one or two papers, and inserting them
/// was the slowest part of ending a segment.
///
/// A block's bytes: the tag 2, then per key, in byte order: the key's length (LEB128), its UTF-8 bytes,
/// the list's length (LEB128) and the list (`PostingList`). No row's key falls between a block's first
/// key and its last, so the row holding a key is always the last row whose key is not after it.
enum PostingRows {
    static let blockTag: UInt8 = 2
    /// Lists of at most this many bytes are packed (up to 255 papers as a sorted list); dense lists are
    /// bitmaps of a few KB and stay in rows of their own.
    static let packedListLimit = 1024
    /// A block is closed once it holds this many bytes, so that it stays within its B-tree page (SQLite
    /// keeps up to about 4 KB of a row in a 16 KiB page) and a lookup scans little of it.
    static let blockLimit = 2800

    /// Appends one key and its list to a block being filled (its tag first when it is empty).
    static func append(key: UnsafeRawBufferPointer, docs: UnsafeRawBufferPointer, to block: inout [UInt8]) {
        if block.isEmpty { block.append(blockTag) }
        appendLength(key.count, to: &block)
        block.append(contentsOf: key)
        appendLength(docs.count, to: &block)
        block.append(contentsOf: docs)
    }

    private static func appendLength(_ length: Int, to bytes: inout [UInt8]) {
        var rest = length
        while rest >= 0x80 {
            bytes.append(UInt8(rest & 0x7F) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(rest))
    }

    /// Each key and list of a row (one of its own, or a block's), in order, until `body` says stop.
    static func forEachEntry(key rowKey: UnsafeRawBufferPointer, docs: UnsafeRawBufferPointer,
                             _ body: (_ key: UnsafeRawBufferPointer, _ docs: UnsafeRawBufferPointer) throws -> Bool) rethrows {
        guard docs.first == blockTag else {
            _ = try body(rowKey, docs)
            return
        }
        var at = 1
        while at < docs.count {
            guard let keyLength = readLength(docs, &at), at + keyLength <= docs.count else { return }
            let key = UnsafeRawBufferPointer(rebasing: docs[at..<at + keyLength])
            at += keyLength
            guard let listLength = readLength(docs, &at), at + listLength <= docs.count else { return }
            let list = UnsafeRawBufferPointer(rebasing: docs[at..<at + listLength])
            at += listLength
            if try !body(key, list) { return }
        }
    }

    static func readLength(_ bytes: UnsafeRawBufferPointer, _ at: inout Int) -> Int? {
        var value = 0, shift = 0
        while at < bytes.count, shift <= 28 {
            let byte = bytes[at]
            at += 1
            value |= Int(byte & 0x7F) << shift
            if byte < 0x80 { return value }
            shift += 7
        }
        return nil
    }

    /// Byte order of two keys, as SQLite's BINARY collation compares them.
    static func compare(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Int {
        let shared = min(a.count, b.count)
        if shared > 0 {
            let order = memcmp(a.baseAddress!, b.baseAddress!, shared)
            if order != 0 { return Int(order) }
        }
        return a.count - b.count
    }
}

/// Reads a segment's lists whether they are in rows of their own or in blocks. Lives inside one
/// `pool.read` or `pool.write` block.
struct PostingReader {
    private let atOrBefore: RawStatement
    private let before: RawStatement
    private let range: RawStatement

    init(_ db: Database) throws {
        atOrBefore = try RawStatement(db, "SELECT key, docs FROM search_postings WHERE segment = ? AND key <= ? ORDER BY key DESC LIMIT 1")
        before = try RawStatement(db, "SELECT key, docs FROM search_postings WHERE segment = ? AND key < ? ORDER BY key DESC LIMIT 1")
        range = try RawStatement(db, "SELECT key, docs FROM search_postings WHERE segment = ? AND key >= ? AND key < ? ORDER BY key")
    }

    /// ORs the list stored for `key` in `segment`, if any, into `set`.
    func add(segment: Int64, key: String, to set: inout DocSet) throws {
        var wantedKey = key  // a native String's own bytes, not a copy
        _ = try atOrBefore.withFirstRow([.int(segment), .text(key)]) { (row: RawRow) -> Void in
            wantedKey.withUTF8 { (wanted: UnsafeBufferPointer<UInt8>) -> Void in
                let wanted = UnsafeRawBufferPointer(wanted)
                PostingRows.forEachEntry(key: row.blob(0), docs: row.blob(1)) { (entryKey: UnsafeRawBufferPointer, docs: UnsafeRawBufferPointer) -> Bool in
                    let order = PostingRows.compare(entryKey, wanted)
                    if order == 0 { PostingList.add(docs, to: &set) }
                    return order < 0
                }
            }
        }
    }

    /// Each key from `low` (inclusive) to `high` (exclusive) in `segment`, with its list, in order.
    func forEach(segment: Int64, from low: String, below high: String,
                 _ body: (_ key: UnsafeRawBufferPointer, _ docs: UnsafeRawBufferPointer) throws -> Void) throws {
        let lowBytes = Array(low.utf8), highBytes = Array(high.utf8)
        func visit(_ row: RawRow) throws {
            try lowBytes.withUnsafeBytes { (low: UnsafeRawBufferPointer) -> Void in
                try highBytes.withUnsafeBytes { (high: UnsafeRawBufferPointer) -> Void in
                    try PostingRows.forEachEntry(key: row.blob(0), docs: row.blob(1)) { (key: UnsafeRawBufferPointer, docs: UnsafeRawBufferPointer) -> Bool in
                        guard PostingRows.compare(key, high) < 0 else { return false }
                        if PostingRows.compare(key, low) >= 0 { try body(key, docs) }
                        return true
                    }
                }
            }
        }
        // A block that starts before `low` may hold keys from it on.
        _ = try before.withFirstRow([.int(segment), .text(low)]) { row in try visit(row) }
        try range.forEachRow([.int(segment), .text(low), .text(high)]) { row in try visit(row) }
    }
}
