import FolioCore

/// For you's rankings, kept with what they were ranked from (`Discovery.inputs`), and the words'
/// statistics, read once per index generation. The runtime runs one `rank` at a time.
final class ForYouRanker: @unchecked Sendable {
    static let limit = 100
    private let discovery: Discovery
    private var ranked: [String?: (inputs: [String], papers: [RankedPaper])] = [:]

    /// Through the reader's own store, whose one connection serializes its reads with the reader's.
    init(store: Store) { discovery = Discovery(store: store) }

    /// Takes the reader's date order and segments instead of reading them again: loading them is one
    /// long read of the store, and a key typed meanwhile would wait for it. Only while no `rank` runs.
    func adoptLoadedIndex(of index: SearchIndex) { discovery.adoptLoadedIndex(of: index) }

    /// The unread papers that best fit the stars (or the papers tagged `tag`); none when there are none
    /// or the library cannot be read. The last ranking again when nothing it depends on changed.
    func rank(tag: String?) -> [RankedPaper] {
        let inputs = try? discovery.inputs(tag: tag)
        if let inputs, let kept = ranked[tag], kept.inputs == inputs { return kept.papers }
        let papers = (try? discovery.recommend(tag: tag, limit: Self.limit)) ?? []
        if let inputs { ranked[tag] = (inputs, papers) }
        return papers
    }
}
