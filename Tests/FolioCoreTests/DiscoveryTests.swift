import Foundation
import Testing
@testable import FolioCore

/// More like this and For you: what a reader of the bundled Daily Papers sample expects, and every score
/// held to a plain computation that reads no index.
@Suite("Discovery")
struct DiscoveryTests {
    static func sample() throws -> Store {
        let (store, _) = try makeStore()
        _ = try LibraryImport(store: store).importDocument(try Fixtures.data("hf-daily-papers-page.txt"), format: .hfPage, source: "sample")
        return store
    }

    static func id(_ store: Store, title: String) throws -> String {
        try #require(try store.papers(PaperFilter()).first { $0.title.hasPrefix(title) }?.id, "no paper titled \(title)")
    }

    static func similarTitles(_ store: Store, _ title: String, _ n: Int) throws -> [String] {
        try Discovery(store: store).similar(to: try id(store, title: title), limit: n).map(\.paper.title)
    }

    // MARK: Five expectations, from reading the sample's papers

    /// Information retrieval papers of the sample, by title.
    static let retrieval = [
        "Progressively Optimized Bi-Granular Document Representation for Scalable Embedding Based Retrieval",
        "LoL: A Comparative Regularization Loss over Query Reformulation Losses for Pseudo-Relevance Feedback",
        "Soft Prompt Tuning for Augmenting Dense Retrieval with Large Language Models",
        "Towards Competitive Search Relevance For Inference-Free Learned Sparse Retrievers",
        "Evaluating Interpolation and Extrapolation Performance of Neural Retrieval Models",
        "A Deep Look into Neural Ranking Models for Information Retrieval",
        "Generative Query Reformulation Using Ensemble Prompting, Document Fusion, and Relevance Feedback",
        "Exploring the Viability of Synthetic Query Generation for Relevance Prediction",
        "Are Neural Ranking Models Robust?",
        "Pre-trained Language Model based Ranking in Baidu Search",
        "Composed Image Retrieval with Text Feedback via Multi-grained Uncertainty Regularization",
        "Relevance Filtering for Embedding-based Retrieval",
    ]

    @Test func relevanceFilteringIsMostLikeOtherRetrievalPapers() throws {
        let top = try Self.similarTitles(try Self.sample(), "Relevance Filtering for Embedding-based Retrieval", 5)
        #expect(top.filter { Self.retrieval.contains($0) }.count >= 3, "\(top)")
    }

    @Test func textToImagePersonalizationFindsItsFourSiblingsFirst() throws {
        let top = try Self.similarTitles(try Self.sample(), "Cross Initialization for Personalized Text-to-Image Generation", 4)
        #expect(Set(top.map { String($0.prefix(20)) }) == ["A Neural Space-Time ", "Null-text Inversion ", "CoRe: Context-Regula", "DECOR:Decomposition "])
    }

    @Test func noisyLabelsFindTheNoisyAnnotationsPaperFirst() throws {
        let top = try Self.similarTitles(try Self.sample(), "Early-Learning Regularization Prevents Memorization of Noisy Labels", 1)
        #expect(top == ["Adaptive Early-Learning Correction for Segmentation from Noisy Annotations"])
    }

    @Test func rankingRobustnessFindsTheTwoRankingPapersFirst() throws {
        let top = try Self.similarTitles(try Self.sample(), "Are Neural Ranking Models Robust?", 2)
        #expect(Set(top) == ["A Deep Look into Neural Ranking Models for Information Retrieval", "Pre-trained Language Model based Ranking in Baidu Search"])
    }

    @Test func sparsityFindsTheOtherSparsityPapersFirst() throws {
        let top = try Self.similarTitles(try Self.sample(), "DSEE: Dually Sparsity-embedded Efficient Tuning", 2)
        #expect(Set(top.map { String($0.prefix(12)) }) == ["Sparsing Law", "SparsePO: Co"])
    }

    @Test func everyRankedPaperSaysWhy() throws {
        let ranked = try Discovery(store: try Self.sample()).similar(to: try Self.id(try Self.sample(), title: "Relevance Filtering"), limit: 50)
        #expect(!ranked.isEmpty && ranked.allSatisfy { !$0.because.isEmpty && $0.because.count <= 3 })
    }

    // MARK: For you

    @Test func forYouFollowsWhatIsStarred() throws {
        let store = try Self.sample()
        let discovery = Discovery(store: store)
        #expect(try discovery.recommend().isEmpty)
        // Three retrieval papers starred: the top of For you is retrieval.
        try store.setStarred(try Self.retrieval.prefix(3).map { try Self.id(store, title: $0) }, true)
        let first = try discovery.recommend(limit: 5).map(\.paper.title)
        #expect(first.filter { Self.retrieval.contains($0) }.count >= 3, "\(first)")
        // Three text-to-image papers starred as well: the other two of that subject come up; starred papers never show.
        let images = ["Cross Initialization", "A Neural Space-Time", "CoRe: Context-Regularized"]
        try store.setStarred(try images.map { try Self.id(store, title: $0) }, true)
        let second = try discovery.recommend(limit: 6).map(\.paper.title)
        #expect(second.contains { $0.hasPrefix("DECOR") } && second.contains { $0.hasPrefix("Null-text Inversion") }, "\(second)")
        #expect(!second.contains { title in images.contains { title.hasPrefix($0) } || Self.retrieval.prefix(3).contains(title) })
        // Read papers are left out (they were seen); a tag ranks by its own papers.
        try store.setRead([try Self.id(store, title: "DECOR")], true)
        #expect(!(try discovery.recommend(limit: 6)).contains { $0.paper.title.hasPrefix("DECOR") })
        try store.addTags(["ir"], to: try Self.retrieval.suffix(3).map { try Self.id(store, title: $0) })
        #expect(try discovery.recommend(tag: "ir", limit: 3).map(\.paper.title).filter { Self.retrieval.contains($0) }.count >= 2)
    }

    // MARK: Exact: the same scores computed the plain way

    @Test(arguments: [UInt64(1), 2, 3, 4, 5, 6])
    func scoresAreThePlainComputation(seed: UInt64) throws {
        var random = SplitMix(seed: seed)
        let (store, _) = try makeStore()
        let vocabulary = (0..<60).map { "w\($0)" } + ["retrieval", "dense", "image", "the", "of", "a"]
        func text(_ n: Int) -> String { (0..<n).map { _ in vocabulary[Int(random.next() % UInt64(vocabulary.count))] }.joined(separator: " ") }
        _ = try store.importPapers(source: "test") { session in
            for i in 0..<(20 + Int(random.next() % 120)) {
                try session.add(PaperInput(arxivID: String(format: "2401.%05d", i), title: text(3 + Int(random.next() % 6)),
                                           abstract: text(Int(random.next() % 40)), published: String(format: "2024-01-%02d", 1 + random.next() % 9)))
            }
        }
        let papers = try store.papers(PaperFilter())
        let reference = ReferenceRanking(papers: papers)
        let discovery = Discovery(store: store)
        for _ in 0..<5 {
            let paper = papers[Int(random.next() % UInt64(papers.count))]
            Self.expectSame(try discovery.similar(to: paper.id, limit: 20), reference.rank([paper], excluding: [paper.id], limit: 20))
        }
        var starred: [Paper] = []
        for _ in 0..<4 {
            let paper = papers[Int(random.next() % UInt64(papers.count))]
            if !starred.contains(where: { $0.id == paper.id }) { starred.append(paper) }
        }
        let read = (0..<6).map { _ in papers[Int(random.next() % UInt64(papers.count))].id }
        try store.setStarred(starred.map(\.id), true)
        try store.setRead(read, true)
        Self.expectSame(try discovery.recommend(limit: 30), reference.rank(starred, excluding: Set(starred.map(\.id) + read), limit: 30))
    }

    /// The heap that keeps the first pass's best candidates keeps exactly what sorting all of them would:
    /// the k highest scores above 0, ties to the smaller num (scores drawn from few values, so ties abound).
    @Test(arguments: [UInt64(1), 2, 3, 4])
    func theBestCandidatesAreThoseASortFinds(seed: UInt64) {
        var random = SplitMix(seed: seed)
        for _ in 0..<50 {
            let scores = (0..<Int(random.next() % 400)).map { _ in Float(Int(random.next() % 12) - 3) / 2 }
            let k = Int(random.next() % 60)
            let sorted = scores.enumerated().filter { $0.element > 0 }
                .sorted { $0.element != $1.element ? $0.element > $1.element : $0.offset < $1.offset }
                .prefix(k).map { Int64($0.offset) }
            #expect(Set(Discovery.best(k, of: scores).map(\.num)) == Set(sorted), "k \(k) of \(scores)")
            #expect(Discovery.best(k, of: scores).count == sorted.count)
        }
    }

    /// With only a few candidates scored exactly (as on a big library), what comes back still carries the
    /// exact scores, in their order.
    @Test(arguments: [UInt64(7), 8, 9])
    func theFirstPassKeepsExactScores(seed: UInt64) throws {
        var random = SplitMix(seed: seed)
        let (store, _) = try makeStore()
        let vocabulary = (0..<40).map { "w\($0)" }
        func text(_ n: Int) -> String { (0..<n).map { _ in vocabulary[Int(random.next() % UInt64(vocabulary.count))] }.joined(separator: " ") }
        _ = try store.importPapers(source: "test") { session in
            for i in 0..<200 {
                try session.add(PaperInput(arxivID: String(format: "2402.%05d", i), title: text(4), abstract: text(30), published: "2024-02-01"))
            }
        }
        let papers = try store.papers(PaperFilter())
        let reference = ReferenceRanking(papers: papers)
        let discovery = Discovery(store: store, candidatesChecked: 20)
        for _ in 0..<5 {
            let paper = papers[Int(random.next() % UInt64(papers.count))]
            let ranked = try discovery.similar(to: paper.id, limit: 20)
            let exact = Dictionary(uniqueKeysWithValues: reference.rank([paper], excluding: [paper.id], limit: papers.count).map { ($0.id, $0.score) })
            #expect(ranked.count == 20)
            for item in ranked { #expect(abs(item.score - exact[item.paper.id]!) < 1e-9) }
            #expect(ranked.map(\.score) == ranked.map(\.score).sorted(by: >))
        }
    }

    static func expectSame(_ ranked: [RankedPaper], _ expected: [(id: String, score: Double)]) {
        #expect(ranked.map(\.paper.id) == expected.map(\.id))
        for (a, b) in zip(ranked, expected) { #expect(abs(a.score - b.score) < 1e-9, "\(a.paper.id): \(a.score) against \(b.score)") }
    }
}

/// The ranking as `Discovery` documents it, computed over every paper with no index: document
/// frequencies counted from the papers' words, every paper scored.
struct ReferenceRanking {
    let papers: [Paper]
    let frequency: [String: Int]
    let averageLength: Double

    init(papers: [Paper]) {
        self.papers = papers
        var frequency: [String: Int] = [:]
        for paper in papers {
            for word in Set(TextNormalizer.searchWords(paper.title) + TextNormalizer.searchWords(paper.metadata.abstract)) { frequency[word, default: 0] += 1 }
        }
        self.frequency = frequency
        // Over the newest papers, as `WordStatistics` samples them (`papers` is in the date order).
        let sample = papers.prefix(WordStatistics.lengthSample)
        averageLength = max(1, Double(sample.map { PaperText($0).words.count }.reduce(0, +)) / Double(sample.count))
    }

    func idf(_ word: String) -> Double {
        let n = Double(frequency[word] ?? 0), total = Double(papers.count)
        return log(1 + (total - n + 0.5) / (n + 0.5))
    }

    func rank(_ liked: [Paper], excluding: Set<String>, limit: Int) -> [(id: String, score: Double)] {
        var profile: [String: Double] = [:]
        for paper in liked {
            let counts = Dictionary(PaperText(paper).words.map { ($0, 1) }, uniquingKeysWith: +)
            var vector: [String: Double] = [:]
            for (word, tf) in counts { vector[word] = (1 + log(Double(tf))) * idf(word) }
            let length = sqrt(vector.values.map { $0 * $0 }.reduce(0, +))
            if length > 0 { for (word, weight) in vector { profile[word, default: 0] += weight / length / Double(liked.count) } }
        }
        let query = Discovery.query(profile)
        var scored: [(paper: Paper, score: Double)] = []
        for paper in papers where !excluding.contains(paper.id) {
            let words = PaperText(paper).words
            let counts = Dictionary(words.map { ($0, 1) }, uniquingKeysWith: +)
            var score = 0.0
            for (word, weight) in query {
                guard let tf = counts[word].map(Double.init) else { continue }
                score += weight * idf(word) * tf * 2.2 / (tf + 1.2 * (0.25 + 0.75 * Double(words.count) / averageLength))
            }
            if score > 0 { scored.append((paper, score)) }
        }
        scored.sort { a, b in
            a.score != b.score ? a.score > b.score
                : (a.paper.metadata.published ?? "") != (b.paper.metadata.published ?? "") ? (a.paper.metadata.published ?? "") > (b.paper.metadata.published ?? "")
                : a.paper.id < b.paper.id
        }
        return scored.prefix(limit).map { ($0.paper.id, $0.score) }
    }
}
