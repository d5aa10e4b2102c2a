/// Values about the library that the reader and the command line show, kept apart from the store that
/// computes them (the reader's state and its fuzz target build without the store).

/// A saved query: a named, live tag.
public struct Topic: Sendable, Equatable {
    public var name: String
    public var query: String
    public var createdAt: String
    public init(name: String, query: String, createdAt: String) {
        self.name = name
        self.query = query
        self.createdAt = createdAt
    }
}

public struct TagCount: Sendable, Equatable {
    public var name: String
    public var count: Int

    public init(name: String, count: Int) {
        self.name = name
        self.count = count
    }
}

/// What an import did to the library.
public struct ImportCounts: Sendable, Equatable {
    public var new = 0
    public var updated = 0
    public var unchanged = 0
    /// Papers whose text was UTF-8 read as Windows-1252 and was put right (`Mojibake`).
    public var repaired = 0
    public init(new: Int = 0, updated: Int = 0, unchanged: Int = 0, repaired: Int = 0) {
        self.new = new
        self.updated = updated
        self.unchanged = unchanged
        self.repaired = repaired
    }
    public var total: Int { new + updated + unchanged }

    /// `3 new, 1 updated, 0 unchanged`, and `, 2 repaired (mojibake)` when any text was put right.
    public var summary: String {
        "\(new) new, \(updated) updated, \(unchanged) unchanged" + (repaired > 0 ? ", \(repaired) repaired (mojibake)" : "")
    }
}
