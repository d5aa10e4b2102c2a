/// What a query can ask about one paper, gathered so a single paper can be tested without the store
/// (topics on a freshly imported paper, tests).
public struct PaperFacts: Sendable, Equatable {
    public var title: String
    public var abstract: String
    public var authors: [String]
    public var categories: [String]
    /// The Folio id.
    public var id: String
    public var arxivID: String?
    /// Ids the paper had before, which `id:` matches too.
    public var aliases: [String]
    public var tags: [String]
    public var topics: [String]
    public var starred: Bool
    public var read: Bool
    /// `YYYY-MM-DD`
    public var published: String?
    /// When the paper was first imported (`Timestamp` text).
    public var arrived: String?
    public var upvotes: Int?
    public var comments: Int?
    public var stars: Int?
    public var githubRepo: String?
    public var doi: String?
    /// The source's keywords.
    public var keywords: [String]
    /// The user's note.
    public var note: String?
    /// Its PDF was downloaded (a row of `pdf_file`).
    public var hasPDF: Bool

    public init(
        title: String, abstract: String = "", authors: [String] = [], categories: [String] = [],
        id: String, arxivID: String? = nil, tags: [String] = [], topics: [String] = [],
        starred: Bool = false, read: Bool = false, published: String? = nil, aliases: [String] = [],
        arrived: String? = nil, upvotes: Int? = nil, comments: Int? = nil, stars: Int? = nil,
        githubRepo: String? = nil, doi: String? = nil, keywords: [String] = [], note: String? = nil, hasPDF: Bool = false
    ) {
        self.note = note
        self.hasPDF = hasPDF
        self.arrived = arrived
        self.upvotes = upvotes
        self.comments = comments
        self.stars = stars
        self.githubRepo = githubRepo
        self.doi = doi
        self.keywords = keywords
        self.aliases = aliases
        self.title = title
        self.abstract = abstract
        self.authors = authors
        self.categories = categories
        self.id = id
        self.arxivID = arxivID
        self.tags = tags
        self.topics = topics
        self.starred = starred
        self.read = read
        self.published = published
    }

    public init(_ paper: Paper, topics: [String] = []) {
        self.init(
            title: paper.title, abstract: paper.metadata.abstract, authors: paper.metadata.authors,
            categories: paper.metadata.categories, id: paper.id, arxivID: paper.arxivID, tags: paper.tags,
            topics: topics, starred: paper.isStarred, read: paper.isRead, published: paper.metadata.published,
            aliases: paper.aliases, arrived: paper.firstImportedAt, upvotes: paper.metadata.upvotes,
            comments: paper.metadata.commentCount, stars: paper.metadata.githubStars, githubRepo: paper.metadata.githubRepo,
            doi: paper.metadata.doi, keywords: paper.metadata.aiKeywords, note: paper.note, hasPDF: paper.pdfFile != nil
        )
    }
}

extension PaperFacts {
    func count(_ field: CountField) -> Int? {
        switch field {
        case .upvotes: upvotes
        case .comments: comments
        case .stars: stars
        }
    }
}

public extension Query {
    /// Whether the paper satisfies the query. `.and([])`, the empty query, matches every paper.
    func matches(_ facts: PaperFacts) -> Bool {
        matches(PaperWords(facts), facts)
    }

    /// The same, with the paper's words split beforehand: callers that test one paper against many
    /// queries (every keystroke, every topic) split it once.
    func matches(_ facts: PaperFacts, words: PaperWords) -> Bool {
        matches(words, facts)
    }
}

/// The searchable fields of one paper, split into normalized words.
public struct PaperWords: Sendable, Equatable {
    let title: [String]
    let abstract: [String]
    /// One list per author, so a run of words never spans two names.
    let authors: [[String]]

    public init(_ facts: PaperFacts) {
        title = TextNormalizer.searchWords(facts.title)
        abstract = TextNormalizer.searchWords(facts.abstract)
        authors = facts.authors.map(TextNormalizer.searchWords)
    }

    func contains(_ term: TextTerm) -> Bool {
        switch term.field {
        case .title: term.occurs(in: title)
        case .abstract: term.occurs(in: abstract)
        case .author: authors.contains { term.occurs(in: $0) }
        case nil: term.occurs(in: title) || term.occurs(in: abstract) || authors.contains { term.occurs(in: $0) }
        }
    }
}

extension Query {
    fileprivate func matches(_ words: PaperWords, _ facts: PaperFacts) -> Bool {
        switch self {
        case .and(let parts): parts.allSatisfy { $0.matches(words, facts) }
        case .or(let parts): parts.contains { $0.matches(words, facts) }
        case .not(let inner): !inner.matches(words, facts)
        case .text(let term): words.contains(term)
        case .filter(let filter): filter.matches(facts)
        }
    }
}

extension TextTerm {
    /// The term's words appear consecutively in `text`; with `prefix`, the last one may begin a longer word.
    func occurs(in text: [String]) -> Bool {
        guard let last = words.last else { return true }
        guard text.count >= words.count else { return false }
        let leading = words.dropLast()
        for start in 0...(text.count - words.count) {
            let candidate = text[start..<(start + words.count)]
            guard candidate.dropLast().elementsEqual(leading), let final = candidate.last else { continue }
            if prefix ? final.hasPrefix(last) : final == last { return true }
        }
        return false
    }
}

extension Filter {
    fileprivate func matches(_ facts: PaperFacts) -> Bool {
        switch self {
        case .tag(let name): facts.tags.contains { Self.sameName($0, name) }
        case .topic(let name): facts.topics.contains { Self.sameName($0, name) }
        case .category(let category): facts.categories.contains { Self.category($0, matches: category) }
        case .id(let id): Self.hasID(facts, Self.canonicalID(id))
        case .starred: facts.starred
        case .unread: !facts.read
        case .read: facts.read
        case .year(let year): facts.published.map { Int($0.prefix(4)) == year } ?? false
        case .after(let date): facts.published.map { $0 >= date } ?? false
        case .before(let date): facts.published.map { $0 < date } ?? false
        case .arrivedSince(let moment): facts.arrived.map { $0 >= moment } ?? false
        case .count(let field, let comparison, let bound): facts.count(field).map { comparison.holds($0, bound) } ?? false
        case .has(.code): !(facts.githubRepo ?? "").isEmpty
        case .has(.doi): !(facts.doi ?? "").isEmpty
        case .has(.abstract): !facts.abstract.isEmpty
        case .has(.pdf): facts.hasPDF
        case .keyword(let words): facts.keywords.contains { TextTerm(words: words).occurs(in: TextNormalizer.searchWords($0)) }
        case .has(.note): facts.note != nil
        case .note(let words): facts.note.map { TextTerm(words: words).occurs(in: TextNormalizer.searchWords($0)) } ?? false
        }
    }

    private static func hasID(_ facts: PaperFacts, _ id: String) -> Bool {
        facts.id == id || facts.arxivID.map(canonicalID) == id || facts.aliases.contains(id)
    }

    private static func sameName(_ a: String, _ b: String) -> Bool {
        TextNormalizer.clean(a).lowercased() == TextNormalizer.clean(b).lowercased()
    }

    /// `cs.LG` matches `cs.lg`; `cs.*` matches every `cs.` category.
    private static func category(_ category: String, matches wanted: String) -> Bool {
        let category = category.lowercased()
        let wanted = wanted.lowercased()
        if wanted.hasSuffix(".*") { return category.hasPrefix(wanted.dropLast()) }
        return category == wanted
    }
}
