import FolioCore
import TerminalUI

/// Answers the list effects from the library: the search index finds a list's papers and their order,
/// the store reads the rows asked for. Keeps the last list found and a stretch of its numbers, so
/// scrolling reads rows without finding the list again.
final class ListSource {
    let store: Store
    let resolver: QueryResolver
    /// Papers imported after this moment are the New view's.
    var newSince: String?
    /// The For you views' papers (by stars: tag nil; by a tag), best first, as the runtime last ranked
    /// them in the background.
    var forYou: [String?: [RankedPaper]] = [:]
    /// Ranks papers like another (More like this).
    private lazy var discovery = Discovery(store: store, index: resolver.index)
    /// The last More like this, kept while the index stays at its generation: a star, a filter keystroke
    /// or a sort find the list again, but the papers' words, and so the ranking, are the same.
    private var similar: (id: String, generation: Int64, ranked: [RankedPaper])?
    private var current: (key: ListKey, result: any OrderedNums, complete: Bool, hidden: Int)?
    /// The ranked view's scores and reasons, by num.
    private var rankings: [Int64: Ranking] = [:]
    /// Numbers of a stretch of `current`'s positions, read from the index a chunk at a time.
    private var knownNums: (start: Int, nums: [Int64])?

    /// Positions whose numbers are read at once: finding them walks the index's date order, so a step
    /// that reads a row ahead takes its number from the last walk.
    static let numsChunk = 256
    /// Candidates of a phrase checked at a keystroke while the filter is typed: about 4 ms at a million papers.
    static let previewChecks = 250

    init(store: Store, resolver: QueryResolver) {
        self.store = store
        self.resolver = resolver
    }

    /// The library changed: lists are found again.
    func forget() {
        current = nil
        knownNums = nil
    }

    func open(_ key: ListKey, keep: Int64?, fallback: Int, rows: Int) throws -> Msg {
        let (result, complete) = try self.result(key)
        guard result.count > 0 else {
            return .listOpened(ResultWindow(key: key, complete: complete, hidden: current?.hidden ?? 0), selected: nil)
        }
        let position = keep.flatMap { result.position(of: $0) } ?? min(max(fallback, 0), result.count - 1)
        let window = try self.window(key, max(position - rows / 2, 0)..<(position + rows + rows / 2))
        return .listOpened(window, selected: position)
    }

    func rows(_ key: ListKey, _ rows: Range<Int>) throws -> Msg {
        .rowsLoaded(try window(key, rows))
    }

    /// `@`: the newest paper of the list dated on or before `day`, found by halving the list (in date
    /// order), reading a paper at each step.
    func day(_ key: ListKey, onOrBefore day: String) throws -> Msg {
        let (result, _) = try self.result(key)
        func published(_ position: Int) throws -> String? {
            try store.papers(byNum: result.nums(position..<(position + 1))).first?.paper.metadata.published
        }
        let position = try DateJump.firstPosition(count: result.count, onOrBefore: day, published: published)
        return .dayFound(key, day: day, position: position, published: try position.flatMap(published))
    }

    /// The list's papers at `rows` (clamped into it), their topics filled in.
    private func window(_ key: ListKey, _ rows: Range<Int>) throws -> ResultWindow {
        let (result, complete) = try self.result(key)
        let rows = rows.clamped(to: 0..<result.count)
        let nums = self.nums(rows, of: result)
        // A paper deleted since the list was found ends the window there (the reload after it finds the list again).
        let found = try papers(nums)
        let whole = zip(found, nums).prefix { $0.0.num == $0.1 }.map(\.0)
        return ResultWindow(key: key, count: result.count, start: rows.lowerBound, rows: whole, complete: complete,
                            hidden: current?.hidden ?? 0)
    }

    private func result(_ key: ListKey) throws -> (any OrderedNums, complete: Bool) {
        if let current, current.key == key { return (current.result, current.complete) }
        var docs: DocSet, complete = true
        var ranked: [RankedPaper]?
        switch key.view {
        case .similar(let id, _): ranked = try similarPapers(id)
        case .forYou(let tag): ranked = forYou[tag] ?? []
        default: ranked = nil
        }
        if let ranked {
            docs = try resolver.index.set(of: ranked.map(\.num))
        } else {
            docs = try viewSet(key.view)
        }
        if let filter = key.filter {
            let matches = try resolver.matches(filter, checkingAtMost: key.preview ? ListSource.previewChecks : nil)
            docs.formIntersection(matches.docs)
            complete = matches.complete
        }
        // Papers read by opening them stay where they were until the view or filter changes.
        if !key.readInPlace.isEmpty { docs.formUnion(try resolver.index.set(of: key.readInPlace)) }
        let muted = try resolver.muted()
        var hidden = 0
        if !muted.isEmpty {
            // Counted from the set as it shrinks: no copy of a million-paper bitmap at each keystroke.
            let before = docs.count
            if key.showMuted {
                var visible = docs
                visible.subtract(muted)
                hidden = before - visible.count
            } else {
                docs.subtract(muted)
                hidden = before - docs.count
            }
        }
        let result: any OrderedNums
        if let sort = key.order.paperSort {
            result = sort == .date && ranked == nil
                ? try resolver.index.list(docs)
                : NumList(try PaperListing(store: store, resolver: resolver).nums(docs, sort: sort, query: key.filter, limit: nil))
        } else {
            result = NumList(ranked!.map(\.num).filter { docs.contains($0) })
        }
        rankings = Dictionary((ranked ?? []).map { ($0.num, Ranking(score: $0.score, because: $0.because)) }) { a, _ in a }
        current = (key, result, complete, hidden)
        knownNums = nil
        return (result, complete)
    }

    private func similarPapers(_ id: String) throws -> [RankedPaper] {
        let generation = try resolver.index.generation()
        if let similar, similar.id == id, similar.generation == generation { return similar.ranked }
        let ranked = try discovery.similar(to: id)
        similar = (id, generation, ranked)
        return ranked
    }

    /// The numbers at `rows` of `result`.
    private func nums(_ rows: Range<Int>, of result: any OrderedNums) -> [Int64] {
        if let known = knownNums, known.start <= rows.lowerBound, rows.upperBound <= known.start + known.nums.count {
            return Array(known.nums[(rows.lowerBound - known.start)..<(rows.upperBound - known.start)])
        }
        let chunk = max(rows.lowerBound - Self.numsChunk / 2, 0)..<(rows.upperBound + Self.numsChunk)
        let nums = result.nums(chunk)
        knownNums = (chunk.lowerBound, nums)
        let from = rows.lowerBound - chunk.lowerBound
        return Array(nums[min(from, nums.count)..<min(from + rows.count, nums.count)])
    }

    /// Rows for `nums`, in their order, each with the topics it carries.
    func papers(_ nums: [Int64]) throws -> [ListRow] {
        guard !nums.isEmpty else { return [] }
        let topics = try resolver.topicMembers().sorted { $0.key < $1.key }
        let muted = try resolver.muted()
        return try store.papers(byNum: nums).map { num, paper in
            var paper = paper
            paper.topics = topics.filter { $0.value.contains(num) }.map(\.key)
            return ListRow(num: num, paper: paper, ranking: rankings[num], isMuted: muted.contains(num))
        }
    }

    /// The numbers of every paper of the list, in order.
    func allNums(_ key: ListKey) throws -> [Int64] {
        let (result, _) = try self.result(key)
        return result.nums(0..<result.count)
    }

    /// Every paper of the list last found, in order (tests compare it with the store's answer).
    func all() throws -> [Paper] {
        guard let current else { return [] }
        return try papers(current.result.nums(0..<current.result.count)).map(\.paper)
    }

    /// The papers a library view holds.
    func viewSet(_ view: LibraryView) throws -> DocSet {
        switch view {
        case .all: return try resolver.all()
        case .starred: return try resolver.starred()
        case .unread: return try resolver.unread()
        case .new: return try resolver.importedAfter(newSince)
        case .tag(let name): return try resolver.tagged(name)
        case .topic(let name): return try resolver.topic(name)
        case .forYou, .similar: return try resolver.index.empty()
        }
    }
}

/// A list's numbers in order, read by position: the index's date order (`ResultList`) or a list sorted
/// another way (`NumList`).
protocol OrderedNums: AnyObject {
    var count: Int { get }
    func nums(_ range: Range<Int>) -> [Int64]
    func position(of num: Int64) -> Int?
}

extension ResultList: OrderedNums {}

/// Numbers already in order (a ranking, or a sort by title, upvotes or relevance).
final class NumList: OrderedNums {
    let all: [Int64]
    private lazy var positions = Dictionary(all.enumerated().map { ($1, $0) }) { a, _ in a }

    init(_ nums: [Int64]) { all = nums }

    var count: Int { all.count }

    func nums(_ range: Range<Int>) -> [Int64] { Array(all[range.clamped(to: 0..<all.count)]) }

    func position(of num: Int64) -> Int? { positions[num] }
}
