import GRDB

/// Papers whose title has given words, read from the search index inside an import's transaction: how
/// a source without arXiv ids (a Daily Papers page, BibTeX) finds the arXiv paper it means. An index
/// on every paper's title hash did this before, but imports inserted into it all over: at a million
/// papers it was a quarter of the import's time (29 s against 37 s for the bench's import).
struct TitleWordLookup {
    private let segments: IndexSegments
    private let capacity: Int
    private let lists: PostingReader

    /// `capacity`: above the nums of every paper already in the library.
    init(_ db: Database, capacity: Int) throws {
        segments = try IndexSegments(db)
        self.capacity = capacity
        lists = try PostingReader(db)
    }

    /// Papers indexed with all of `words` in their title; longer words first (they are rarer), stopping
    /// once few papers are left: the caller compares the titles themselves.
    func papers(withTitleWords words: [String]) throws -> [Int64] {
        var result: DocSet?
        for word in Set(words).sorted(by: { ($0.utf8.count, $0) > ($1.utf8.count, $1) }) {
            let key = SearchKey.word(SearchKey.title, word)
            let set = try segments.fold(from: DocSet(capacity: capacity)) { segment, set in
                try lists.add(segment: segment, key: key, to: &set)
            }
            result?.formIntersection(set)
            if result == nil { result = set }
            if let result, result.count <= 8 { break }
        }
        return result?.nums ?? []
    }
}
