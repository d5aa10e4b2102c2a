import Foundation
import GRDB

/// All paper nums newest first, as `Store.papers` orders them: published DESC with papers without a date
/// last, then num ascending. Stored in `search_order` with a sortable date key per position, so an import
/// merges its papers in without sorting the library.
struct SearchOrder {
    var nums: [UInt32]
    /// Parallel to `nums`: `YYYYMMDD`, or `Int32.min` for no date. When some date is not `YYYY-MM-DD`,
    /// keys are ranks of the distinct published strings instead (`ranked`), and every import re-sorts.
    var keys: [Int32]
    var ranked: Bool

    static let noDate = Int32.min

    /// `YYYYMMDD` for `YYYY-MM-DD`; nil for a date of any other shape.
    static func key(_ published: String?) -> Int32? {
        guard let published else { return noDate }
        let bytes = Array(published.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
        var value: Int32 = 0
        for (i, byte) in bytes.enumerated() where i != 4 && i != 7 {
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
            value = value * 10 + Int32(byte - UInt8(ascii: "0"))
        }
        return value
    }

    static func load(_ db: Database) throws -> SearchOrder? {
        guard let row = try Row.fetchOne(db, sql: "SELECT nums, keys, ranked FROM search_order WHERE id = 1") else { return nil }
        return SearchOrder(nums: PostingList.decodeInts(row["nums"], as: UInt32.self),
                           keys: PostingList.decodeInts(row["keys"], as: Int32.self), ranked: row["ranked"])
    }

    /// Sorted by SQLite from the `paper` table: for a new index, or when dates are irregular.
    static func sorted(_ db: Database) throws -> SearchOrder {
        var order = SearchOrder(nums: [], keys: [], ranked: false)
        var published: [String?] = []
        let rows = try Row.fetchCursor(db, sql: "SELECT num, published FROM paper ORDER BY published IS NULL, published DESC, num")
        while let row = try rows.next() {
            let date: String? = row["published"]
            order.nums.append(UInt32(row["num"] as Int64))
            if let key = key(date) { order.keys.append(key) } else { order.ranked = true }
            published.append(date)
        }
        if order.ranked {
            // Descending ranks keep the order; equal strings share a rank.
            var rank = Int32(published.count)
            order.keys = published.indices.map { i in
                guard published[i] != nil else { return noDate }
                if i > 0, published[i] != published[i - 1] { rank -= 1 }
                return rank
            }
        }
        return order
    }

    /// Takes `changed` papers (new, or with a new date) out and merges them back in at their place.
    /// Nil when a date has no sortable key: the caller re-sorts with SQLite.
    func merging(_ changed: [UInt32: String?]) -> SearchOrder? {
        guard !ranked else { return nil }
        var incoming: [(num: UInt32, key: Int32)] = []
        incoming.reserveCapacity(changed.count)
        for (num, published) in changed {
            guard let key = SearchOrder.key(published) else { return nil }
            incoming.append((num, key))
        }
        incoming.sort { $0.key != $1.key ? $0.key > $1.key : $0.num < $1.num }
        var isChanged = DocSet(capacity: Int(Swift.max(nums.max() ?? 0, changed.keys.max() ?? 0)) + 1)
        for num in changed.keys { isChanged.insert(num) }
        var merged = SearchOrder(nums: [], keys: [], ranked: false)
        merged.nums.reserveCapacity(nums.count + incoming.count)
        merged.keys.reserveCapacity(nums.count + incoming.count)
        var next = 0
        for (num, key) in zip(nums, keys) where !isChanged.contains(Int64(num)) {
            while next < incoming.count, incoming[next].key > key || (incoming[next].key == key && incoming[next].num < num) {
                merged.nums.append(incoming[next].num)
                merged.keys.append(incoming[next].key)
                next += 1
            }
            merged.nums.append(num)
            merged.keys.append(key)
        }
        for item in incoming[next...] {
            merged.nums.append(item.num)
            merged.keys.append(item.key)
        }
        return merged
    }

    func save(_ db: Database) throws {
        try db.execute(sql: """
            INSERT INTO search_order (id, generation, nums, keys, ranked) VALUES (1, 1, ?, ?, ?)
            ON CONFLICT(id) DO UPDATE SET generation = generation + 1, nums = excluded.nums, keys = excluded.keys, ranked = excluded.ranked
            """, arguments: [PostingList.encodeInts(nums), PostingList.encodeInts(keys), ranked])
    }
}
