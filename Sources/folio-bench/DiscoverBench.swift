import FolioApp
import FolioCore
import Foundation

/// More like this, For you and the relevance sort on the benchmark's library. For you after starring 20
/// papers that match a planted word (the stars are undone afterwards), timed through `Discovery` as
/// `folio recommend` runs it and in the reader; More like this in the reader.
enum DiscoverBench {
    struct Figures {
        /// For you from nothing known of the library's words (its first ranking after an import).
        var recommendMilliseconds = 0.0
        /// For you again after one more star, as the reader refreshes it.
        var refreshMilliseconds = 0.0
        /// A filter's matches in relevance order (the `O` key, `folio list --sort relevance`).
        var relevanceMatches = 0
        var relevanceMilliseconds: [Double] = []
    }

    /// Two planted words of the synthetic library, each in about 5% of papers: about 100,000 matches at a million.
    static let relevanceQuery = "neural OR network"

    static func measure(path: String) throws -> Figures {
        var figures = Figures()
        let store = try Store(path: path)
        let cold = Discovery(store: store)
        let ids = try store.ids(matching: try QueryParser.parse("transformer"))
        try store.setStarred(Array(ids.prefix(20)), true)
        let start = Clock.now
        let recommended = try cold.recommend(limit: 50)
        figures.recommendMilliseconds = Clock.now.millisecondsSince(start)
        precondition(recommended.count == 50, "recommend found \(recommended.count) papers")
        try store.setStarred([ids[20]], true)
        let again = Clock.now
        _ = try cold.recommend(limit: 50)
        figures.refreshMilliseconds = Clock.now.millisecondsSince(again)
        try store.undo()
        try store.undo()
        let listing = PaperListing(store: store)
        let query = try QueryParser.parse(relevanceQuery)
        let matches = try listing.resolver.exact(query)
        figures.relevanceMatches = matches.count
        for _ in 0..<5 {
            let start = Clock.now
            let ordered = try listing.nums(matches, sort: .relevance, query: query, limit: nil)
            figures.relevanceMilliseconds.append(Clock.now.millisecondsSince(start))
            precondition(ordered.count == matches.count)
        }
        return figures
    }

    /// More like this as the reader opens it: `L` on ten papers spread down the list filtered by
    /// `transformer`, each timed from the key to its frame (the first pays for the words not yet counted),
    /// then `Esc` back.
    static func similarInTheReader(_ runtime: ReaderRuntime<BenchTerminal>) -> [Double] {
        runtime.send(.input(.key(.char("/"))))
        for character in "transformer" { runtime.send(.input(.key(.char(character)))) }
        runtime.send(.input(.key(.enter)))
        var times: [Double] = []
        for _ in 0..<10 {
            for _ in 0..<40 { runtime.send(.input(.key(.char("j")))) }
            let start = Clock.now
            runtime.send(.input(.key(.char("L"))))
            runtime.draw()
            times.append(Clock.now.millisecondsSince(start))
            guard case .similar = runtime.state.view, runtime.state.list.count + runtime.state.list.hidden == 50 else {
                preconditionFailure("L showed \(runtime.state.view) with \(runtime.state.list.count) papers")
            }
            runtime.send(.input(.key(.escape)))
        }
        runtime.send(.input(.key(.escape)))
        runtime.draw()
        return times
    }

    struct ReaderFigures {
        /// From the reload after 20 stars made elsewhere to For you ranked (nothing known of the words).
        var firstMilliseconds = 0.0
        /// From the reload after one more star to For you ranked again.
        var refreshMilliseconds = 0.0
        /// Filters typed while the first ranking runs in the background.
        var keystrokes: [Double] = []
    }

    /// For you as the reader ranks it, in the background: stars come from another connection (as from
    /// `folio star`), the reader reloads, and filters are typed while the ranking runs. Stars undone after.
    static func measureInTheReader(_ runtime: ReaderRuntime<BenchTerminal>, path: String) throws -> ReaderFigures {
        var figures = ReaderFigures()
        let other = try Store(path: path)
        // The newest 21 alone: reading the ids of all 110,000 matches mapped most of the library into this
        // process, which stands in for another one (`folio star`), and counted in the reader's peak.
        let ids = try other.papers(PaperFilter(query: try QueryParser.parse("transformer"), limit: 21)).map(\.id)
        func waitForRanking(after count: Int) {
            while runtime.rankingsReceived == count {
                Thread.sleep(forTimeInterval: 0.001)
                runtime.deliverBackgroundMessages()
            }
        }
        try other.setStarred(Array(ids.prefix(20)), true)
        var received = runtime.rankingsReceived
        let start = Clock.now
        runtime.reload()
        figures.keystrokes = Bench.typeFilters(runtime, json: true)
        waitForRanking(after: received)
        figures.firstMilliseconds = Clock.now.millisecondsSince(start)
        precondition(runtime.state.snapshot.forYouCount > 0, "For you ranked nothing")

        try other.setStarred([ids[20]], true)
        received = runtime.rankingsReceived
        let again = Clock.now
        runtime.reload()
        waitForRanking(after: received)
        figures.refreshMilliseconds = Clock.now.millisecondsSince(again)
        try other.undo()
        try other.undo()
        return figures
    }
}
