/// The syntax tree of Folio's query language: one parser makes it; the reader, `folio list`,
/// `folio export` and topics all consume it.
public indirect enum Query: Sendable, Equatable {
    /// Words side by side: all must match.
    case and([Query])
    case or([Query])
    case not(Query)
    /// Text: a run of words that must appear in this order, next to each other, in one of the fields.
    /// One word is a phrase of one. `prefix` makes the last word match any word it begins.
    case text(TextTerm)
    /// Scopes that are not text: `tag:`, `topic:`, `cat:`, `id:`, `is:`, `year:`, `after:`, `before:`.
    case filter(Filter)
}

public struct TextTerm: Sendable, Equatable {
    /// Lowercased, accents removed: `["text", "to", "image"]` for `"text-to-image"`.
    public var words: [String]
    public var prefix: Bool
    /// nil: title, abstract or author.
    public var field: TextField?

    public init(words: [String], prefix: Bool = false, field: TextField? = nil) {
        self.words = words
        self.prefix = prefix
        self.field = field
    }
}

public enum TextField: String, Sendable, Equatable, CaseIterable {
    case title, abstract, author
}

public enum Filter: Sendable, Equatable {
    case tag(String)
    case topic(String)
    /// arXiv category, case-insensitive exact match (`cs.LG`); `cs.*` matches the archive.
    case category(String)
    /// Folio id or arXiv id (version stripped).
    case id(String)
    case starred
    case unread
    case read
    case year(Int)
    /// Published on or after this `YYYY-MM-DD`.
    case after(String)
    /// Published before this `YYYY-MM-DD`.
    case before(String)
}

/// A query that cannot be parsed: what was expected, and the 1-based column where.
public struct QueryError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public var column: Int

    public init(_ message: String, column: Int) {
        self.message = message
        self.column = column
    }

    public var description: String { "\(message) at column \(column)" }
}
