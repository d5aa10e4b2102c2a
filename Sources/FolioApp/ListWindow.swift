import FolioCore

/// Which list the reader shows: a library view narrowed by a filter, at one version of the library.
public struct ListKey: Sendable, Equatable {
    public var view: LibraryView
    public var filter: Query?
    public var order: ListOrder
    /// Bumped by every `Msg.loaded`: the library may have changed, so the list is found again.
    public var version: Int
    /// The filter is being typed: a phrase with very many candidates is checked in the newest of them
    /// alone (`ResultWindow.complete` false), and in full once Enter keeps the filter.
    public var preview: Bool
    /// Muted papers are shown in place, marked, instead of left out.
    public var showMuted: Bool
    /// Papers of the list read by opening them: they stay in it whatever the view or filter says of read papers.
    public var readInPlace: [Int64]

    public init(view: LibraryView, filter: Query?, order: ListOrder = .date, version: Int, preview: Bool = false, showMuted: Bool = false,
                readInPlace: [Int64] = []) {
        self.showMuted = showMuted
        self.readInPlace = readInPlace
        self.view = view
        self.filter = filter
        self.order = order
        self.version = version
        self.preview = preview
    }

    /// The same view and filter, perhaps at another version of the library or checked further.
    func sameList(as other: ListKey?) -> Bool { other?.view == view && other?.filter == filter && other?.order == order }
}

/// A paper of the list and its number in the library (how the search index knows it).
public struct ListRow: Sendable, Equatable {
    public var num: Int64
    public var paper: Paper
    /// In a ranked view: the paper's score and the words that add most to it.
    public var ranking: Ranking?
    /// A mute rule matches it (shown only while muted papers are).
    public var isMuted: Bool

    public init(num: Int64, paper: Paper, ranking: Ranking? = nil, isMuted: Bool = false) {
        self.isMuted = isMuted
        self.num = num
        self.paper = paper
        self.ranking = ranking
    }
}

/// Why a ranked view places a paper where it does.
public struct Ranking: Sendable, Hashable {
    public var score: Double
    public var because: [String]

    public init(score: Double, because: [String]) {
        self.score = score
        self.because = because
    }
}

/// The part of the list the reader holds: the exact number of matches, and the rows around the screen
/// (`rows[i]` is the paper at position `start + i`), loaded through `Effect.openList` and `loadRows`.
public struct ResultWindow: Sendable, Equatable {
    /// The list these rows answer; nil before the first load.
    public var key: ListKey?
    public var count = 0
    public var start = 0
    public var rows: [ListRow] = []
    /// False while a phrase was checked in its newest candidates alone: `count` papers match, more may.
    public var complete = true
    /// Papers of the view and filter that mute rules hide (shown or not).
    public var hidden = 0

    public init(key: ListKey? = nil, count: Int = 0, start: Int = 0, rows: [ListRow] = [], complete: Bool = true, hidden: Int = 0) {
        self.hidden = hidden
        self.key = key
        self.count = count
        self.start = start
        self.rows = rows
        self.complete = complete
    }

    /// `count`, with a `+` when more papers may match.
    public var countText: String { complete ? "\(count)" : "\(count)+" }

    /// Positions whose rows are loaded.
    public var loaded: Range<Int> { start..<(start + rows.count) }

    public var papers: [Paper] { rows.map(\.paper) }

    public func row(at position: Int) -> ListRow? {
        loaded.contains(position) ? rows[position - start] : nil
    }

    public func paper(at position: Int) -> Paper? { row(at: position)?.paper }

    /// These rows and `other`'s of the same list, as one window when they touch; else `other`'s alone.
    func merged(with other: ResultWindow) -> ResultWindow {
        guard other.key == key, other.count == count, !rows.isEmpty,
              other.loaded.lowerBound <= loaded.upperBound, loaded.lowerBound <= other.loaded.upperBound
        else { return other }
        let low = min(start, other.start), high = max(loaded.upperBound, other.loaded.upperBound)
        let rows = (low..<high).map { other.row(at: $0) ?? row(at: $0)! }
        return ResultWindow(key: key, count: count, start: low, rows: rows)
    }
}
