import GRDB

/// What the search index holds, segment by segment (`folio index stats`). A posting is one paper in one
/// key's list; a stale one is of a paper a later segment re-indexed (queries drop it, merges delete it).
public struct SearchIndexStats: Sendable, Equatable {
    public struct Segment: Sendable, Equatable {
        public var id: Int64
        /// Papers in the segment's lists.
        public var papers: Int
        /// Papers the segment re-indexed (earlier segments' postings of them are stale).
        public var replaced: Int
        /// Bytes of the segment's stored lists (`docs`; a block row's keys included).
        public var bytes: Int
        public var postings: Int
        public var stalePostings: Int
    }

    public var segments: [Segment]
    /// Papers in the library, and the most segments the merge policy leaves for the segments' papers.
    public var papers: Int
    public var mergeBound: Int

    public var bytes: Int { segments.reduce(0) { $0 + $1.bytes } }
    public var postings: Int { segments.reduce(0) { $0 + $1.postings } }
    public var stalePostings: Int { segments.reduce(0) { $0 + $1.stalePostings } }
    public var staleFraction: Double { postings == 0 ? 0 : Double(stalePostings) / Double(postings) }
}

extension Store {
    /// Reads every list of the index once: a few seconds at a million papers.
    public func searchIndexStats() throws -> SearchIndexStats {
        try pool.read { db in
            let stored = try StoredSegment.all(db, save: false)
            let capacity = try SegmentColumns.numCapacity(db)
            let bytes = try Dictionary(uniqueKeysWithValues: Row.fetchAll(db, sql: """
                SELECT segment, sum(length(docs)) AS bytes FROM search_postings GROUP BY segment
                """).map { ($0["segment"] as Int64, $0["bytes"] as Int) })
            // Newest first, so each segment knows what the segments after it re-indexed.
            var later: DocSet?
            var segments: [SearchIndexStats.Segment] = []
            for segment in stored.reversed() {
                var papers = DocSet(capacity: capacity)
                var postings = 0, stale = 0
                let cursor = try PostingCursor(db, segment: segment.id)
                while !cursor.isDone {
                    PostingList.add(cursor.list, to: &papers)
                    let counted = PostingList.count(cursor.list, stale: later)
                    postings += counted.all
                    stale += counted.stale
                    try cursor.advance()
                }
                segments.append(SearchIndexStats.Segment(id: segment.id, papers: papers.count, replaced: segment.replaced.count,
                                                         bytes: bytes[segment.id] ?? 0, postings: postings, stalePostings: stale))
                if !segment.replaced.isEmpty {
                    if later == nil { later = DocSet(capacity: capacity) }
                    for num in segment.replaced { later?.insert(num) }
                }
            }
            let total = stored.reduce(0) { $0 + $1.papers }
            return SearchIndexStats(segments: segments.reversed(), papers: try Int.fetchOne(db, sql: "SELECT count(*) FROM paper") ?? 0,
                                    mergeBound: mergePolicy.bound(papers: total))
        }
    }
}
