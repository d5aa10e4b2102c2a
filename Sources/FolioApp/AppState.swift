import FolioCore
import FolioFetch
import TerminalUI

public enum Focus: Sendable, Equatable, CaseIterable {
    case sidebar, list, pane
}

/// Which papers the list shows.
public enum LibraryView: Sendable, Equatable {
    case all, starred, unread
    /// Papers that arrived since the user's last session.
    case new
    case tag(String)
    case topic(String)

    public var label: String {
        switch self {
        case .all: return "All"
        case .starred: return "Starred"
        case .unread: return "Unread"
        case .new: return "New"
        case .tag(let name): return "tag: \(name)"
        case .topic(let name): return "topic: \(name)"
        }
    }
}

/// A question on the status line.
public struct Prompt: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case addTags
        /// Choose one of the paper's tags to remove.
        case removeTag(choices: [String])
        case filter
        /// Name for the current filter, saved as a topic.
        case saveTopic
        /// The topic's query, with the live match count beside it.
        case editTopic(name: String)
        case confirmDeleteTopic(name: String)
    }
    public var kind: Kind
    public var text: String = ""

    public var label: String {
        switch kind {
        case .addTags: return "tags: "
        case .removeTag: return "remove tag: "
        case .filter: return "/"
        case .saveTopic: return "save topic as: "
        case .editTopic(let name): return "topic \(name): "
        case .confirmDeleteTopic(let name): return "delete topic \(name)? (y/n) "
        }
    }
}

public enum Mode: Sendable, Equatable {
    case browse
    /// The selected paper full screen.
    case reading
    case help
}

/// What the library holds now, as loaded by the runtime.
public struct LibrarySnapshot: Sendable, Equatable {
    public var papers: [Paper]
    public var total: Int
    public var starred: Int
    public var unread: Int
    public var tags: [TagCount]
    public var topics: [Topic]
    /// Each paper's words, split once per load: every keystroke and topic reuses them.
    public let words: [PaperWords]
    /// Papers imported after this moment count as new (the end of the user's last session).
    public let newSince: String?
    public let newCount: Int
    /// Papers, unread papers and new papers carrying each topic, counted once per load.
    public let topicCounts: [(name: String, count: Int, unread: Int, new: Int)]

    public init(papers: [Paper], total: Int, starred: Int, unread: Int, tags: [TagCount], topics: [Topic] = [], newSince: String? = nil) {
        self.papers = papers
        self.total = total
        self.starred = starred
        self.unread = unread
        self.tags = tags
        self.topics = topics
        self.newSince = newSince
        words = papers.map { PaperWords(PaperFacts($0)) }
        newCount = papers.count { $0.isNew(since: newSince) }
        topicCounts = topics.map { topic in
            var count = 0, unread = 0, new = 0
            for paper in papers where paper.topics.contains(topic.name) {
                count += 1
                if !paper.isRead { unread += 1 }
                if paper.isNew(since: newSince) { new += 1 }
            }
            return (topic.name, count, unread, new)
        }
    }

    public static let empty = LibrarySnapshot(papers: [], total: 0, starred: 0, unread: 0, tags: [])

    public static func == (a: LibrarySnapshot, b: LibrarySnapshot) -> Bool {
        a.papers == b.papers && a.total == b.total && a.starred == b.starred && a.unread == b.unread
            && a.tags == b.tags && a.topics == b.topics && a.newSince == b.newSince
    }

    /// The papers `query` matches, in list order.
    public func matching(_ query: Query) -> [Paper] {
        papers.indices.filter { query.matches(PaperFacts(papers[$0], topics: papers[$0].topics), words: words[$0]) }.map { papers[$0] }
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

/// The whole reader as a value: `update` changes it, `render` draws it.
public struct AppState: Sendable, Equatable {
    public var libraryName: String
    public var width: Int
    public var height: Int
    public var snapshot = LibrarySnapshot.empty
    public var view = LibraryView.all
    /// The filter being typed or kept, in the query language.
    public var filterText = ""
    /// The last filter that parsed: while the text is incomplete (an open quote) the list keeps it.
    public var filterQuery: Query?
    /// Why `filterText` does not parse, shown quietly on the filter line.
    public var filterError: String?
    /// The list as shown: the view's papers that pass the filter.
    public var visible: [Paper] = []
    public var selectedID: String?
    public var listOffset = 0
    public var paneScroll = 0
    public var focus = Focus.list
    public var sidebarShown = true
    public var sidebarIndex = 0
    public var mode = Mode.browse
    public var prompt: Prompt?
    public var status: StatusMessage?
    public var helpScroll = 0
    public var keymap = Keymap.standard
    public var preferences = ReaderPreferences() {
        didSet { sidebarShown = preferences.sidebarShown }
    }
    public var quitRequested = false
    /// Sources being fetched in the background and what each is doing, in order; empty when idle.
    public var fetchProgress: [FetchLine] = []
    public var isFetching = false

    public init(libraryName: String, width: Int, height: Int) {
        self.libraryName = libraryName
        self.width = width
        self.height = height
    }

    public var selectedIndex: Int? {
        guard let id = selectedID else { return nil }
        return visible.firstIndex { $0.id == id }
    }

    public var selectedPaper: Paper? { selectedIndex.map { visible[$0] } }

    /// Sidebar rows: the library views, one per tag, then one per topic (with its unread and new counts).
    public var sidebarEntries: [(view: LibraryView, count: Int, unread: Int?, new: Int?)] {
        [(.all, snapshot.total, nil, nil), (.starred, snapshot.starred, nil, nil), (.unread, snapshot.unread, nil, nil),
         (.new, snapshot.newCount, nil, nil)]
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
