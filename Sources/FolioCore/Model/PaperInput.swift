import Foundation

/// One paper as an importer read it, before it meets the library.
/// Optional fields are nil when the source does not carry them; the store merges them
/// into what it already knows without erasing fields another source filled.
public struct PaperInput: Sendable, Equatable {
    /// arXiv id without version (`2306.02556`, `astro-ph/0601001`), or nil when unknown.
    public var arxivID: String?
    /// Latest version seen, such as `v2`.
    public var version: String?
    public var title: String
    public var abstract: String
    public var authors: [String]
    /// Where the authors work, each once, in the order the source names them; kept out of `authors`
    /// so that `author:` and BibTeX keys see names only.
    public var affiliations: [String]
    /// The first version's date: `YYYY-MM-DD`, or `YYYY-MM` / `YYYY` when only that much is known.
    public var published: String?
    /// `YYYY-MM-DD`
    public var updated: String?
    public var categories: [String]
    public var primaryCategory: String?
    /// Every version with its date, as the source lists them (`v1 2007-04-02`).
    public var versions: [String]
    public var absURL: String?
    public var pdfURL: String?
    public var comments: String?
    public var journalRef: String?
    public var doi: String?
    public var upvotes: Int?
    /// Comments on the paper's Hugging Face page.
    public var commentCount: Int?
    /// Stars of its code repository on GitHub.
    public var githubStars: Int?
    public var githubRepo: String?
    public var aiKeywords: [String]
    /// arXiv RSS announce type: new, cross, replace, replace-cross.
    public var announceType: String?
    /// `YYYY-MM-DD` the paper was last announced in a feed (arXiv RSS): not when it was published.
    public var announced: String?

    public init(
        arxivID: String? = nil, version: String? = nil, title: String, abstract: String = "",
        authors: [String] = [], affiliations: [String] = [], published: String? = nil, updated: String? = nil,
        categories: [String] = [], primaryCategory: String? = nil, versions: [String] = [],
        absURL: String? = nil, pdfURL: String? = nil, comments: String? = nil,
        journalRef: String? = nil, doi: String? = nil, upvotes: Int? = nil,
        githubRepo: String? = nil, aiKeywords: [String] = [], announceType: String? = nil,
        announced: String? = nil, commentCount: Int? = nil, githubStars: Int? = nil
    ) {
        self.arxivID = arxivID
        self.version = version
        self.title = title
        self.abstract = abstract
        self.authors = authors
        self.affiliations = affiliations
        self.published = published
        self.updated = updated
        self.categories = categories
        self.primaryCategory = primaryCategory
        self.versions = versions
        self.absURL = absURL
        self.pdfURL = pdfURL
        self.comments = comments
        self.journalRef = journalRef
        self.doi = doi
        self.upvotes = upvotes
        self.commentCount = commentCount
        self.githubStars = githubStars
        self.githubRepo = githubRepo
        self.aiKeywords = aiKeywords
        self.announceType = announceType
        self.announced = announced
    }
}

extension PaperInput {
    /// The authors as the reader, `show` and exports write them: TeX rendered, comma separated.
    public var shownAuthors: String { authors.map(TeXDisplay.render).joined(separator: ", ") }

    /// The affiliations as they are written out: TeX rendered, apart by semicolons (they hold commas).
    public var shownAffiliations: String { affiliations.map(TeXDisplay.render).joined(separator: "; ") }
}
