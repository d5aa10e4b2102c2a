import Foundation
import GRDB

/// What one import transaction adds to the index: segments of the papers whose text it wrote, and the
/// papers whose place in the date order it changed. Written with the papers, so both commit or roll back.
final class SearchIndexWriter {
    /// A segment is written every this many papers, so a streamed snapshot never holds it all in memory.
    static let papersPerSegment = 50_000

    private let pipeline = SegmentPipeline(papersPerSegment: papersPerSegment)
    private var orderChanges = OrderChanges()
    private var parts: SegmentPartWriter?
    /// Papers taken out of the library (an import undone).
    private var removedNums: [UInt32] = []

    /// A paper inserted (`replacing` false) or whose text changed (`replacing` true).
    func indexed(num: Int64, fields: SearchFields, replacing: Bool, db: Database) throws {
        pipeline.add(num: UInt32(num), fields: fields, replacing: replacing)
        for part in pipeline.takeParts() { try write(part, db) }
    }

    /// A paper inserted, or whose published date changed.
    func dated(num: Int64, published: String?) {
        orderChanges.add(num: UInt32(num), published: published)
    }

    /// Papers deleted from the library: written first at `finish`, as a segment with no postings that
    /// replaces them, so folding the segments drops them; and out of the date order.
    func removed(nums: [Int64]) {
        removedNums += nums.map { UInt32($0) }
    }

    /// Deletes the papers whose nums the query `nums` selects, and takes them out of the index.
    func deletePapers(_ db: Database, nums: String, arguments: StatementArguments = []) throws {
        let found = try Int64.fetchAll(db, sql: nums, arguments: arguments)
        try db.execute(sql: "DELETE FROM paper WHERE num IN (SELECT value FROM json_each(?))", arguments: [Store.jsonList(found)])
        removed(nums: found)
    }

    /// The papers `condition` selects, indexed again from their rows (their text or date was rewritten).
    func reindexPapers(_ db: Database, where condition: String, arguments: StatementArguments = []) throws {
        let rows = try Row.fetchCursor(db, sql: "SELECT num, title, abstract, authors, categories, published FROM paper WHERE \(condition)",
                                       arguments: arguments)
        while let row = try rows.next() {
            let num: Int64 = row["num"]
            try indexed(num: num, fields: SearchFields(row: row), replacing: true, db: db)
            dated(num: num, published: row["published"])
        }
    }

    private func write(_ part: SegmentPart, _ db: Database) throws {
        if parts == nil { parts = try SegmentPartWriter(db) }
        try parts?.write(part)
    }

    /// At the end of the import transaction.
    func finish(_ db: Database) throws {
        if !removedNums.isEmpty {
            try write(SegmentPart(replaced: removedNums.sorted(), papers: 0, postings: PackedPostings(), isLast: true), db)
            try SearchOrder.remove(Set(removedNums), db)
        }
        // The date order first, while the builder encodes the last segment on its thread.
        pipeline.endSegment()
        if !orderChanges.isEmpty { try SearchOrder.apply(orderChanges, db) }
        try pipeline.finish { try write($0, db) }
        if orderChanges.isEmpty && parts != nil && removedNums.isEmpty {
            try db.execute(sql: "UPDATE search_order SET generation = generation + 1 WHERE id = 1")
        }
    }

    /// The whole index again from the `paper` table: for a library made before the index, and `folio index rebuild`.
    static func rebuild(_ db: Database) throws {
        try db.execute(sql: "DELETE FROM search_postings; DELETE FROM search_segment; DELETE FROM search_order")
        let pipeline = SegmentPipeline(papersPerSegment: papersPerSegment)
        let parts = try SegmentPartWriter(db)
        let rows = try Row.fetchCursor(db, sql: "SELECT num, title, abstract, authors, categories FROM paper ORDER BY num")
        while let row = try rows.next() {
            pipeline.add(num: UInt32(row["num"] as Int64), fields: SearchFields(row: row), replacing: false)
            for part in pipeline.takeParts() { try parts.write(part) }
        }
        try pipeline.finish { try parts.write($0) }
        try SearchOrder.resort(db)
    }
}

/// Writes segments part by part: a part that starts a segment makes its `search_segment` row, and the
/// postings that follow belong to it.
final class SegmentPartWriter {
    private let db: Database
    private let insertSegment: RawStatement
    private let insertPosting: RawStatement
    private let hasPapers: Bool
    /// The segment being written.
    private(set) var segment: Int64?
    /// Small lists packed so far, and the key of the first (the block row's key).
    private var block: [UInt8] = []
    private var blockKey: [UInt8] = []

    init(_ db: Database) throws {
        self.db = db
        hasPapers = try SegmentColumns.hasPapers(db)
        insertSegment = try RawStatement(db, hasPapers ? "INSERT INTO search_segment (replaced, papers) VALUES (?, ?)"
                                                       : "INSERT INTO search_segment (replaced) VALUES (?)")
        insertPosting = try RawStatement(db, "INSERT INTO search_postings (segment, key, docs) VALUES (?, ?, ?)")
    }

    func write(_ part: SegmentPart) throws {
        if let replaced = part.replaced {
            let blob = RawValue.blob(Array(PostingList.encodeInts(replaced)))
            try insertSegment.run(hasPapers ? [blob, RawValue(part.papers)] : [blob])
            segment = db.lastInsertedRowID
        }
        guard let segment else { preconditionFailure("postings before their segment") }
        try part.postings.forEach { key, docs in
            guard docs.count <= PostingRows.packedListLimit else {
                try writeBlock(segment)
                return try insertPosting.run(segment, text: key, blob: docs)
            }
            if block.isEmpty { blockKey = Array(key) }
            PostingRows.append(key: key, docs: docs, to: &block)
            if block.count >= PostingRows.blockLimit { try writeBlock(segment) }
        }
        if part.isLast { try writeBlock(segment) }
    }

    private func writeBlock(_ segment: Int64) throws {
        guard !block.isEmpty else { return }
        try blockKey.withUnsafeBytes { key in
            try block.withUnsafeBytes { docs in try insertPosting.run(segment, text: key, blob: docs) }
        }
        block.removeAll(keepingCapacity: true)
    }
}

extension Store {
    /// Builds the search index again from the papers (`folio index rebuild`), in one transaction.
    /// Imports keep it up to date and a library made before it gets it when first opened, so this is
    /// for repairs and for changes to how words are split.
    public func rebuildSearchIndex() throws {
        try pool.write { db in try SearchIndexWriter.rebuild(db) }
        try mergeSearchSegments()
    }

    /// How many segments the index has: each costs every query word a seek.
    public func searchSegmentCount() throws -> Int {
        try pool.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM search_segment") ?? 0 }
    }
}
