/// The library's topics, parsed once, for telling which topics a paper carries.
/// A topic is a live tag: it is computed from its query whenever papers are read, so papers
/// imported later carry it at once without any stored marks to keep up to date.
public struct TopicSet: Sendable {
    public struct Entry: Sendable {
        public var topic: Topic
        /// nil when the saved query no longer parses; such a topic matches nothing.
        public var query: Query?
    }

    public var entries: [Entry]
    /// Whether some topic's query uses `topic:`; only then can one pass change the next.
    let chained: Bool

    public init(_ topics: [Topic]) {
        entries = topics.map { Entry(topic: $0, query: try? QueryParser.parse($0.query)) }
        chained = entries.contains { $0.query?.usesTopics ?? false }
    }

    public var isEmpty: Bool { entries.isEmpty }

    /// Names of the topics `paper` matches, sorted. Topics may use `topic:` themselves, so this
    /// repeats until nothing changes (a cycle stops after one round per topic).
    public func topics(for paper: Paper, words: PaperWords? = nil) -> [String] {
        guard !entries.isEmpty else { return [] }
        var facts = PaperFacts(paper, topics: [])
        let words = words ?? PaperWords(facts)
        var matched: [String] = []
        for _ in 0..<entries.count {
            let next = entries.filter { $0.query?.matches(facts, words: words) ?? false }.map(\.topic.name).sorted()
            if next == matched { break }
            matched = next
            if !chained { break }
            facts.topics = matched
        }
        return matched
    }
}

extension Query {
    /// Names used in `topic:` anywhere in the query.
    public var referencedTopics: [String] {
        switch self {
        case .and(let items), .or(let items): return items.flatMap(\.referencedTopics)
        case .not(let inner): return inner.referencedTopics
        case .filter(.topic(let name)): return [name]
        case .text, .filter: return []
        }
    }

    var usesTopics: Bool { !referencedTopics.isEmpty }

    /// Asks about stars, read marks, tags, topics, notes or downloaded PDFs, which change without the index changing.
    var dependsOnUserState: Bool {
        switch self {
        case .and(let parts), .or(let parts): parts.contains { $0.dependsOnUserState }
        case .not(let inner): inner.dependsOnUserState
        case .text: false
        case .filter(.tag), .filter(.topic), .filter(.starred), .filter(.read), .filter(.unread),
             .filter(.note), .filter(.has(.note)), .filter(.has(.pdf)): true
        case .filter: false
        }
    }
}
