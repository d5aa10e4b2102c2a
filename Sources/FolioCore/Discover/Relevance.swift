import Foundation

/// Relevance order of a filter's matches: the query's words weighted by rarity. A paper scores, for
/// each word the query asks for (text terms not under NOT, each word of a phrase; a prefix stands for
/// the words it begins), `idf · weight` for each field holding it: the title weighs 3, the abstract and
/// the authors 1. `idf` is `ln(1 + (N − n + 0.5) / (n + 0.5))` for a word in n of the library's N papers
/// (in any of the term's fields). Ties keep the date order: newer first, then the order of import.
/// It is set arithmetic on the index's lists, so 100,000 matches sort in milliseconds.
public enum Relevance {
    static let fieldWeights: [(field: TextField, weight: Double)] = [(.title, 3), (.abstract, 1), (.author, 1)]

    struct Word: Equatable {
        var word: String
        var prefix: Bool
        var fields: [TextField]
    }

    /// What the query asks for, in the order it says it.
    static func words(of query: Query) -> [Word] {
        switch query {
        case .and(let parts), .or(let parts): return parts.flatMap(words)
        case .not, .filter: return []
        case .text(let term):
            let fields = term.field.map { [$0] } ?? TextField.allCases
            return term.words.enumerated().map { i, word in
                Word(word: word, prefix: term.prefix && i == term.words.count - 1, fields: fields)
            }
        }
    }

    static func idf(papers: Int, having n: Int) -> Double {
        log(1 + (Double(papers - n) + 0.5) / (Double(n) + 0.5))
    }

    /// `docs` in relevance order for `query`, at most `limit`.
    static func order(_ docs: DocSet, query: Query, index: SearchIndex, limit: Int) throws -> [Int64] {
        let loaded = try index.loadedIndex()
        var score = [Double](repeating: 0, count: loaded.position.count)
        for word in words(of: query) {
            let sets = try word.fields.map { try index.fieldSet(word.word, prefix: word.prefix, field: $0) }
            var any = loaded.empty
            for set in sets { any.formUnion(set) }
            let idf = idf(papers: loaded.order.count, having: any.count)
            for (field, set) in zip(word.fields, sets) {
                let weight = idf * fieldWeights.first { $0.field == field }!.weight
                var matched = set
                matched.formIntersection(docs)
                score.withUnsafeMutableBufferPointer { score in matched.forEachNum { if $0 < score.count { score[$0] += weight } } }
            }
        }
        // Few distinct scores (sums of a few words' weights): the matches walked in date order fall into
        // one bucket per score, each in date order, and only the distinct scores are sorted.
        var buckets: [Double: [Int64]] = [:]
        for num in loaded.order where docs.contains(Int64(num)) {
            buckets[score[Int(num)], default: []].append(Int64(num))
        }
        var ordered: [Int64] = []
        ordered.reserveCapacity(min(limit, docs.count))
        for key in buckets.keys.sorted(by: >) where ordered.count < limit {
            ordered += buckets[key]!.prefix(limit - ordered.count)
        }
        return ordered
    }

    /// The score of one paper's words, as `order` adds it up (the plain definition tests compare with).
    static func score(_ words: PaperWords, query: Query, idf: (Word) -> Double) -> Double {
        var total = 0.0
        for word in Self.words(of: query) {
            let weightedIDF = idf(word)
            for field in word.fields where words.has(word.word, prefix: word.prefix, in: field) {
                total += weightedIDF * fieldWeights.first { $0.field == field }!.weight
            }
        }
        return total
    }
}

extension PaperWords {
    func has(_ word: String, prefix: Bool, in field: TextField) -> Bool {
        let found: ([String]) -> Bool = { prefix ? $0.contains { $0.hasPrefix(word) } : $0.contains(word) }
        switch field {
        case .title: return found(title)
        case .abstract: return found(abstract)
        case .author: return authors.contains(where: found)
        }
    }
}
