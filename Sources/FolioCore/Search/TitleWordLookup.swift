import GRDB

/// Papers whose title has given words, read from the search index inside an import's transaction: how
/// a source without arXiv ids (a Daily Papers page, BibTeX) finds the arXiv paper it means. An index
/// on every paper's title hash did this before, but imports inserted into it all over: at a million
/// papers it was a quarter of the import's time (29 s against 37 s for the bench's import).
struct TitleWordLookup {
    private let segments: [(id: Int64, replaced: [UInt32])]
    private let capacity: Int
    private let lists: PostingReader

    init(_ db: Database) throws {
        segments = try Row.fetchAll(db, sql: "SELECT id, replaced FROM search_segment ORDER BY id").map {
            ($0["id"], PostingList.decodeInts($0["replaced"], as: UInt32.self))
        }
        capacity = (try Int.fetchOne(db, sql: "SELECT max(num) FROM paper") ?? 0) + 1
        lists = try PostingReader(db)
    }

    /// Papers indexed with all of `words` in their title; longer words first (they are rarer), stopping
    /// once few papers are left: the caller compares the titles themselves.
    func papers(withTitleWords words: [String]) throws -> [Int64] {
        var result: DocSet?
        for word in Set(words).sorted(by: { ($0.utf8.count, $0) > ($1.utf8.count, $1) }) {
            var set = DocSet(capacity: capacity)
            let key = SearchKey.word(SearchKey.title, word)
            for segment in segments {
                for num in segment.replaced { set.remove(num) }
                try lists.add(segment: segment.id, key: key, to: &set)
            }
            result?.formIntersection(set)
            if result == nil { result = set }
            if let result, result.count <= 8 { break }
        }
        return result?.nums ?? []
    }
}
