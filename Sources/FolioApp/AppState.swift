import FolioCore
import FolioFetch
import TerminalUI

public enum Focus: Sendable, Equatable, CaseIterable {
    case sidebar, list, pane
}

/// Which papers the list shows.
public enum LibraryView: Sendable, Hashable {
    case all, starred, unread
    /// Papers that arrived since the user's last session.
    case new
    /// Unread papers ranked by what the user stars, or tags `tag` (`Discovery.recommend`), best first.
    case forYou(tag: String?)
    case tag(String)
    case topic(String)
    /// The papers most like the paper `id` (`Discovery.similar`), best first.
    case similar(id: String, title: String)

    public var label: String {
        switch self {
        case .all: return "All"
        case .starred: return "Starred"
        case .unread: return "Unread"
        case .new: return "New"
        case .forYou(let tag): return tag.map { "For you: \($0)" } ?? "For you"
        case .tag(let name): return "tag: \(name)"
        case .topic(let name): return "topic: \(name)"
        case .similar(_, let title): return "like: \(title)"
        }
    }

    /// Ranked best first, with a score and the words that weigh most on each row.
    public var isRanked: Bool {
        switch self {
        case .forYou, .similar: return true
        default: return false
        }
    }
}

/// The order of the list, chosen per view with the sort key.
public enum ListOrder: String, Sendable, Equatable {
    /// A ranked view's own order.
    case best
    case date, title, upvotes
    /// The filter's words weighted by rarity (`Relevance`).
    case relevance

    /// How the status line and the status message say it.
    public var label: String {
        switch self {
        case .best: return "best first"
        case .date: return "newest first"
        case .title: return "by title"
        case .upvotes: return "most upvoted"
        case .relevance: return "by relevance"
        }
    }

    /// The store's sort for this order; nil for a ranking's own.
    var paperSort: PaperSort? {
        switch self {
        case .best: return nil
        case .date: return .date
        case .title: return .title
        case .upvotes: return .upvotes
        case .relevance: return .relevance
        }
    }
}

/// A view left for More like this, and the paper selected in it, to come back to.
public struct ViewVisit: Sendable, Equatable {
    public var view: LibraryView
    public var filterText: String
    public var selectedNum: Int64?
}

/// Papers read in place in one view with one filter (`AppState.readInPlace`).
public struct ReadInPlace: Sendable, Equatable {
    public var view: LibraryView
    public var filter: Query?
    public var nums: [Int64]
}

/// A question on the status line, answered by a line of text.
public struct Prompt: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case addTags
        /// Choose one of the paper's tags to remove.
        case removeTag(choices: [String])
        case filter
        /// Name for the current filter, saved as a topic.
        case saveTopic
        /// Name for the current filter, saved as a mute rule.
        case saveMute
        /// The topic's query, with the live match count beside it.
        case editTopic(name: String)
        case confirmDeleteTopic(name: String)
        /// A topic of that name exists: replace its query?
        case confirmReplaceTopic(name: String, query: String)
        /// A change to more than one paper: go ahead?
        case confirmBulk(BulkRequest)
        /// The tag's new name (merging into a tag of that name).
        case renameTag(name: String)
        case confirmDeleteTag(name: String, papers: Int)
        /// Which text of the selected paper to copy: one key, a format's letter; any other cancels.
        case copyAs
        /// A day, `YYYY-MM-DD`, to jump to in date order.
        case jumpToDate

        /// A yes-or-no question: `y` answers yes, any other key no.
        var isConfirmation: Bool {
            switch self {
            case .confirmDeleteTopic, .confirmReplaceTopic, .confirmBulk, .confirmDeleteTag: return true
            default: return false
            }
        }

        /// The history Up and Down walk through.
        var history: PromptHistory.Kind? {
            switch self {
            case .filter: return .filter
            case .addTags: return .tags
            default: return nil
            }
        }
    }

    public var kind: Kind
    public var editor: LineEditor
    /// The query syntax is shown over the list (the filter prompt's `Ctrl-G`).
    public var showsSyntax = false
    /// Why Enter did not take the text (a day that is not `YYYY-MM-DD`), until it is edited.
    public var error: String?
    /// The history entry shown (counting back from the newest, 1 the newest), and the text typed before
    /// Up was pressed; nil while the text is the one being typed.
    var historyStep: (steps: Int, typed: String)?

    public init(kind: Kind, text: String = "") {
        self.kind = kind
        editor = LineEditor(text)
    }

    public var text: String { editor.text }

    public var label: String {
        switch kind {
        case .addTags: return "tags: "
        case .removeTag: return "remove tag: "
        case .filter: return "/"
        case .saveTopic: return "save topic as: "
        case .saveMute: return "mute what the filter finds, as rule: "
        case .editTopic(let name): return "topic \(name): "
        case .confirmDeleteTopic(let name): return "delete topic \(name)? (y/n) "
        case .confirmReplaceTopic(let name, _): return "replace topic \(name)? (y/n) "
        case .confirmBulk(let request): return request.question + " (y/n) "
        case .renameTag(let name): return "rename tag \(name) to: "
        case .confirmDeleteTag(let name, let papers): return "remove tag \(name) from \(papersCount(papers))? (y/n) "
        case .copyAs: return "copy: \(CopyFormat.choices)"
        case .jumpToDate: return "date: "
        }
    }

    public static func == (a: Prompt, b: Prompt) -> Bool {
        a.kind == b.kind && a.editor == b.editor && a.error == b.error && a.historyStep?.steps == b.historyStep?.steps
            && a.historyStep?.typed == b.historyStep?.typed
    }
}

public enum Mode: Sendable, Equatable {
    case browse
    /// The selected paper full screen.
    case reading
    case help
}

/// What the library holds now, as counted by the runtime: no papers, only what the sidebar shows.
public struct LibrarySnapshot: Sendable, Equatable {
    public struct TopicCount: Sendable, Equatable {
        public var name: String
        public var count: Int
        public var unread: Int
        public var new: Int

        public init(name: String, count: Int, unread: Int, new: Int) {
            self.name = name
            self.count = count
            self.unread = unread
            self.new = new
        }
    }

    public var total: Int
    public var starred: Int
    public var unread: Int
    public var tags: [TagCount]
    public var topics: [Topic]
    /// Papers imported after this moment count as new (the end of the user's last session).
    public var newSince: String?
    public var newCount: Int
    /// Papers, unread papers and new papers carrying each topic.
    public var topicCounts: [TopicCount]
    /// Papers the For you view ranks (as last ranked, in the background).
    public var forYouCount: Int

    public init(total: Int, starred: Int, unread: Int, tags: [TagCount], topics: [Topic] = [], newSince: String? = nil,
                newCount: Int = 0, topicCounts: [TopicCount] = [], forYouCount: Int = 0) {
        self.total = total
        self.starred = starred
        self.unread = unread
        self.tags = tags
        self.topics = topics
        self.newSince = newSince
        self.newCount = newCount
        self.topicCounts = topicCounts
        self.forYouCount = forYouCount
    }

    public static let empty = LibrarySnapshot(total: 0, starred: 0, unread: 0, tags: [])
}

/// How many papers a topic query being edited matches (or why it does not parse), as the runtime counted.
public struct LiveCount: Sendable, Equatable {
    public var text: String
    public var result: String

    public init(text: String, result: String) {
        self.text = text
        self.result = result
    }
}

public struct StatusMessage: Sendable, Equatable {
    public var text: String
    public var isError: Bool

    public init(text: String, isError: Bool) {
        self.text = text
        self.isError = isError
    }
}

/// The whole reader as a value: `update` changes it and says what to load or write, `render` draws it.
public struct AppState: Sendable, Equatable {
    public var libraryName: String
    public var width: Int { didSet { relayout() } }
    public var height: Int { didSet { relayout() } }
    /// Where each part of the screen goes: follows the size, mode and preferences it depends on.
    public private(set) var layout: Layout
    public var snapshot = LibrarySnapshot.empty
    /// Which snapshot this is (each `Msg.loaded` bumps it): part of the list's key.
    public var libraryVersion = 0
    public var view = LibraryView.all
    /// Each view's order when it is not the view's first (`date`, or `best` for a ranking).
    public var orders: [LibraryView: ListOrder] = [:]
    /// Views left for More like this, newest last: Esc goes back to them.
    public var visits: [ViewVisit] = []
    /// The paper to select when the next list opens (coming back to a view), by its number.
    var keepNum: Int64?
    /// Papers marked read by opening them, kept in their list while its view and filter stay (so the
    /// Unread view does not lose the paper being read, and the next paper is the one after it).
    var readInPlace: ReadInPlace?
    /// A paper reached while reading full screen before its row loaded: marked read once it is.
    var readOnArrival = false
    /// The filter as typed (kept so in the header, a saved topic and the filter prompt).
    public var filterText = ""
    /// The last filter that parsed: while the text is incomplete (an open quote) the list keeps it.
    public var filterQuery: Query?
    /// Why `filterText` does not parse, shown quietly on the filter line.
    public var filterError: String?
    /// The list as shown: the view's papers that pass the filter, a window of them loaded.
    public var list = ResultWindow()
    /// The load asked for and not answered yet, so it is asked once.
    public var pendingLoad: Effect?
    /// The selected paper's position in the list, and its id (nil while its row is not loaded).
    public var selectedPosition: Int?
    public var selectedID: String?
    /// The live count beside a topic query being edited: the text it was counted for, and the count.
    public var liveCounted: LiveCount?
    public var listOffset = 0
    public var paneScroll = 0
    /// The pane and the reading view show the title and abstract as stored, TeX unrendered (`v`).
    public var showsSource = false
    public var focus = Focus.list
    public var sidebarShown = true { didSet { relayout() } }
    public var sidebarIndex = 0
    public var sidebarOffset = 0
    public var mode = Mode.browse {
        didSet {
            relayout()
            if mode != .help { helpScroll = 0 }
            keepPaneScrollInside()
        }
    }
    public var prompt: Prompt?
    /// Papers marked for a bulk action, by their numbers in the library; kept across views until cleared.
    public var marked: Set<Int64> = []
    /// Papers that mute rules hide are shown in place, marked (`H`).
    public var showMuted = false
    /// `;` was pressed: the next star, read, tag or untag acts on every paper of the view.
    public var forView = false
    /// The papers a tag or untag prompt open now acts on, when more than the selected one.
    public var pendingBulk: BulkSelection?
    /// Earlier filters and tag entries, oldest first, for Up and Down in a prompt.
    public var history = PromptHistory()
    public var status: StatusMessage?
    public var helpScroll = 0
    public var keymap = Keymap.standard
    public var preferences = ReaderPreferences() {
        didSet {
            sidebarShown = preferences.sidebarShown
            relayout()
        }
    }
    public var quitRequested = false
    /// Sources being fetched in the background and what each is doing, in order; empty when idle.
    public var fetchProgress: [FetchLine] = []
    public var isFetching = false
    /// PDFs downloading in the background and waiting to.
    public var pdfDownloads = PDFDownloads()

    public init(libraryName: String, width: Int, height: Int) {
        self.libraryName = libraryName
        self.width = width
        self.height = height
        layout = Layout(width: width, height: height, mode: .browse, sidebarShown: true, split: ReaderPreferences().split)
    }

    private mutating func relayout() {
        layout = Layout(width: width, height: height, mode: mode, sidebarShown: sidebarShown, split: preferences.split)
        // A taller or shorter sidebar (after help, a resize) shows its rows from a place they still fill.
        if let sidebar = layout.sidebar {
            sidebarOffset = min(sidebarOffset, max(SidebarView.rows(self).count - layout.inner(sidebar).height, 0))
        }
    }

    public var selectedPaper: Paper? {
        guard let position = selectedPosition, let paper = list.paper(at: position), paper.id == selectedID else { return nil }
        return paper
    }

    /// What the list should show now: `update` asks for it whenever `list` answers another key.
    public var listKey: ListKey {
        ListKey(view: view, filter: filterQuery, order: order, version: libraryVersion, preview: prompt?.kind == .filter,
                showMuted: showMuted, readInPlace: readInPlaceHere)
    }

    /// The papers read in place in the view and filter shown now.
    var readInPlaceHere: [Int64] {
        readInPlace.flatMap { $0.view == view && $0.filter == filterQuery ? $0.nums : nil } ?? []
    }

    /// The orders the sort key goes through in this view: a ranking's own first, relevance with a filter.
    var orderChoices: [ListOrder] {
        (view.isRanked ? [.best] : []) + [.date, .title, .upvotes] + (filterQuery != nil ? [.relevance] : [])
    }

    /// The list's order now: the one chosen for the view while it still applies.
    public var order: ListOrder {
        let choices = orderChoices
        return orders[view].flatMap { choices.contains($0) ? $0 : nil } ?? choices[0]
    }

    /// Sidebar rows: the library views, one per tag, then one per topic (with its unread and new counts).
    public var sidebarEntries: [(view: LibraryView, count: Int, unread: Int?, new: Int?)] {
        [(.all, snapshot.total, nil, nil), (.starred, snapshot.starred, nil, nil), (.unread, snapshot.unread, nil, nil),
         (.new, snapshot.newCount, nil, nil), (.forYou(tag: nil), snapshot.forYouCount, nil, nil)]
            + snapshot.tags.map { (.tag($0.name), $0.count, nil, nil) }
            + snapshot.topicCounts.map { (.topic($0.name), $0.count, $0.unread, $0.new) }
    }

    public var allTagNames: [String] { snapshot.tags.map(\.name) }
}

extension Paper {
    /// Imported after `moment` (ISO 8601 text, so the strings compare in time order).
    public func isNew(since moment: String?) -> Bool {
        guard let moment else { return false }
        return firstImportedAt > moment
    }
}
