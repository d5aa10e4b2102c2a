import FolioCore
import FolioFetch
import TerminalUI

/// Work the runtime does for `update`: every read of the library and every change to it or the world outside.
/// What a read finds comes back as a `Msg`.
public enum Effect: Sendable, Equatable {
    /// Find the list for the key and send (`Msg.listOpened`) `rows` rows around the paper numbered `keep`
    /// when the list has it, else around position `fallback` (clamped into the list).
    case openList(ListKey, keep: Int64?, fallback: Int, rows: Int)
    /// Rows of an open list (`Msg.rowsLoaded`).
    case loadRows(ListKey, Range<Int>)
    /// The newest paper of the list (in date order) dated on or before the day `YYYY-MM-DD` (`Msg.dayFound`).
    case findDay(ListKey, String)
    /// How many papers a topic query being edited matches (`Msg.liveCount`).
    case countQuery(String)
    case setStarred(id: String, Bool)
    case addTags(id: String, [String])
    case removeTag(id: String, String)
    case setRead(id: String, Bool)
    /// Open `$VISUAL`/`$EDITOR` on the paper's note (the terminal handed over meanwhile), then save it.
    case editNote(id: String, note: String?)
    /// A change to many papers; the status line says what it did.
    case bulk(BulkChange, BulkTarget)
    /// The numbers of every paper of the list, to mark (`Msg.marks`).
    case markList(ListKey)
    case undo, redo
    case renameTag(String, to: String)
    case deleteTag(String)
    case saveTopic(name: String, query: String)
    case saveMute(name: String, query: String)
    case removeTopic(name: String)
    /// Keep a filter or tag entry in the library's prompt history.
    case remember(PromptHistory.Kind, String)
    case openURL(String)
    /// Put the paper's text in that format on the clipboard; the status line says what was copied.
    case copy(CopyFormat, Paper)
    case redraw
    /// Switch to the theme after the current one (the runtime owns themes).
    case cycleTheme
    /// Fetch every configured source in the background.
    case fetch
    /// Rank the unread papers by the papers tagged `tag`, in the background (`Msg.forYou`).
    case rankForYou(tag: String)
    /// Download a PDF in the background (`Msg.pdfEvent`, then `Msg.pdfDone`).
    case downloadPDF(PDFRequest)
    /// Open the downloaded PDF of paper `id` at `path` in the PDF viewer; when the file is gone, forget
    /// it and open `page` instead.
    case openPDF(id: String, path: String, page: String?)
}

/// One For you ranking: by the starred papers (`tag` nil) or by a tag's.
public struct ForYouRanking: Sendable, Equatable {
    public var tag: String?
    public var papers: [RankedPaper]

    public init(tag: String?, papers: [RankedPaper]) {
        self.tag = tag
        self.papers = papers
    }
}

public enum Msg: Sendable, Equatable {
    case input(InputEvent)
    /// No key is waiting: a moment to read rows ahead.
    case idle
    /// The library's counts, after a load or a change: the list is found again.
    case loaded(LibrarySnapshot)
    /// The prompt history kept in the library.
    case history(PromptHistory)
    /// A list opened by `Effect.openList`, and where the selection goes (the kept paper or the fallback).
    case listOpened(ResultWindow, selected: Int?)
    /// Rows asked for by `Effect.loadRows`.
    case rowsLoaded(ResultWindow)
    /// The count for a topic query being edited.
    case liveCount(LiveCount)
    /// The answer to `Effect.findDay`: the paper's position and date, or nil when every dated paper is newer.
    case dayFound(ListKey, day: String, position: Int?, published: String?)
    /// Papers to add to the marks (`Effect.markList`).
    case marks([Int64])
    case status(StatusMessage)
    /// Progress of one source of a background fetch.
    case fetchEvent(source: String, FetchEvent)
    /// The background fetch ended; the runtime reloads the library after it.
    case fetchDone([FetchReport])
    /// For you ranked again in the background, for the stars or tags (the runtime keeps the rankings
    /// for the list).
    case forYou([ForYouRanking])
    /// A background sync ended, having applied this many changes of other devices (the runtime reloads
    /// the library when it applied any), and what to say of it, if anything.
    case synced(applied: Int, StatusMessage?)
    /// Progress of the running PDF download.
    case pdfEvent(PDFEvent)
    /// A PDF download ended (the runtime reloads the library after one that saved its file).
    case pdfDone(PDFRequest, PDFOutcome)
}

extension AppState {
    /// The only place state changes. Returns what the runtime must do, reads included.
    public mutating func update(_ msg: Msg) -> [Effect] {
        var effects = apply(msg)
        switch msg {
        case .input, .idle: effects += listLoads(readAhead: msg == .idle ? Int.max / 4 : Self.aheadStep)
        default: effects += listLoads(readAhead: 0)
        }
        return effects
    }

    private mutating func apply(_ msg: Msg) -> [Effect] {
        switch msg {
        case .idle:
            return []
        case .loaded(let snapshot):
            self.snapshot = snapshot
            libraryVersion &+= 1
            leaveVanishedView()
            return []
        case .history(let history):
            self.history = history
            return []
        case .listOpened(let window, let selected):
            listOpened(window, selected: selected)
            return readOnArrival ? readSelected() : []
        case .rowsLoaded(let window):
            rowsLoaded(window)
            return readOnArrival ? readSelected() : []
        case .liveCount(let count):
            liveCounted = count
            return []
        case .dayFound(let key, let day, let position, let published):
            dayFound(key, day: day, position: position, published: published)
            return []
        case .marks(let nums):
            marked.formUnion(nums)
            return []
        case .status(let message):
            status = message
            return []
        case .fetchEvent(let source, let event):
            fetchEvent(source, event)
            return []
        case .fetchDone(let reports):
            fetchDone(reports)
            return []
        case .pdfEvent(let event):
            pdfEvent(event)
            return []
        case .pdfDone(let request, let outcome):
            return pdfDone(request, outcome)
        case .synced(_, let message):
            if let message { status = message }
            return []
        case .forYou(let rankings):
            for ranking in rankings {
                if ranking.tag == nil { snapshot.forYouCount = ranking.papers.count }
                // The list shown is found again, its selection kept.
                if view == .forYou(tag: ranking.tag) { libraryVersion &+= 1 }
            }
            return []
        case .input(.resize(let w, let h)):
            width = max(w, 1)
            height = max(h, 1)
            keepFocusOnAShownPane()
            keepOffsetsInside()
            return []
        case .input(.mouse(let event)):
            return prompt == nil ? mouse(event) : []
        case .input(.key(let key)):
            if prompt != nil { return promptKey(key) }
            return handle(key)
        }
    }

    /// A tag or topic shown that is gone from the library (deleted here or elsewhere): back to All.
    mutating func leaveVanishedView() {
        let exists: Bool
        switch view {
        case .all, .starred, .unread, .new, .forYou(nil), .similar: exists = true
        case .tag(let name), .forYou(let name?): exists = snapshot.tags.contains { $0.name == name }
        case .topic(let name): exists = snapshot.topics.contains { $0.name == name }
        }
        if !exists {
            view = .all
            sidebarIndex = 0
        }
        sidebarIndex = min(sidebarIndex, sidebarEntries.count - 1)
        // The view's entry is the chosen one (a view restored before the counts came, a list that grew).
        let entries = sidebarEntries
        if entries[sidebarIndex].view != view, let index = entries.firstIndex(where: { $0.view == view }) { sidebarIndex = index }
        keepSidebarEntryVisible()
    }

    /// Parses the filter as typed: while `typing`, the word being typed counts as a prefix. An incomplete
    /// query keeps the last result and says why, quietly.
    mutating func setFilter(_ text: String, typing: Bool) {
        filterText = text
        if text.allSatisfy(\.isWhitespace) {
            filterQuery = nil
            filterError = nil
            return
        }
        do {
            filterQuery = try QueryParser.parse(text, typing: typing, context: queryContext)
            filterError = nil
        } catch {
            filterError = "\(error)"
        }
    }

    /// Now, with the reader's last close for `is:new`.
    var queryContext: QueryContext { .now(newSince: snapshot.newSince) }

    /// Words to highlight: the filter's, or the topic's when a topic is shown.
    public var highlightTerms: [TextTerm] {
        var terms = filterQuery?.highlightTerms ?? []
        if case .topic(let name) = view, let topic = snapshot.topics.first(where: { $0.name == name }),
           let query = try? QueryParser.parse(topic.query) {
            terms += query.highlightTerms
        }
        return terms
    }

    mutating func choose(_ newView: LibraryView) {
        view = newView
        visits = []
    }
}
