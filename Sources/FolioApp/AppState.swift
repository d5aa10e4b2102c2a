import FolioCore
import TerminalUI

public enum Focus: Sendable, Equatable, CaseIterable {
    case sidebar, list, pane
}

/// Which papers the list shows.
public enum LibraryView: Sendable, Equatable {
    case all, starred, unread
    case tag(String)

    public var label: String {
        switch self {
        case .all: return "All"
        case .starred: return "Starred"
        case .unread: return "Unread"
        case .tag(let name): return "tag: \(name)"
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
    }
    public var kind: Kind
    public var text: String = ""

    public var label: String {
        switch kind {
        case .addTags: return "tags: "
        case .removeTag: return "remove tag: "
        case .filter: return "/"
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

    public init(papers: [Paper], total: Int, starred: Int, unread: Int, tags: [TagCount]) {
        self.papers = papers
        self.total = total
        self.starred = starred
        self.unread = unread
        self.tags = tags
    }

    public static let empty = LibrarySnapshot(papers: [], total: 0, starred: 0, unread: 0, tags: [])
}

public struct StatusMessage: Sendable, Equatable {
    public var text: String
    public var isError: Bool
}

/// The whole reader as a value: `update` changes it, `render` draws it.
public struct AppState: Sendable, Equatable {
    public var libraryName: String
    public var width: Int
    public var height: Int
    public var snapshot = LibrarySnapshot.empty
    public var view = LibraryView.all
    /// The filter being typed or kept: a case-insensitive substring of title or abstract.
    public var filterText = ""
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
    public var quitRequested = false

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

    /// Sidebar rows: the library views, then one per tag.
    public var sidebarEntries: [(view: LibraryView, count: Int)] {
        [(.all, snapshot.total), (.starred, snapshot.starred), (.unread, snapshot.unread)]
            + snapshot.tags.map { (.tag($0.name), $0.count) }
    }

    public var allTagNames: [String] { snapshot.tags.map(\.name) }
}
