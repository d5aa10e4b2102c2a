import FolioCore
import Foundation

/// For you's rankings, kept with what they were ranked from (`Discovery.inputs`), and the words'
/// statistics, read once per index generation. The runtime runs one `rank` at a time.
final class ForYouRanker: @unchecked Sendable {
    static let limit = 100
    private let store: Store
    /// Reads through a connection of its own, opened at the first ranking: in WAL mode readers do not wait
    /// for each other, so keys typed while it ranks do not queue behind its reads on the reader's connection.
    private lazy var discovery: Discovery = {
        let own = FileManager.default.fileExists(atPath: store.path) ? try? Store(path: store.path) : nil
        return Discovery(store: own ?? store)
    }()
    private var ranked: [String?: (inputs: [String], papers: [RankedPaper])] = [:]

    init(store: Store) { self.store = store }

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
