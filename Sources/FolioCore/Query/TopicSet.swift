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

    public init(_ topics: [Topic]) {
        entries = topics.map { Entry(topic: $0, query: try? QueryParser.parse($0.query)) }
    }

    public var isEmpty: Bool { entries.isEmpty }

    /// Names of the topics `paper` matches, sorted. Topics may use `topic:` themselves, so this
    /// repeats until nothing changes (a cycle stops after one round per topic).
    public func topics(for paper: Paper) -> [String] {
        guard !entries.isEmpty else { return [] }
        var facts = PaperFacts(paper, topics: [])
        var matched: [String] = []
        for _ in 0..<entries.count {
            let next = entries.filter { $0.query?.matches(facts) ?? false }.map(\.topic.name).sorted()
            if next == matched { break }
            matched = next
            facts.topics = matched
        }
        return matched
    }
}
