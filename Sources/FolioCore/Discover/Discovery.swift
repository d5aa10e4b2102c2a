import Foundation
import GRDB

/// Ranks papers by their words, offline, from the search index and the papers' text.
///
/// A profile is a weighted list of words: for one paper, each word of its title and abstract weighs
/// `(1 + ln tf) · idf`; for a set of papers (stars, a tag), the mean of their profiles each scaled to
/// length 1. Its `profileWords` heaviest words are the query. A paper's score is BM25 with the query
/// words' weights: `Σ weight(w) · idf(w) · tf(k1 + 1) / (tf + k1(1 − b + b·len/avgLen))` over its title and
/// abstract words (`WordStatistics` says idf and avgLen). Candidates come from the index (papers with any
/// query word, scored first as if each word came once); the best `candidatesChecked` of them are scored
/// exactly from their text, and on a library that small every candidate is. Ties go to the newer paper,
/// then the smaller id.
public final class Discovery {
    public static let profileWords = 25
    public static let candidatesChecked = 200
    /// For you learns from the latest stars (for a tag, its newest papers): what interests the user now,
    /// at a cost that does not grow with every star ever made.
    public static let profilePapers = 500
    /// `candidatesChecked`, or fewer in tests, to hold the first pass to the exact scores.
    let checked: Int
    static let k1 = 1.2, b = 0.75

    let store: Store
    let index: SearchIndex
    var statistics: WordStatistics

    public init(store: Store, index: SearchIndex? = nil, candidatesChecked: Int = Discovery.candidatesChecked) {
        self.store = store
        checked = candidatesChecked
        self.index = index ?? SearchIndex(store: store)
        statistics = WordStatistics(store: store, index: self.index)
    }

    /// Ranks with what `index` has loaded of the library (see `SearchIndex.adopt`).
    public func adoptLoadedIndex(of index: SearchIndex) { self.index.adopt(from: index) }

    /// The papers most like paper `id`, best first, without it.
    public func similar(to id: String, limit: Int = 50) throws -> [RankedPaper] {
        guard let paper = try store.paper(id: id), let num = try store.num(ofID: paper.id) else {
            throw LibraryError("no paper \(id)")
        }
        defer { try? store.releaseMappedPages() }  // and on the way: see `WordStatistics`
        try statistics.refresh()
        let profile = try statistics.profile(of: [PaperText(paper)])
        return try rank(profile, excluding: [num], limit: limit)
    }

    /// Unread papers ranked by how well they fit the starred papers (or those tagged `tag`).
    public func recommend(tag: String? = nil, limit: Int = 50) throws -> [RankedPaper] {
        let liked = try store.papers(PaperFilter(starredOnly: tag == nil, tag: tag))
        guard !liked.isEmpty else { return [] }
        let learned = tag != nil ? liked : liked.sorted { a, b in
            a.starredAt != b.starredAt ? (a.starredAt ?? "") > (b.starredAt ?? "") : a.id < b.id
        }
        defer { try? store.releaseMappedPages() }
        try statistics.refresh()
        let profile = try statistics.profile(of: learned.prefix(Self.profilePapers).map(PaperText.init))
        // Read papers were seen already: they are left out, but they do not count against a word (Folio
        // marks a paper read when it is opened, which says interest as often as not).
        let seen = try store.pool.read { db in try Int64.fetchAll(db, sql: "SELECT p.num FROM read_mark r JOIN paper p ON p.id = r.paper_id") }
        return try rank(profile, excluding: Set(try store.nums(ofIDs: liked.map(\.id)) + seen), limit: limit)
    }

    /// What `recommend(tag:)` reads, in brief: the index's generation, the starred (or tagged) papers and
    /// the read marks' count and latest time. Equal answers mean an equal ranking, so a reader re-ranks only
    /// when one changed (the CLI changing other things many times a second does not make it rank again).
    public func inputs(tag: String?) throws -> [String] {
        try store.pool.read { db in
            let liked = tag == nil
                ? try String.fetchOne(db, sql: "SELECT group_concat(paper_id) FROM (SELECT paper_id FROM star ORDER BY paper_id)")
                : try String.fetchOne(db, sql: "SELECT group_concat(paper_id) FROM (SELECT paper_id FROM tag WHERE name = ? ORDER BY paper_id)",
                                      arguments: [tag])
            let read = try Row.fetchOne(db, sql: "SELECT count(*) || ' ' || coalesce(max(read_at), '') AS said FROM read_mark")?["said"] as String?
            let generation = try Int64.fetchOne(db, sql: "SELECT generation FROM search_order WHERE id = 1") ?? 0
            return [String(generation), liked ?? "", read ?? ""]
        }
    }

    /// A profile's heaviest words. Weights equal to 12 decimals count as a tie, broken by the word: a
    /// sum taken in another order must not change which words are asked.
    static func query(_ profile: [String: Double]) -> [(key: String, value: Double)] {
        Array(profile.map { (key: $0.key, value: $0.value, rounded: ($0.value * 1e12).rounded()) }
            .sorted { $0.rounded != $1.rounded ? $0.rounded > $1.rounded : $0.key < $1.key }
            .prefix(profileWords).map { (key: $0.key, value: $0.value) })
    }

    /// The nums of the `k` highest scores above 0, ties to the smaller num, through a heap of `k` (a
    /// common word gives hundreds of thousands of candidates: sorting them all cost more than ranking).
    static func best(_ k: Int, of scores: [Float]) -> [(num: Int64, score: Float)] {
        // The heap's root is the worst kept candidate.
        var heap: [(num: Int64, score: Float)] = []
        heap.reserveCapacity(k)
        func worse(_ a: (num: Int64, score: Float), _ b: (num: Int64, score: Float)) -> Bool {
            a.score != b.score ? a.score < b.score : a.num > b.num
        }
        func siftDown(_ start: Int) {
            var i = start
            while true {
                let left = 2 * i + 1, right = left + 1
                var worst = i
                if left < heap.count && worse(heap[left], heap[worst]) { worst = left }
                if right < heap.count && worse(heap[right], heap[worst]) { worst = right }
                if worst == i { return }
                heap.swapAt(i, worst)
                i = worst
            }
        }
        for (num, score) in scores.enumerated() where score > 0 {
            let candidate = (num: Int64(num), score: score)
            if heap.count < k {
                heap.append(candidate)
                var i = heap.count - 1
                while i > 0 && worse(heap[i], heap[(i - 1) / 2]) {
                    heap.swapAt(i, (i - 1) / 2)
                    i = (i - 1) / 2
                }
            } else if k > 0 && worse(heap[0], candidate) {
                heap[0] = candidate
                siftDown(0)
            }
        }
        return heap
    }

    /// The papers whose words best fit `profile`.
    func rank(_ profile: [String: Double], excluding: Set<Int64>, limit: Int) throws -> [RankedPaper] {
        let query = Self.query(profile)
        guard !query.isEmpty else { return [] }
        // First pass: each paper with a query word scored as if the word came once in a paper of average length.
        var allowed = try index.all()
        allowed.subtract(try index.set(of: Array(excluding)))
        var first = [Float](repeating: 0, count: allowed.capacity)
        var idf: [String: Double] = [:]
        for ((word, weight), var docs) in zip(query, try statistics.papers(with: query.map(\.key))) {
            idf[word] = try statistics.idf(word)
            docs.formIntersection(allowed)
            let add = Float(weight * idf[word]!)
            first.withUnsafeMutableBufferPointer { first in docs.forEachNum { first[$0] += add } }
        }
        let candidates = Self.best(checked, of: first)
        // Second pass: BM25 from each candidate's own words (only its text is read; whole rows for those kept).
        let texts = try store.rankingTexts(candidates.map(\.num))
        let averageLength = try statistics.averageLength()
        var ranked: [(text: RankingText, score: Double, because: [String])] = []
        let position = Dictionary(uniqueKeysWithValues: query.enumerated().map { ($0.element.key, $0.offset) })
        var tf = [Int](repeating: 0, count: query.count)
        for candidate in texts {
            let text = PaperText(title: candidate.title, abstract: candidate.abstract)
            // Only the query's words are counted: a dictionary of every word of every candidate cost more.
            for i in tf.indices { tf[i] = 0 }
            for word in text.words { if let i = position[word] { tf[i] += 1 } }
            var score = 0.0
            var parts: [(String, Double)] = []
            for ((word, weight), tf) in zip(query, tf) where tf > 0 {
                let saturation = Double(tf) * (Self.k1 + 1) / (Double(tf) + Self.k1 * (1 - Self.b + Self.b * Double(text.length) / averageLength))
                let part = weight * idf[word]! * saturation
                score += part
                parts.append((word, part))
            }
            guard score > 0 else { continue }
            let because = parts.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }.prefix(3).map(\.0)
            ranked.append((candidate, score, because))
        }
        ranked.sort { a, b in
            if a.score != b.score { return a.score > b.score }
            let (da, db) = (a.text.published ?? "", b.text.published ?? "")
            return da != db ? da > db : a.text.id < b.text.id
        }
        let kept = ranked.prefix(limit)
        let papers = Dictionary(try store.papers(byNum: kept.map(\.text.num)).map { ($0.num, $0.paper) }) { a, _ in a }
        return kept.compactMap { entry in
            papers[entry.text.num].map { RankedPaper(num: entry.text.num, paper: $0, score: entry.score, because: entry.because) }
        }
    }
}

/// What the second pass reads of a candidate: its text, and what breaks ties.
struct RankingText {
    var num: Int64
    var id: String
    var title: String
    var abstract: String
    var published: String?
}

extension Store {
    func rankingTexts(_ nums: [Int64]) throws -> [RankingText] {
        guard !nums.isEmpty else { return [] }
        return try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT num, id, title, abstract, published FROM paper WHERE num IN (SELECT value FROM json_each(?))",
                             arguments: [Store.jsonList(nums)]).map {
                RankingText(num: $0["num"], id: $0["id"], title: $0["title"], abstract: $0["abstract"] ?? "", published: $0["published"])
            }
        }
    }
}

/// A paper's title and abstract as ranking reads them: the words search sees, without stop words, the
/// title's counted `titleWeight` times (a title says what the paper is about in a few words).
struct PaperText {
    static let titleWeight = 3
    let words: [String]

    init(_ paper: Paper) { self.init(title: paper.title, abstract: paper.metadata.abstract) }

    init(title: String, abstract: String) {
        let titleWords = TextNormalizer.searchWords(title).filter(PaperText.counts)
        words = Array(repeating: titleWords, count: PaperText.titleWeight).flatMap { $0 } + TextNormalizer.searchWords(abstract).filter(PaperText.counts)
    }

    var length: Int { words.count }

    var counts: [String: Int] { words.reduce(into: [:]) { $0[$1, default: 0] += 1 } }

    /// Whether a word takes part in ranking: two letters or more, and not one of the commonest English words
    /// (their weight would be near nothing, and each costs a read of the index).
    static func counts(_ word: String) -> Bool { !word.unicodeScalars.dropFirst().isEmpty && !stopWords.contains(word) }

    static let stopWords: Set<String> = [
        "the", "of", "and", "in", "to", "we", "for", "is", "on", "that", "with", "this", "by", "as", "are", "an", "be",
        "our", "from", "at", "it", "which", "can", "these", "its", "or", "has", "have", "been", "not", "their", "also",
        "such", "than", "into", "via", "while", "when", "how", "what", "do", "does", "but", "they", "them", "there",
        "was", "were", "over", "other", "between", "however", "each", "all", "only", "most", "through", "both", "more",
        "using", "based", "show", "paper", "us", "if", "so", "then", "thus", "here", "where", "who", "whose", "any",
    ]
}
