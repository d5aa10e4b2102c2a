import FolioCore
import TerminalUI

/// The list as the runtime loads it: which rows of the search index's answer the state holds, read
/// from the store around the screen and a little ahead of it.
extension ReaderRuntime {
    /// One step of bringing the list up to date; true when it sent rows (the state may need more).
    func syncList() throws -> Bool {
        let key = state.listKey
        if let current, current.key == key, current.load == loadCount {
            let needed = state.neededRows
            if state.list.key == key, needed.clamped(to: state.list.loaded) == needed,
               state.selectedPosition.map({ state.list.loaded.contains($0) }) ?? true {
                // What the screen needs is here; read a few rows ahead, so no step waits for many.
                try readAhead(limit: Self.aheadStep)
                return false
            }
            try load(rowsToLoad(needed), of: current.result, key: key)
            return true
        }
        let sameList = current?.key == key
        var docs = try viewSet(key.view)
        if let filter = key.filter { docs.formIntersection(try resolver.exact(filter)) }
        let result = try resolver.index.list(docs)
        current = (key, loadCount, result)
        let selectedNum = state.selectedID.flatMap { id in state.list.papers.firstIndex { $0.id == id } }.flatMap { $0 < windowNums.count ? windowNums[$0] : nil }
        let selected = selectedNum.flatMap { result.position(of: $0) }
        let rows = max(Layout(state: state).listRows, 1)
        let around = selected ?? 0
        windowNums = []
        let window = try self.window(result, key: key, rows: max(around - rows / 2, 0)..<(around + rows + rows / 2))
        _ = state.update(.list(window, selected: selected, keepRow: sameList))
        return true
    }

    /// Rows read past the needed ones when the screen jumps (a page, a search, the end of the list).
    static var loadChunk: Int { 12 }
    /// Rows read ahead at most in one step while the screen has what it needs: a step that reads
    /// stays short, and scrolling a row at a time reads about a row a step.
    static var aheadStep: Int { 4 }

    /// The needed rows and a chunk either side, plus what is loaded already when it touches them, within
    /// the window's bounds (see `windowBounds`).
    private func rowsToLoad(_ needed: Range<Int>) -> Range<Int> {
        var low = max(needed.lowerBound - Self.loadChunk, 0)
        var high = min(needed.upperBound + Self.loadChunk, state.list.count)
        let loaded = state.list.loaded
        if loaded.lowerBound <= high && low <= loaded.upperBound {
            low = min(low, loaded.lowerBound)
            high = max(high, loaded.upperBound)
        }
        let bounds = windowBounds
        low = max(low, bounds.lowerBound)
        high = min(high, bounds.upperBound)
        return low..<max(low, high)
    }

    /// Two screens above the list's offset to three below: the window stays a few screens.
    private var windowBounds: Range<Int> {
        let rows = max(Layout(state: state).listRows, 1)
        let low = max(state.listOffset - 2 * rows, 0)
        return low..<max(low, min(state.listOffset + 3 * rows, state.list.count))
    }

    /// Rows worth having before the keys ask for them: a screen beyond the needed ones either side.
    private var wantedRows: Range<Int> {
        let rows = max(Layout(state: state).listRows, 1)
        let needed = state.neededRows
        return (max(needed.lowerBound - rows, 0)..<(needed.upperBound + rows)).clamped(to: windowBounds)
    }

    /// Extends the loaded rows towards `wantedRows` by at most `limit` rows (first on the side with
    /// more missing, which is where the list is heading); true when it read any.
    @discardableResult
    func readAhead(limit: Int) throws -> Bool {
        guard let current, current.key == state.listKey, current.load == loadCount, state.list.key == current.key else { return false }
        let loaded = state.list.loaded, wanted = wantedRows
        guard !loaded.isEmpty, loaded.overlaps(wanted) || loaded.upperBound == wanted.lowerBound || wanted.upperBound == loaded.lowerBound else { return false }
        var below = max(wanted.upperBound - loaded.upperBound, 0), above = max(loaded.lowerBound - wanted.lowerBound, 0)
        guard below + above > 0 else { return false }
        if below >= above { below = min(below, limit); above = min(above, limit - below) } else { above = min(above, limit); below = min(below, limit - above) }
        let bounds = windowBounds
        let rows = max(loaded.lowerBound - above, bounds.lowerBound)..<max(min(loaded.upperBound + below, bounds.upperBound), bounds.lowerBound)
        try load(rows, of: current.result, key: current.key)
        return true
    }

    /// Sends the window at `rows`, the selection kept where it is.
    private func load(_ rows: Range<Int>, of result: ResultList, key: ListKey) throws {
        let window = try self.window(result, key: key, rows: rows)
        _ = state.update(.list(window, selected: state.selectedPosition, keepRow: false))
    }

    /// The papers at `rows` of the list, topics filled in; rows already in the state's window are reused
    /// (`windowNums` says which paper each holds) and only the others are read from the store.
    private func window(_ result: ResultList, key: ListKey, rows: Range<Int>) throws -> ResultWindow {
        let rows = rows.clamped(to: 0..<result.count)
        let nums = self.nums(rows, of: result)
        let old = state.list, oldNums = windowNums
        func reusable(_ i: Int) -> Paper? {
            let at = rows.lowerBound + i - old.start
            return old.key == key && at >= 0 && at < oldNums.count && at < old.papers.count && oldNums[at] == nums[i] ? old.papers[at] : nil
        }
        let missing = nums.indices.filter { reusable($0) == nil }.map { nums[$0] }
        var fetched: [Int64: Paper] = [:]
        if !missing.isEmpty {
            let topics = try resolver.topicMembers().sorted { $0.key < $1.key }
            for (num, paper) in try store.papers(byNum: missing) {
                var paper = paper
                paper.topics = topics.filter { $0.value.contains(num) }.map(\.key)
                fetched[num] = paper
            }
        }
        var out: [Paper] = []
        out.reserveCapacity(nums.count)
        var outNums: [Int64] = []
        outNums.reserveCapacity(nums.count)
        for (i, num) in nums.enumerated() {
            guard let paper = reusable(i) ?? fetched[num] else { break }
            out.append(paper)
            outNums.append(num)
        }
        windowNums = outNums
        return ResultWindow(key: key, count: result.count, start: rows.lowerBound, papers: out)
    }

    /// Positions whose nums are read at once: finding them walks the index's date order, so a step
    /// that reads a row ahead takes its num from the last walk.
    static var numsChunk: Int { 256 }

    /// The nums at `rows` of `result`.
    func nums(_ rows: Range<Int>, of result: ResultList) -> [Int64] {
        if let known = knownNums, known.result === result, known.start <= rows.lowerBound,
           rows.upperBound <= known.start + known.nums.count {
            return Array(known.nums[(rows.lowerBound - known.start)..<(rows.upperBound - known.start)])
        }
        let chunk = max(rows.lowerBound - Self.numsChunk / 2, 0)..<(rows.upperBound + Self.numsChunk)
        let nums = result.nums(chunk)
        knownNums = (result, chunk.lowerBound, nums)
        let from = rows.lowerBound - chunk.lowerBound
        return Array(nums[min(from, nums.count)..<min(from + rows.count, nums.count)])
    }

    /// Every paper of the list the state shows, in order (tests compare it with the store's answer).
    func listedPapers() throws -> [Paper] {
        guard let current else { return [] }
        let topics = try resolver.topicMembers()
        return try store.papers(byNum: current.result.nums(0..<current.result.count)).map { num, paper in
            var paper = paper
            paper.topics = topics.filter { $0.value.contains(num) }.map(\.key).sorted()
            return paper
        }
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
        }
    }

    /// Reads all the rows ahead `wantedRows` asks for (the loop calls it when no key is waiting).
    public func readAheadWhileIdle() {
        do {
            try readAhead(limit: Int.max / 4)
        } catch {
            _ = state.update(.status(StatusMessage(text: "cannot read the library: \(error)", isError: true)))
        }
    }

}
