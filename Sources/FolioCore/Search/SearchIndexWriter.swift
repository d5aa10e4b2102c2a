import Foundation
import GRDB

/// What one import transaction adds to the index: segments of the papers whose text it wrote, and the
/// papers whose place in the date order it changed. Written with the papers, so both commit or roll back.
final class SearchIndexWriter {
    /// A segment is written every this many papers, so a streamed snapshot never holds it all in memory.
    static let papersPerSegment = 50_000

    private var segment = SearchSegmentBuilder()
    private var orderChanges: [UInt32: String?] = [:]
    private var wroteSegment = false

    /// A paper inserted (`replacing` false) or whose text changed (`replacing` true).
    func indexed(num: Int64, fields: SearchFields, replacing: Bool, db: Database) throws {
        let num = UInt32(num)
        // The same paper twice in one import: its earlier postings must go, so they go to an earlier segment.
        if segment.docs.contains(num) || segment.docs.count >= SearchIndexWriter.papersPerSegment { try flush(db) }
        segment.add(num: num, fields: fields, replacing: replacing)
    }

    /// A paper inserted, or whose published date changed.
    func dated(num: Int64, published: String?) {
        orderChanges[UInt32(num)] = published
    }

    private func flush(_ db: Database) throws {
        guard !segment.isEmpty else { return }
        try SearchIndexWriter.write(segment, db)
        segment = SearchSegmentBuilder()
        wroteSegment = true
    }

    static func write(_ segment: SearchSegmentBuilder, _ db: Database) throws {
        try db.execute(sql: "INSERT INTO search_segment (replaced) VALUES (?)",
                       arguments: [PostingList.encodeInts(segment.replaced.sorted())])
        let id = db.lastInsertedRowID
        let statement = try db.cachedStatement(sql: "INSERT INTO search_postings (segment, key, docs) VALUES (?, ?, ?)")
        for (key, docs) in segment.finished().sorted(by: { $0.key < $1.key }) {
            try statement.execute(arguments: [id, key, Data(docs)])
        }
    }

    /// At the end of the import transaction.
    func finish(_ db: Database) throws {
        try flush(db)
        if !orderChanges.isEmpty {
            let stored = try SearchOrder.load(db)
            let order = try stored?.merging(orderChanges) ?? SearchOrder.sorted(db)
            try order.save(db)
        } else if wroteSegment {
            try db.execute(sql: "UPDATE search_order SET generation = generation + 1 WHERE id = 1")
        }
    }

    /// The whole index again from the `paper` table: for a library made before the index, and `folio index rebuild`.
    static func rebuild(_ db: Database) throws {
        try db.execute(sql: "DELETE FROM search_postings; DELETE FROM search_segment; DELETE FROM search_order")
        var segment = SearchSegmentBuilder()
        let rows = try Row.fetchCursor(db, sql: "SELECT num, title, abstract, authors, categories FROM paper ORDER BY num")
        while let row = try rows.next() {
            let fields = SearchFields(title: row["title"], abstract: row["abstract"],
                                      authors: StringList.decode(row["authors"]), categories: StringList.decode(row["categories"]))
            segment.add(num: UInt32(row["num"] as Int64), fields: fields, replacing: false)
            if segment.docs.count >= papersPerSegment {
                try write(segment, db)
                segment = SearchSegmentBuilder()
            }
        }
        if !segment.isEmpty { try write(segment, db) }
        try SearchOrder.sorted(db).save(db)
    }
}

extension Store {
    /// Builds the search index again from the papers (`folio index rebuild`), in one transaction.
    /// Imports keep it up to date and a library made before it gets it when first opened, so this is
    /// for repairs and for changes to how words are split.
    public func rebuildSearchIndex() throws {
        try pool.write { db in try SearchIndexWriter.rebuild(db) }
    }
}
