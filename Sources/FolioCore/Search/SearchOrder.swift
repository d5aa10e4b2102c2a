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

    /// `YYYYMMDD` for `YYYY-MM-DD`, with `00` for what a partial date (`YYYY-MM`, `YYYY`) leaves out, so it
    /// sorts as its text does: after the known days of its month; nil for a date of any other shape.
    static func key(_ published: String?) -> Int32? {
        guard let published else { return noDate }
        let bytes = Array(published.utf8)
        guard bytes.count == 4 || (bytes.count == 7 && bytes[4] == UInt8(ascii: "-"))
                || (bytes.count == 10 && bytes[4] == UInt8(ascii: "-") && bytes[7] == UInt8(ascii: "-")) else { return nil }
        var value: Int32 = 0
        for (i, byte) in bytes.enumerated() where i != 4 && i != 7 {
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
            value = value * 10 + Int32(byte - UInt8(ascii: "0"))
        }
        return bytes.count == 4 ? value * 10000 : bytes.count == 7 ? value * 100 : value
    }

    /// Read straight from SQLite's row into the arrays: at a million papers each column is 4 MB, and
    /// the copies through `Data` were a tenth of an import's peak memory.
    static func load(_ db: Database, from table: Table = .base) throws -> SearchOrder? {
        try RawStatement(db, table.select).withFirstRow([]) { row in
            SearchOrder(nums: PostingList.decodeInts(row.blob(0), as: UInt32.self),
                        keys: PostingList.decodeInts(row.blob(1), as: Int32.self), ranked: row.integer(2) != 0)
        }
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
    func merging(_ changes: OrderChanges) -> SearchOrder? {
        guard !ranked, !changes.irregular else { return nil }
        let incoming = changes.lastOfEach().sorted { $0.key != $1.key ? $0.key > $1.key : $0.num < $1.num }
        return merging(SearchOrder(nums: incoming.map(\.num), keys: incoming.map(\.key), ranked: false))
    }

    /// This order without the papers of `other`, with `other` (in order itself) merged in. Every reader
    /// does this when it opens (the recent part into the base): one pass through raw buffers
    /// (DECISIONS.md, "Opening the index").
    func merging(_ other: SearchOrder) -> SearchOrder {
        var isOther = DocSet(capacity: Int(Swift.max(nums.max() ?? 0, other.nums.max() ?? 0)) + 1)
        for num in other.nums { isOther.insert(num) }
        let total = nums.count + other.nums.count
        var mergedNums = [UInt32](repeating: 0, count: total), mergedKeys = [Int32](repeating: 0, count: total)
        var count = 0
        isOther.words.withUnsafeBufferPointer { isOther in
            nums.withUnsafeBufferPointer { nums in keys.withUnsafeBufferPointer { keys in
                other.nums.withUnsafeBufferPointer { otherNums in other.keys.withUnsafeBufferPointer { otherKeys in
                    mergedNums.withUnsafeMutableBufferPointer { outNums in mergedKeys.withUnsafeMutableBufferPointer { outKeys in
                        var next = 0
                        func take(_ num: UInt32, _ key: Int32) {
                            outNums[count] = num
                            outKeys[count] = key
                            count += 1
                        }
                        for i in 0..<nums.count {
                            let num = nums[i], key = keys[i]
                            if isOther[Int(num >> 6)] & (1 << UInt64(num & 63)) != 0 { continue }
                            while next < otherNums.count, otherKeys[next] > key || (otherKeys[next] == key && otherNums[next] < num) {
                                take(otherNums[next], otherKeys[next])
                                next += 1
                            }
                            take(num, key)
                        }
                        for j in next..<otherNums.count { take(otherNums[j], otherKeys[j]) }
                    } }
                } }
            } }
        }
        mergedNums.removeLast(total - count)
        mergedKeys.removeLast(total - count)
        return SearchOrder(nums: mergedNums, keys: mergedKeys, ranked: false)
    }

    // MARK: Stored as a base and recent changes

    /// Where an order is stored: the base (with the generation and `ranked`), or the recent changes.
    enum Table {
        case base, recent

        var select: String {
            switch self {
            case .base: "SELECT nums, keys, ranked FROM search_order WHERE id = 1"
            case .recent: "SELECT nums, keys, 0 FROM search_order_recent WHERE id = 1"
            }
        }

        /// Saving the base starts a new generation; the recent part's caller does that itself.
        var save: String {
            switch self {
            case .base: """
                INSERT INTO search_order (id, generation, nums, keys, ranked) VALUES (1, 1, ?, ?, ?)
                ON CONFLICT(id) DO UPDATE SET generation = generation + 1, nums = excluded.nums, keys = excluded.keys, ranked = excluded.ranked
                """
            case .recent: "INSERT OR REPLACE INTO search_order_recent (id, nums, keys) VALUES (1, ?, ?)"
            }
        }
    }

    /// The whole order: the stored base with the recent changes merged in.
    static func loadCombined(_ db: Database) throws -> SearchOrder? {
        guard let base = try load(db) else { return nil }
        guard let recent = try loadRecent(db), !recent.nums.isEmpty else { return base }
        return base.merging(recent)
    }

    /// An import's papers (new, or with a new date) into the stored order. Rewriting the whole order at
    /// every import was 8 MB at a million papers; the changes go to `search_order_recent` instead (papers
    /// there override their place in the base) until they are an eighth of the base, then into the base.
    static func apply(_ changes: OrderChanges, _ db: Database) throws {
        guard let base = try Row.fetchOne(db, sql: "SELECT length(nums) / 4 AS count, ranked FROM search_order WHERE id = 1"),
              !(base["ranked"] as Bool) else {
            return try resort(db)
        }
        let recent = try loadRecent(db) ?? SearchOrder(nums: [], keys: [], ranked: false)
        guard let merged = recent.merging(changes) else { return try resort(db) }
        if merged.nums.count > Swift.max((base["count"] as Int) / 8, 4096) {
            guard let stored = try load(db) else { return try resort(db) }
            try stored.merging(merged).save(db)
            try clearRecent(db)
        } else {
            try merged.save(db, to: .recent)
            try db.execute(sql: "UPDATE search_order SET generation = generation + 1 WHERE id = 1")
        }
    }

    /// Papers deleted from the library out of the base and the recent part (a new generation).
    static func remove(_ nums: Set<UInt32>, _ db: Database) throws {
        guard let base = try load(db) else { return }
        try base.without(nums).save(db)
        if let recent = try loadRecent(db) { try recent.without(nums).save(db, to: .recent) }
    }

    func without(_ removed: Set<UInt32>) -> SearchOrder {
        let kept = nums.indices.filter { !removed.contains(nums[$0]) }
        return SearchOrder(nums: kept.map { nums[$0] }, keys: kept.map { keys[$0] }, ranked: ranked)
    }

    /// The whole order sorted again by SQLite (a new index, or irregular dates).
    static func resort(_ db: Database) throws {
        try sorted(db).save(db)
        try clearRecent(db)
    }

    static func loadRecent(_ db: Database) throws -> SearchOrder? {
        try load(db, from: .recent)
    }

    /// A library indexed before `v4-title-hash` has no table for recent changes until it migrates.
    static func clearRecent(_ db: Database) throws {
        if try db.tableExists("search_order_recent") { try db.execute(sql: "DELETE FROM search_order_recent") }
    }

    func save(_ db: Database, to table: Table = .base) throws {
        let statement = try RawStatement(db, table.save)
        let rest: [RawValue] = table == .base ? [.int(ranked ? 1 : 0)] : []
        #if _endian(little)
        // The arrays' own bytes are the stored little-endian form: bound in place.
        try nums.withUnsafeBytes { nums in
            try keys.withUnsafeBytes { keys in try statement.run(blobs: [nums, keys], rest) }
        }
        #else
        try statement.run([.blob(Array(PostingList.encodeInts(nums))), .blob(Array(PostingList.encodeInts(keys)))] + rest)
        #endif
    }
}

/// Papers whose place in the date order an import changed, as it changed them: eight bytes a paper.
/// (A dictionary of their dates took ~60, and grew a million-paper import by 50 MB.)
struct OrderChanges {
    private var nums: [UInt32] = []
    private var keys: [Int32] = []
    /// Some date is not `YYYY-MM-DD`: the whole order is sorted again by SQLite.
    private(set) var irregular = false

    var isEmpty: Bool { nums.isEmpty && !irregular }

    mutating func add(num: UInt32, published: String?) {
        guard let key = SearchOrder.key(published) else {
            irregular = true
            return
        }
        nums.append(num)
        keys.append(key)
    }

    /// Each paper once, with its last change.
    func lastOfEach() -> [(num: UInt32, key: Int32)] {
        var seen = DocSet(capacity: Int(nums.max() ?? 0) + 1)
        var out: [(num: UInt32, key: Int32)] = []
        out.reserveCapacity(nums.count)
        for i in nums.indices.reversed() where !seen.contains(Int64(nums[i])) {
            seen.insert(nums[i])
            out.append((nums[i], keys[i]))
        }
        return out
    }
}
