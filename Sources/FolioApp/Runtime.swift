import FolioCore
import FolioFetch
import Foundation
import TerminalUI

/// A terminal the reader can run in: the curses one, or a scripted one in tests.
public protocol TerminalDevice: Backend {
    /// The next input, or nil when `timeoutMilliseconds` pass without any.
    mutating func readEvent(timeoutMilliseconds: Int32) -> InputEvent?
    /// A pending SIGINT, SIGTERM or SIGHUP, taken once.
    mutating func takeSignal() -> Int32?
    /// Hands the terminal back to the shell and stops the process (Ctrl-Z); returns after `fg`.
    mutating func suspend()
    /// Gives the terminal to another program (an editor) while `body` runs, then takes it back repainted.
    mutating func handOver<T>(_ body: () throws -> T) rethrows -> T
    /// Repaints everything (Ctrl-L, or after something else wrote to the terminal).
    mutating func redrawAll()
    /// Bytes for the terminal itself (OSC 52). Callers pass only sequences Folio built.
    mutating func writeTerminalSequence(_ sequence: String)
}

/// Runs the reader: input → `update` → the effects it asks for, whose results go back through `update`
/// → `render` → the changed cells. The runtime holds no state of the reader's own.
public final class ReaderRuntime<Device: TerminalDevice> {
    public internal(set) var state: AppState
    public private(set) var screen: Screen<Device>
    let store: Store
    /// The theme as drawn: already degraded to the terminal's colors.
    public internal(set) var theme: Theme
    let themes: ThemeCatalog
    let colorDepth: ColorDepth
    /// The last theme `C` tried, so a broken one is skipped rather than retried.
    var lastCycledTheme: String?
    /// The theme `C` switched to this session, kept for the next.
    var themePicked: String?
    /// Opens where the reader last closed on this library (`--fresh`: false).
    public var keepsPlace = true
    /// `--theme` chose the theme: the one `C` picked last time does not replace it.
    public var themeFromCommandLine = false
    let environment: [String: String]
    private var dataVersion: Int?
    private var lastChangeCheck = Date.distantPast
    /// What `R` fetches; set from the config file.
    public var sources: [FetchSource] = []
    /// `[sync] folder`: synced when the reader opens, after each fetch, and every `syncInterval` seconds.
    public var syncFolder: String?
    public var syncInterval: TimeInterval = 120
    private var lastSync = Date.distantPast
    private var syncInFlight = false
    /// Messages from the fetch thread, taken between keys.
    let mailbox = LockedList<Msg>()
    /// Exact sets from the search index and SQL; kept until the library changes.
    let resolver: QueryResolver
    /// Lists and their rows, for the list effects.
    let lists: ListSource
    /// Rows and panes of earlier frames, reused while they show the same.
    private let renderCache = RenderCache()
    /// Ranks For you on a thread of its own, one batch at a time; rankings asked for meanwhile wait for
    /// the next batch (nil: by the stars; else by that tag).
    private let forYouRanker: ForYouRanker
    private var rankingInFlight = false
    var rankingsWanted: Set<String?> = []
    /// Batches of For you rankings taken in (a benchmark waits on it).
    public private(set) var rankingsReceived = 0
    private var lastRankingWish = Date.distantPast
    static var rankingQuietPeriod: TimeInterval { 0.2 }

    /// How often the library is checked for changes made by another Folio.
    public static var changePollInterval: TimeInterval { 0.25 }

    public init(device: Device, store: Store, libraryName: String, theme: Theme = .standard,
                themes: ThemeCatalog = ThemeCatalog(userFolder: nil), colorDepth: ColorDepth = .trueColor,
                environment: [String: String] = ProcessInfo.processInfo.environment) {
        let size = device.size
        self.screen = Screen(backend: device)
        self.state = AppState(libraryName: libraryName, width: size.width, height: size.height)
        self.store = store
        self.theme = theme.degraded(to: colorDepth)
        self.themes = themes
        self.colorDepth = colorDepth
        self.environment = environment
        self.resolver = QueryResolver(store: store)
        self.lists = ListSource(store: store, resolver: resolver)
        self.forYouRanker = ForYouRanker(store: store)
    }

    /// The config file's keys and layout.
    public func configure(keymap: Keymap, preferences: ReaderPreferences) {
        state.keymap = keymap
        state.preferences = preferences
    }

    /// Until `q` or a signal. Returns the signal that ended it, if one did.
    @discardableResult
    public func run() -> Int32? {
        beginSession()
        restorePlace()
        defer {
            rememberPlace()
            try? store.endReaderSession()
        }
        reload()
        draw()
        while !state.quitRequested {
            if let signal = screen.backend.takeSignal() {
                guard signal == SIGTSTP else { return signal }
                screen.backend.suspend()
                screen.invalidate()
            }
            // Rows ahead are read while no key waits, so a key rarely waits for the store.
            var event = screen.backend.readEvent(timeoutMilliseconds: 0)
            if event == nil {
                send(.idle)
                event = screen.backend.readEvent(timeoutMilliseconds: 100)
            }
            if let event { send(.input(event)) }
            deliverBackgroundMessages()
            if Date().timeIntervalSince(lastChangeCheck) >= Self.changePollInterval {
                reloadIfChangedElsewhere()
            }
            syncIfDue()
            draw()
        }
        return nil
    }

    /// One message through `update`, then its effects, and the messages they answer with, until none is left.
    public func send(_ msg: Msg) {
        var queue = [msg]
        while !queue.isEmpty {
            var msg = queue.removeFirst()
            if case .input(.resize) = msg { screen.invalidate() }
            if case .forYou(let rankings) = msg {
                // Only rankings that changed find lists again (most batches rank what was ranked).
                let changed = rankings.filter { lists.forYou[$0.tag] != $0.papers }
                for ranking in changed { lists.forYou[ranking.tag] = ranking.papers }
                if !changed.isEmpty { lists.forget() }
                msg = .forYou(changed)
                rankingInFlight = false
                rankingsReceived += 1
                rankForYou([])
            }
            for effect in state.update(msg) { queue += perform(effect) }
            if case .fetchDone = msg {
                queue += reloaded()
                lastSync = .distantPast  // what the fetch brought goes out at once
            }
            if case .pdfDone(_, .saved) = msg { queue += reloaded() }
            if case .synced(let applied, _) = msg {
                syncInFlight = false
                if applied > 0 { queue += reloaded() }
            }
        }
    }

    /// Marks the papers that arrived since the last session as new, starts this session, and reads the
    /// prompt history.
    public func beginSession() {
        lists.newSince = try? store.startReaderSession()
        if let saved = try? store.promptHistory() {
            let entries = Dictionary(uniqueKeysWithValues: PromptHistory.Kind.allCases.map { ($0, saved[$0.rawValue] ?? []) })
            send(.history(PromptHistory(entries)))
        }
    }

    /// What background work (a fetch) has said since the last call, through `update`.
    public func deliverBackgroundMessages() {
        for message in mailbox.takeAll() { send(message) }
        rankIfDue()
    }

    public func draw() {
        screen.present(state.render(theme: theme, cache: renderCache), cursor: state.cursor())
    }

    /// Counts the library again and finds the list again; the selection stays on its paper.
    public func reload() {
        for msg in reloaded() { send(msg) }
    }

    func reloaded() -> [Msg] {
        do {
            dataVersion = try store.dataVersion()
            resolver.refresh()
            lists.forget()
            // Stars, tags and read marks may have changed: For you, and the tag's For you shown, again.
            if case .forYou(let tag?) = state.view { rankForYou([nil, tag]) } else { rankForYou([nil]) }
            return [.loaded(try counts())]
        } catch {
            return [failure(error)]
        }
    }

    /// The sidebar's counts with every set computed afresh (for `folio-bench`).
    public func recountTopics() throws -> LibrarySnapshot {
        resolver.refresh()
        SearchIndex.forgetRecentSets(resolver.index)
        return try counts()
    }

    /// The sidebar's counts: views and tags from SQL, topics from their sets.
    public func counts() throws -> LibrarySnapshot {
        // Muted papers count nowhere.
        let unread = try resolver.unmuted(try resolver.unread())
        let new = try resolver.unmuted(try resolver.importedAfter(lists.newSince))
        let topics = try store.topics()
        let topicCounts = try topics.map { topic -> LibrarySnapshot.TopicCount in
            let set = try resolver.unmuted(try resolver.topic(topic.name))
            var unreadSet = set, newSet = set
            unreadSet.formIntersection(unread)
            newSet.formIntersection(new)
            return .init(name: topic.name, count: set.count, unread: unreadSet.count, new: newSet.count)
        }
        let tags = try resolver.muted().isEmpty ? try store.tagCounts()
            : try store.tagCounts().map { TagCount(name: $0.name, count: try resolver.unmuted(try resolver.tagged($0.name)).count) }
        return LibrarySnapshot(total: try resolver.unmuted(try resolver.all()).count, starred: try resolver.unmuted(try resolver.starred()).count,
                               unread: unread.count, tags: tags, topics: topics, newSince: lists.newSince, newCount: new.count,
                               topicCounts: topicCounts, forYouCount: lists.forYou[nil]?.count ?? 0)
    }

    /// Asks for `tags`' rankings (nil: by the stars); `rankIfDue` starts them.
    func rankForYou(_ tags: Set<String?>) {
        if !tags.isEmpty { lastRankingWish = Date() }
        rankingsWanted.formUnion(tags)
        rankIfDue()
    }

    /// Starts the rankings asked for when none is running and the library has been still for
    /// `rankingQuietPeriod`: a burst of changes (a star held down, a command looping) is ranked once, after it.
    func rankIfDue() {
        guard !rankingInFlight, !rankingsWanted.isEmpty,
              Date().timeIntervalSince(lastRankingWish) >= Self.rankingQuietPeriod else { return }
        rankingInFlight = true
        let batch = rankingsWanted
        rankingsWanted = []
        let ranker = forYouRanker, mailbox = mailbox
        // The ranker is idle until the thread starts: it can take the date order the reader has loaded.
        ranker.adoptLoadedIndex(of: resolver.index)
        Thread.detachNewThread { mailbox.append(.forYou(batch.map { ForYouRanking(tag: $0, papers: ranker.rank(tag: $0)) })) }
    }

    /// Another reader or the CLI committed: show it, selection kept on the same paper.
    public func reloadIfChangedElsewhere() {
        lastChangeCheck = Date()
        guard let version = try? store.dataVersion(), version != dataVersion else { return }
        reload()
    }

    /// Every paper of the list the state shows, in order (tests compare it with the store's answer).
    func listedPapers() throws -> [Paper] { try lists.all() }

    /// Does what `update` asked; returns what it found or how it went.
    func perform(_ effect: Effect) -> [Msg] {
        do {
            switch effect {
            case .openList(let key, let keep, let fallback, let rows):
                return [try lists.open(key, keep: keep, fallback: fallback, rows: rows)]
            case .loadRows(let key, let rows):
                return [try lists.rows(key, rows)]
            case .findDay(let key, let day):
                return [try lists.day(key, onOrBefore: day)]
            case .countQuery(let text):
                let result: String
                do {
                    result = "\(try resolver.exact(try QueryParser.parse(text, context: .now(newSince: lists.newSince))).count) papers"
                } catch {
                    result = "\(error)"
                }
                return [.liveCount(LiveCount(text: text, result: result))]
            case .setStarred(let id, let on):
                try store.setStarred([id], on)
                return reloaded() + [report(on ? "starred" : "unstarred")]
            case .addTags(let id, let names):
                try store.addTags(names, to: id)
                return reloaded() + [report("tagged " + names.joined(separator: ", "))]
            case .removeTag(let id, let name):
                let removed = try store.removeTags([name], from: id)
                return reloaded() + [report(removed > 0 ? "removed tag \(name)" : "no tag \(name) on this paper")]
            case .setRead(let id, let read):
                try store.setRead([id], read)
                return reloaded() + [report(read ? "marked read" : "marked unread")]
            case .editNote(let id, let note):
                let edited: String
                do {
                    defer { screen.invalidate() }  // the editor drew over the screen
                    edited = try screen.backend.handOver { try ExternalEditor.edit(note ?? "", name: id, environment: environment) }
                } catch let failure as ExternalEditor.Failure {
                    return [.status(StatusMessage(text: failure.description, isError: true))]
                }
                guard try store.setNote(id, edited) else { return [report("note unchanged")] }
                return reloaded() + [report(NoteText.normalized(edited).isEmpty ? "removed the note" : "saved the note")]
            case .bulk(let change, let target):
                let ids: [String]
                switch target {
                case .papers(let nums): ids = try store.ids(ofNums: nums)
                case .list(let key): ids = try store.ids(ofNums: try lists.allNums(key))
                }
                let done: String
                switch change {
                case .star(let on): done = ChangeWords.starred(on, try store.setStarred(ids, on))
                case .read(let on): done = ChangeWords.read(on, try store.setRead(ids, on))
                case .addTags(let names): done = ChangeWords.tagged(true, try store.addTags(names, to: ids).papers, names)
                case .removeTag(let name): done = ChangeWords.tagged(false, try store.removeTags([name], from: ids).papers, [name])
                }
                return reloaded() + [report(done)]
            case .markList(let key):
                return [.marks(try lists.allNums(key))]
            case .undo, .redo:
                let entries = effect == .undo ? try store.undo() : try store.redo()
                guard let entry = entries.first else { return [report(effect == .undo ? "nothing to undo" : "nothing to redo")] }
                return reloaded() + [report("\(effect == .undo ? "undid" : "redid"): \(entry.summary)")]
            case .renameTag(let old, let new):
                return reloaded() + [report(ChangeWords.renamedTag(old, to: new, try store.renameTag(old, to: new)))]
            case .deleteTag(let name):
                return reloaded() + [report(ChangeWords.removedTag(name, try store.deleteTag(name)))]
            case .saveTopic(let name, let query):
                try store.saveTopic(name: name, query: query)
                return reloaded() + [report("saved topic \(name)")]
            case .saveMute(let name, let query):
                let replaced = try store.saveMuteRule(name: name, query: query)
                let effects = reloaded()
                return effects + [report("\(replaced ? "changed" : "saved") mute rule \(name): \(try resolver.muted().count) papers muted")]
            case .removeTopic(let name):
                try store.removeTopic(name: name)
                return reloaded() + [report("deleted topic \(name)")]
            case .remember(let kind, let text):
                try store.remember(text, in: kind.rawValue, keeping: PromptHistory.limit)
                return []
            case .openURL(let url):
                return [report(ExternalOpener.open(url, environment: environment))]
            case .copy(let format, let paper):
                return [copy(format, of: paper)]
            case .redraw:
                screen.backend.redrawAll()
                screen.invalidate()
                return []
            case .cycleTheme:
                return [cycleTheme()]
            case .fetch:
                return startFetch()
            case .rankForYou(let tag):
                rankForYou([tag])
                return []
            case .downloadPDF(let request):
                startPDFDownload(request)
                return []
            case .openPDF(let id, let path, let page):
                return try openPDF(id: id, path: path, page: page)
            }
        } catch {
            return [failure(error)]
        }
    }

    /// Fetches on a thread of its own: progress and the outcome come back through the mailbox, so
    /// the loop keeps reading keys meanwhile.
    func startFetch() -> [Msg] {
        guard !sources.isEmpty else {
            return [.fetchDone([]), report("no sources to fetch: add [sources.NAME] to config.toml")]
        }
        let fetcher = Fetcher(store: store)
        let sources = sources
        let mailbox = mailbox
        Thread.detachNewThread {
            let reports = fetcher.fetch(sources) { mailbox.append(.fetchEvent(source: $0, $1)) }
            mailbox.append(.fetchDone(reports))
        }
        return []
    }

    /// Syncs on a thread of its own when due; the outcome comes back through the mailbox. (The store's
    /// one connection serializes it with the reader's reads: applying many changes holds them up.)
    func syncIfDue() {
        guard let folder = syncFolder, !syncInFlight, Date().timeIntervalSince(lastSync) >= syncInterval else { return }
        syncInFlight = true
        lastSync = Date()
        let store = store, mailbox = mailbox
        Thread.detachNewThread {
            do {
                let report = try store.sync(folder: folder)
                let said = report.applied > 0 ? StatusMessage(text: "synced: \(groupedDigits(report.applied)) changes from other devices", isError: false) : nil
                mailbox.append(.synced(applied: report.applied, said))
            } catch {
                mailbox.append(.synced(applied: 0, StatusMessage(text: "sync: \(error)", isError: true)))
            }
        }
    }

    /// Through the terminal (OSC 52) and, when there is one, the desktop's clipboard tool: over SSH only
    /// the first reaches the user's clipboard, and some terminals ignore it.
    func copy(_ format: CopyFormat, of paper: Paper) -> Msg {
        guard let text = format.text(for: paper) else { return report("this paper has no link to copy") }
        let what = SafeText.visible(format == .url ? text : "\(format.label) of \(paper.id)")
        let sequence = OSC52.sequence(for: text)
        if let sequence { screen.backend.writeTerminalSequence(sequence) }
        let tool = ClipboardTool.find(environment: environment).flatMap { $0.copy(text) ? $0 : nil }
        switch (sequence, tool) {
        case (_?, nil): return report("copied \(what)")
        case (_?, let tool?): return report("copied \(what) (and with \(tool.name))")
        case (nil, let tool?): return report("copied \(what) with \(tool.name) alone: too long for the terminal")
        case (nil, nil):
            return .status(StatusMessage(text: "not copied: \(what) is \(groupedDigits(text.utf8.count)) bytes, over the terminal's "
                                         + "\(groupedDigits(OSC52.limit)), and no wl-copy or xclip was found", isError: true))
        }
    }

    func report(_ text: String) -> Msg {
        .status(StatusMessage(text: text, isError: false))
    }

    private func failure(_ error: Error) -> Msg {
        .status(StatusMessage(text: "cannot read the library: \(error)", isError: true))
    }
}
