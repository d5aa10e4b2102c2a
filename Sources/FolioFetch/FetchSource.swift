import FolioCore
import Foundation

/// A place papers are fetched from, as `[sources.NAME]` in config.toml describes it.
public struct FetchSource: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// Hugging Face daily papers for `date`, or for every day since the last success.
        case hfDaily(date: String?)
        /// An arXiv API search, newest first, in pages.
        case arxivQuery(searchQuery: String, maxResults: Int, pageSize: Int)
        /// An arXiv RSS listing such as `cs.LG+cs.CL`.
        case arxivRSS(categories: String)
        /// Any address whose content an importer recognizes.
        case url(String, format: ImportFormat?)

        public var name: String {
            switch self {
            case .hfDaily: return "hf-daily"
            case .arxivQuery: return "arxiv-query"
            case .arxivRSS: return "arxiv-rss"
            case .url: return "url"
            }
        }

        public static let names = ["hf-daily", "arxiv-query", "arxiv-rss", "url"]

        /// The real service, when `base_url` is not given.
        public var defaultBaseURL: String {
            switch self {
            case .hfDaily: return "https://huggingface.co"
            case .arxivQuery: return "https://export.arxiv.org"
            case .arxivRSS: return "https://rss.arxiv.org"
            case .url: return ""
            }
        }
    }

    public var name: String
    public var kind: Kind
    public var baseURL: String
    public var policy: HTTPPolicy

    public init(name: String, kind: Kind, baseURL: String? = nil, policy: HTTPPolicy = HTTPPolicy()) {
        self.name = name
        self.kind = kind
        self.baseURL = (baseURL ?? kind.defaultBaseURL).trimmingSuffix("/")
        self.policy = policy
        // arXiv asks for at least 3 seconds between requests; Folio never goes faster.
        if case .arxivQuery = kind { self.policy.spacing = max(self.policy.spacing, 3) }
    }

    /// The sources a first run starts with, and the text written to config.toml for them.
    public static let defaults = [
        FetchSource(name: "hf", kind: .hfDaily(date: nil)),
        FetchSource(name: "arxiv", kind: .arxivRSS(categories: "cs.LG+cs.CL+cs.CV+cs.AI")),
    ]

    public static let defaultsTOML = """
        # Sources for `folio fetch` and R in the reader. Kinds: hf-daily, arxiv-query, arxiv-rss, url.
        # Each may set base_url, timeout (seconds), retries and max_bytes.
        [sources.hf]
        kind = "hf-daily"                # Hugging Face daily papers, every day since the last fetch

        [sources.arxiv]
        kind = "arxiv-rss"
        categories = "cs.LG+cs.CL+cs.CV+cs.AI"

        # [sources.retrieval]
        # kind = "arxiv-query"
        # search_query = "cat:cs.IR AND abs:retrieval"
        # max_results = 200

        """

    /// The format of this source's answers, when known before reading them.
    var format: ImportFormat? {
        switch kind {
        case .hfDaily: return .hfJSON
        case .arxivQuery: return .arxivAtom
        case .arxivRSS: return .arxivRSS
        case .url(_, let format): return format
        }
    }

    /// What a `Content-Type` must mention, so an error page is not read as papers.
    var expectedContentType: (word: String, label: String)? {
        switch kind {
        case .hfDaily: return ("json", "JSON")
        case .arxivQuery, .arxivRSS: return ("xml", "XML")
        case .url: return nil
        }
    }

    func dailyPapersURL(day: String) -> URL? { URL(string: "\(baseURL)/api/daily_papers?date=\(day)") }

    func rssURL(categories: String) -> URL? { URL(string: "\(baseURL)/rss/\(categories)") }

    func queryURL(_ searchQuery: String, start: Int, count: Int) -> URL? {
        var components = URLComponents(string: "\(baseURL)/api/query")
        components?.queryItems = [
            URLQueryItem(name: "search_query", value: searchQuery), URLQueryItem(name: "start", value: "\(start)"),
            URLQueryItem(name: "max_results", value: "\(count)"), URLQueryItem(name: "sortBy", value: "submittedDate"),
            URLQueryItem(name: "sortOrder", value: "descending"),
        ]
        // `+` means a space to arXiv, as in its own examples; a literal plus is never wanted here.
        let query = components?.percentEncodedQuery?.replacingOccurrences(of: "+", with: "%2B")
        components?.percentEncodedQuery = query
        return components?.url
    }
}

extension String {
    func trimmingSuffix(_ suffix: String) -> String {
        var text = self
        while !suffix.isEmpty, text.hasSuffix(suffix) { text.removeLast(suffix.count) }
        return text
    }
}
