import Foundation
import Testing
import TerminalUI
@testable import FolioApp
@testable import FolioCore

/// More like this, For you and the sort key in the reader, on the bundled sample: the views a key opens,
/// what their rows and pane say, Esc back, the background ranking, and each order against the store's.
@Suite("Discover in the reader")
struct ReaderDiscoverTests {
    /// Information retrieval papers of the sample (by the start of their titles).
    static let retrieval = ["Progressively Optimized Bi-Granular", "LoL: A Comparative Regularization", "Soft Prompt Tuning for Augmenting",
                            "Towards Competitive Search Relevance", "Evaluating Interpolation and Extrapolation", "A Deep Look into Neural Ranking",
                            "Generative Query Reformulation", "Exploring the Viability of Synthetic Query", "Are Neural Ranking Models Robust",
                            "Pre-trained Language Model based Ranking", "Relevance Filtering for Embedding"]
    static let textToImage = ["Cross Initialization for Personalized", "Null-text Inversion", "CoRe: Context-Regularized", "DECOR:Decomposition",
                              "A Neural Space-Time"]

    static func isRetrieval(_ paper: Paper) -> Bool { retrieval.contains { paper.title.hasPrefix($0) } }
    static func isTextToImage(_ paper: Paper) -> Bool { textToImage.contains { paper.title.hasPrefix($0) } }

    /// Moves the selection to the paper whose title begins `title`, with `j` from the top.
    static func select(_ app: ReaderRuntime<ScriptedTerminal>, _ title: String) throws {
        let position = try #require(app.listed.firstIndex { $0.title.hasPrefix(title) }, "no paper titled \(title)")
        app.press(.char("g"))
        for _ in 0..<position { app.press(.char("j")) }
        #expect(app.state.selectedPaper?.title.hasPrefix(title) == true)
    }

    @Test func moreLikeThisOpensFromTheListAndEscComesBack() throws {
        let lib = try SampleLibrary()
        let app = lib.runtime(width: 160, height: 40)
        try Self.select(app, "Relevance Filtering for Embedding")
        let from = try #require(app.state.selectedPosition)
        app.press(.char("L"))
        guard case .similar = app.state.view else { Issue.record("L opened \(app.state.view)"); return }
        #expect(app.lines[0].contains("like: Relevance Filtering"))
        let similar = app.listed
        #expect(!similar.isEmpty && similar.count <= 50)
        #expect(!similar.contains { $0.title.hasPrefix("Relevance Filtering") }, "the paper itself is not like itself")
        #expect(similar.prefix(5).filter(Self.isRetrieval).count >= 3, "\(similar.prefix(5).map(\.title))")
        // Each row says its score and why: the pane names the words, the row shows the score.
        let ranking = try #require(app.state.selectedRow?.ranking)
        #expect(app.text.contains("score \(PaneView.score(ranking.score)) · because: \(ranking.because.joined(separator: ", "))"))
        #expect(app.lines.contains { $0.contains(PaneView.score(ranking.score)) && $0.contains(String(similar[0].title.prefix(20))) })
        // Scores descend down the list.
        let scores = app.state.list.rows.compactMap { $0.ranking?.score }
        #expect(scores == scores.sorted(by: >))
        app.press(.char("j"), .escape)
        #expect(app.state.view == .all)
        #expect(app.state.selectedPosition == from)
        #expect(app.state.selectedPaper?.title.hasPrefix("Relevance Filtering") == true)
    }

    @Test func moreLikeThisOfMoreLikeThisGoesBackAStepAtATime() throws {
        let lib = try SampleLibrary()
        let app = lib.runtime(width: 160, height: 40)
        try Self.select(app, "Are Neural Ranking Models Robust")
        app.press(.char("L"))
        let first = app.state.view
        let second = try #require(app.state.selectedPaper)
        app.press(.char("L"))
        #expect(app.state.view == .similar(id: second.id, title: second.title))
        #expect(!app.listed.contains { $0.id == second.id })
        app.press(.escape)
        #expect(app.state.view == first)
        #expect(app.state.selectedPaper?.id == second.id, "back on the paper L was pressed on")
        app.press(.escape)
        #expect(app.state.view == .all)
        #expect(app.state.selectedPaper?.title.hasPrefix("Are Neural Ranking Models Robust") == true)
        app.press(.escape)
        #expect(app.state.view == .all, "nothing left to go back to")
    }

    @Test func forYouIsRankedInTheBackgroundAndFollowsTheStars() throws {
        let lib = try SampleLibrary()
        let app = lib.runtime(width: 160, height: 40)
        #expect(app.lines.contains { $0.contains("For you") })
        for title in Self.retrieval.prefix(3) {
            try Self.select(app, title)
            app.press(.char("s"))
        }
        try app.waitUntil("For you to rank the stars") { $0.state.snapshot.forYouCount > 0 }
        app.press(.tab, .tab, .char("g"), .char("j"), .char("j"), .char("j"), .char("j"))
        #expect(app.state.view == .forYou(tag: nil))
        #expect(app.lines.contains { $0.contains("For you") && $0.contains("\(app.state.snapshot.forYouCount)") })
        let first = app.listed
        #expect(first.prefix(5).filter(Self.isRetrieval).count >= 3, "\(first.prefix(5).map(\.title))")
        #expect(first.allSatisfy { !$0.isStarred }, "starred papers are what it learns from, not what it offers")

        // The stars move to text-to-image papers (as another process would; the reader reloads, as it does when
        // it sees a change): For you follows, the view still shown.
        _ = try lib.store.setStarred(try lib.store.papers(PaperFilter(starredOnly: true)).map(\.id), false)
        _ = try lib.store.setStarred(try lib.store.papers().filter { Self.textToImage.prefix(3).contains(where: $0.title.hasPrefix) }.map(\.id), true)
        app.reload()
        try app.waitUntil("For you to follow the new stars") { !$0.state.list.papers.prefix(5).contains(where: Self.isRetrieval) }
        let second = app.listed
        #expect(second.prefix(1).allSatisfy(Self.isTextToImage), "\(second.prefix(5).map(\.title))")
        #expect(second.prefix(5).filter(Self.isRetrieval).isEmpty)
    }

    @Test func aTagsForYouOpensFromTheSidebarWithL() throws {
        let lib = try SampleLibrary()
        let tagged = try lib.store.papers().filter { Self.textToImage.prefix(3).contains(where: $0.title.hasPrefix) }.map(\.id)
        _ = try lib.store.addTags(["t2i"], to: tagged)
        let app = lib.runtime(width: 160, height: 40)
        app.press(.tab, .tab, .char("j"), .char("j"), .char("j"), .char("j"), .char("j"))
        #expect(app.state.view == .tag("t2i"))
        app.press(.char("L"))
        #expect(app.state.view == .forYou(tag: "t2i"))
        #expect(app.text.contains("ranking papers like those tagged t2i…"))
        try app.waitUntil("the tag's ranking") { !$0.state.list.rows.isEmpty }
        let ranked = app.listed
        #expect(ranked.prefix(2).allSatisfy(Self.isTextToImage), "\(ranked.prefix(5).map(\.title))")
        #expect(ranked.allSatisfy { !$0.tags.contains("t2i") }, "the tag's own papers are what it learns from")
        #expect(app.lines[0].contains("For you: t2i"))
        #expect(app.text.contains("because: "))
        app.press(.escape)
        #expect(app.state.view == .tag("t2i"))
        // A tag deleted elsewhere takes its For you with it, as it takes its own view.
        let again = lib.runtime(width: 160, height: 40)
        again.press(.tab, .tab, .char("j"), .char("j"), .char("j"), .char("j"), .char("j"), .char("L"))
        #expect(again.state.view == .forYou(tag: "t2i"))
        _ = try lib.store.deleteTag("t2i")
        again.reload()
        #expect(again.state.view == .all)
    }

    @Test func theSortKeyCyclesOrdersKeptPerView() throws {
        let lib = try SampleLibrary()
        let app = lib.runtime(width: 160, height: 40)
        let ids: ([Paper]) -> [String] = { $0.map(\.id) }
        #expect(ids(app.listed) == ids(try lib.store.papers(PaperFilter(sort: .date))))
        app.press(.char("O"))
        #expect(app.text.contains("sorted: by title"))
        #expect(app.lines.last?.contains("All · by title") == true)
        #expect(ids(app.listed) == ids(try lib.store.papers(PaperFilter(sort: .title))))
        app.press(.char("O"))
        #expect(app.lines.last?.contains("All · most upvoted") == true)
        #expect(ids(app.listed) == ids(try lib.store.papers(PaperFilter(sort: .upvotes))))

        // Another view has its own order; coming back finds this one's.
        app.press(.tab, .tab, .char("j"), .char("j"))
        #expect(app.state.view == .unread)
        #expect(app.lines.last?.contains("most upvoted") == false)
        app.press(.char("g"))
        #expect(app.state.view == .all)
        #expect(app.lines.last?.contains("All · most upvoted") == true)

        // With a filter, relevance comes after upvotes.
        app.press(.tab, .char("/"))
        app.type("retrieval OR ranking")
        app.press(.enter, .char("O"))
        #expect(app.state.order == .relevance)
        let query = try QueryParser.parse("retrieval OR ranking")
        let relevant = try lib.store.papers(PaperFilter(query: query, sort: .relevance))
        #expect(ids(app.listed) == ids(relevant))
        #expect(ids(relevant) != ids(try lib.store.papers(PaperFilter(query: query))), "relevance is not the date order here")
        #expect(relevant.first.map { $0.title.lowercased().contains("retrieval") || $0.title.lowercased().contains("ranking") } == true)
        // Without the filter relevance says nothing: the view's first order is back.
        app.press(.escape)
        #expect(app.state.order == .date)
    }
}
