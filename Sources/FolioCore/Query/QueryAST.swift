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
    /// Scopes that are not text: `tag:`, `topic:`, `cat:`, `id:`, `is:`, `year:`, `after:`, `before:`, `arrived:`,
    /// `upvotes>N` and the other counts, `has:`, `kw:`, `note:`.
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
    /// First imported at or after this moment (`Timestamp` text): `is:today`, `is:new`, `arrived:`.
    case arrivedSince(String)
    /// `upvotes>50`: a count the source gives; a paper without it matches no comparison.
    case count(CountField, Comparison, Int)
    case has(PaperFeature)
    /// `kw:diffusion`: one of the source's keywords holds these words in a row (normalized).
    case keyword([String])
    /// `note:idea`: the user's note holds these words in a row (normalized).
    case note([String])
}

/// Counts the community gives a paper, where its source says them (the Hugging Face daily papers).
public enum CountField: String, Sendable, CaseIterable {
    case upvotes, comments, stars
}

public enum Comparison: String, Sendable, CaseIterable {
    // Two-character operators first: the lexer takes the longest that fits.
    case atLeast = ">=", atMost = "<=", more = ">", less = "<", equal = "="

    func holds(_ value: Int, _ bound: Int) -> Bool {
        switch self {
        case .atLeast: value >= bound
        case .atMost: value <= bound
        case .more: value > bound
        case .less: value < bound
        case .equal: value == bound
        }
    }
}

/// What `has:` asks: a code repository, a DOI, an abstract, the user's note, a PDF downloaded into the PDF folder.
public enum PaperFeature: String, Sendable, CaseIterable {
    case code, doi, abstract, note, pdf
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
