import Foundation
import GRDB

/// What ranking knows of the library's words: in how many papers each appears (the size of its title and
/// abstract sets in the search index), how many papers there are, and how long a paper's text is on
/// average (over the newest `lengthSample` papers: all of a small library). Kept while the index stays
/// at one generation.
struct WordStatistics {
    static let lengthSample = 100
    /// Words counted per read transaction: the store's one connection serves the reader between them,
    /// so a key typed while For you ranks waits for a few milliseconds at most.
    static let learnedPerRead = 16

    let store: Store
    let index: SearchIndex
    private var generation: Int64 = -1
    private var frequency: [String: Int] = [:]
    private var papers = 0
    private var meanLength: Double?

    init(store: Store, index: SearchIndex) {
        self.store = store
        self.index = index
    }

    /// Forgets what it knew when the index changed; called once per ranking, before the others.
    mutating func refresh() throws {
        let loaded = try index.loadedIndex()
        guard loaded.generation != generation else { return }
        generation = loaded.generation
        frequency = [:]
        meanLength = nil
        papers = loaded.order.count
    }

    /// The papers with each of `words` in their title or abstract, read at once; their numbers are
    /// remembered for `idf`.
    mutating func papers(with words: [String]) throws -> [DocSet] {
        let sets = try index.textSets(words)
        for (word, set) in zip(words, sets) { frequency[word] = set.count }
        try store.releaseMappedPages()
        return sets
    }

    /// Reads how many papers have each of `words` that it does not know yet, a few reads of the index.
    mutating func learn<Words: Sequence<String>>(_ words: Words) throws {
        let unknown = Array(Set(words.filter { frequency[$0] == nil }))
        // A read at a time is held to `learnedPerRead` words, so a reader's own reads wait for little.
        for start in stride(from: 0, to: unknown.count, by: Self.learnedPerRead) {
            let part = Array(unknown[start..<min(start + Self.learnedPerRead, unknown.count)])
            for (word, count) in zip(part, try index.textCounts(part)) { frequency[word] = count }
            // A cold For you counts thousands of words: their postings, kept mapped, were 2 GB of a
            // million-paper library in the reader's resident memory.
            try store.releaseMappedPages()
        }
    }

    /// `ln(1 + (N − n + 0.5) / (n + 0.5))` for a word in n of N papers: rare words weigh most, and no
    /// word weighs less than nothing.
    mutating func idf(_ word: String) throws -> Double {
        let n = try frequency[word] ?? papers(with: [word])[0].count
        return log(1 + (Double(papers - n) + 0.5) / (Double(n) + 0.5))
    }

    mutating func averageLength() throws -> Double {
        if let meanLength { return meanLength }
        let texts = try store.rankingTexts(try index.first(Self.lengthSample, of: try index.all()))
        let total = texts.reduce(0) { $0 + PaperText(title: $1.title, abstract: $1.abstract).length }
        let mean = texts.isEmpty ? 1 : max(1, Double(total) / Double(texts.count))
        meanLength = mean
        return mean
    }

    /// Each text's words weighted `(1 + ln tf) · idf`, scaled to length 1, then the mean of the texts.
    mutating func profile(of texts: [PaperText]) throws -> [String: Double] {
        try learn(texts.lazy.flatMap(\.words))
        var sum: [String: Double] = [:]
        for text in texts {
            var vector: [String: Double] = [:]
            for (word, tf) in text.counts { vector[word] = (1 + log(Double(tf))) * (try idf(word)) }
            let length = vector.values.reduce(0) { $0 + $1 * $1 }.squareRoot()
            guard length > 0 else { continue }
            for (word, weight) in vector { sum[word, default: 0] += weight / length / Double(texts.count) }
        }
        return sum
    }
}

extension SearchIndex {
    /// Papers with each word in their title or abstract, read for ranking (not kept with the typed words'
    /// sets), a read transaction per word.
    func textSets(_ words: [String]) throws -> [DocSet] {
        let loaded = try loadedIndex()
        return try words.map { word in try store.pool.read { db in try loaded.union(db, keys: Self.textKeys(word)) } }
    }

    /// How many papers `textSet` would find for each word.
    func textCounts(_ words: [String]) throws -> [Int] {
        let loaded = try loadedIndex()
        return try store.pool.read { db in try loaded.counts(db, keys: words.map(Self.textKeys)) }
    }

    private static func textKeys(_ word: String) -> [String] {
        [SearchKey.word(SearchKey.title, word), SearchKey.word(SearchKey.abstract, word)]
    }
}

extension Store {
    /// The num of the paper with Folio id `id`.
    func num(ofID id: String) throws -> Int64? {
        try pool.read { db in try Int64.fetchOne(db, sql: "SELECT num FROM paper WHERE id = ?", arguments: [id]) }
    }

    func nums(ofIDs ids: [String]) throws -> [Int64] {
        try pool.read { db in
            try Int64.fetchAll(db, sql: "SELECT num FROM paper WHERE id IN (SELECT value FROM json_each(?))", arguments: [try Store.jsonList(ids)])
        }
    }
}
