@testable import FolioCore
import TerminalUI
@testable import FolioApp

/// Papers in memory that answer the reader's effects as the runtime answers them from a library: the
/// query matcher decides what a filter or topic holds. With it, `AppState` is driven by messages alone.
struct MemoryLibrary {
    /// In list order (newest first); a paper's num is its index + 1.
    var papers: [Paper]
    var topics: [Topic] = []
    /// Mute rules' queries, by name.
    var muteRules: [String: Query] = [:]
    var newSince: String?
    /// What `Effect.editNote`'s editor leaves in the note's file.
    var editorLeaves = ""
    /// The library before each change, for undo; and before each undo, for redo (an editor's two stacks).
    var undoStack: [(papers: [Paper], topics: [Topic])] = []
    var redoStack: [(papers: [Paper], topics: [Topic])] = []

    static func paper(_ i: Int, title: String? = nil, abstract: String? = nil, date: String = "2026-03-18") -> Paper {
        let input = PaperInput(arxivID: String(format: "2603.%05d", i), title: title ?? "Paper number \(i) on sparse retrieval",
                               abstract: abstract ?? "An abstract of paper \(i) about dense and sparse models.", published: date)
        return Paper(id: input.arxivID!, metadata: input, firstSource: "test", firstImportedAt: "2026-03-18T00:00:00Z",
                     lastSource: "test", lastImportedAt: "2026-03-18T00:00:00Z", starredAt: nil, readAt: nil, tags: [])
    }

    static func numbered(_ count: Int) -> MemoryLibrary {
        MemoryLibrary(papers: (0..<count).map { paper($0) })
    }

    func isMuted(_ paper: Paper) -> Bool {
        let facts = PaperFacts(paper)
        return muteRules.values.contains { $0.matches(facts) }
    }

    var snapshot: LibrarySnapshot {
        var tagCounts: [String: Int] = [:]
        let papers = papers.filter { !isMuted($0) }
        for paper in papers { for tag in paper.tags { tagCounts[tag, default: 0] += 1 } }
        let topicCounts = topics.map { topic in
            let members = rows(view: .topic(topic.name), filter: nil)
            return LibrarySnapshot.TopicCount(name: topic.name, count: members.count,
                                              unread: members.filter { !$0.paper.isRead }.count, new: 0)
        }
        return LibrarySnapshot(total: papers.count, starred: papers.filter(\.isStarred).count,
                               unread: papers.filter { !$0.isRead }.count,
                               tags: tagCounts.sorted { $0.key < $1.key }.map { TagCount(name: $0.key, count: $0.value) },
                               topics: topics, newSince: newSince, newCount: 0, topicCounts: topicCounts)
    }

    func rows(view: LibraryView, filter: Query?, showMuted: Bool = false, readInPlace: [Int64] = []) -> [ListRow] {
        let parsed = topics.compactMap { topic in (try? QueryParser.parse(topic.query)).map { (topic.name, $0) } }.sorted { $0.0 < $1.0 }
        return papers.enumerated().compactMap { index, paper in
            var paper = paper
            let facts = PaperFacts(paper)
            paper.topics = parsed.filter { $0.1.matches(facts) }.map(\.0)
            let inView: Bool
            switch view {
            case .all: inView = true
            case .starred: inView = paper.isStarred
            case .unread: inView = !paper.isRead
            case .new: inView = paper.isNew(since: newSince)
            case .tag(let name): inView = paper.tags.contains(name)
            case .topic(let name): inView = paper.topics.contains(name)
            case .forYou, .similar: inView = false  // rankings are the runtime's (ReaderDiscoverTests)
            }
            let passes = inView && filter?.matches(PaperFacts(paper, topics: paper.topics)) ?? true
            guard passes || readInPlace.contains(Int64(index + 1)) else { return nil }
            let muted = isMuted(paper)
            if muted && !showMuted { return nil }
            return ListRow(num: Int64(index + 1), paper: paper, isMuted: muted)
        }
    }

    func window(_ key: ListKey, _ range: Range<Int>) -> ResultWindow {
        let all = rows(view: key.view, filter: key.filter, showMuted: key.showMuted, readInPlace: key.readInPlace)
        let range = range.clamped(to: 0..<all.count)
        let hidden = rows(view: key.view, filter: key.filter, showMuted: true, readInPlace: key.readInPlace).filter(\.isMuted).count
        return ResultWindow(key: key, count: all.count, start: range.lowerBound, rows: Array(all[range]), hidden: hidden)
    }

    private mutating func change(_ id: String, _ body: (inout Paper) -> Void) -> [Msg] {
        changing { library in
            if let index = library.papers.firstIndex(where: { $0.id == id }) { body(&library.papers[index]) }
        }
    }

    /// A change that changes something can be undone, and ends what could be redone.
    private mutating func changing(_ body: (inout MemoryLibrary) -> Void) -> [Msg] {
        let before = (papers: papers, topics: topics)
        body(&self)
        if papers != before.papers || topics != before.topics {
            undoStack.append(before)
            redoStack = []
        }
        return [.loaded(snapshot)]
    }

    /// Undo (`back`) or redo: the library as it was before the last change, or before the last undo.
    private mutating func step(back: Bool) -> [Msg] {
        guard let restored = back ? undoStack.popLast() : redoStack.popLast() else {
            return [.status(StatusMessage(text: "nothing to \(back ? "undo" : "redo")", isError: false))]
        }
        if back { redoStack.append((papers, topics)) } else { undoStack.append((papers, topics)) }
        (papers, topics) = restored
        return [.loaded(snapshot)]
    }

    /// What the runtime would send back for `effect`.
    mutating func answer(_ effect: Effect) -> [Msg] {
        switch effect {
        case .openList(let key, let keep, let fallback, let rows):
            let all = self.rows(view: key.view, filter: key.filter, showMuted: key.showMuted, readInPlace: key.readInPlace)
            guard !all.isEmpty else { return [.listOpened(window(key, 0..<0), selected: nil)] }
            let position = keep.flatMap { num in all.firstIndex { $0.num == num } } ?? min(max(fallback, 0), all.count - 1)
            return [.listOpened(window(key, max(position - rows / 2, 0)..<(position + rows + rows / 2)), selected: position)]
        case .loadRows(let key, let range):
            return [.rowsLoaded(window(key, range))]
        case .findDay(let key, let day):
            // The papers are in date order: the first dated on or before the day, by looking at each.
            let all = rows(view: key.view, filter: key.filter, showMuted: key.showMuted)
            let position = all.firstIndex { row in
                row.paper.metadata.published.map { String($0.prefix(10)) <= day } ?? false
            }
            return [.dayFound(key, day: day, position: position, published: position.flatMap { all[$0].paper.metadata.published })]
        case .countQuery(let text):
            let result = (try? QueryParser.parse(text)).map { query in
                "\(papers.filter { query.matches(PaperFacts($0)) }.count) papers"
            } ?? "does not parse"
            return [.liveCount(LiveCount(text: text, result: result))]
        case .setStarred(let id, let on):
            return change(id) { $0.starredAt = on ? "2026-03-19T00:00:00Z" : nil }
        case .setRead(let id, let on):
            return change(id) { $0.readAt = on ? "2026-03-19T00:00:00Z" : nil }
        case .addTags(let id, let names):
            return change(id) { $0.tags = Array(Set($0.tags + names)).sorted() }
        case .removeTag(let id, let name):
            return change(id) { $0.tags.removeAll { $0 == name } }
        case .editNote(let id, _):
            // What the editor leaves in the file, as the store keeps it.
            let text = NoteText.normalized(editorLeaves)
            return change(id) { $0.note = text.isEmpty ? nil : text }
        case .saveTopic(let name, let query):
            return changing { library in
                library.topics.removeAll { $0.name == name }
                library.topics.append(Topic(name: name, query: query, createdAt: "2026-03-19T00:00:00Z"))
                library.topics.sort { $0.name < $1.name }
            }
        case .removeTopic(let name):
            return changing { $0.topics.removeAll { $0.name == name } }
        case .saveMute(let name, let query):
            muteRules[name] = try? QueryParser.parse(query)
            return [.loaded(snapshot)]
        case .bulk(let change, let target):
            let nums: [Int64]
            switch target {
            case .papers(let marked): nums = marked
            case .list(let key): nums = rows(view: key.view, filter: key.filter, showMuted: key.showMuted, readInPlace: key.readInPlace).map(\.num)
            }
            return changing { library in
                for num in nums {
                    let i = Int(num) - 1
                    switch change {
                    case .star(let on): library.papers[i].starredAt = on ? "2026-03-19T00:00:00Z" : nil
                    case .read(let on): library.papers[i].readAt = on ? "2026-03-19T00:00:00Z" : nil
                    case .addTags(let names): library.papers[i].tags = Array(Set(library.papers[i].tags + names)).sorted()
                    case .removeTag(let name): library.papers[i].tags.removeAll { $0 == name }
                    }
                }
            }
        case .renameTag(let old, let new):
            return changing { library in
                for i in library.papers.indices where library.papers[i].tags.contains(old) {
                    library.papers[i].tags = Array(Set(library.papers[i].tags.filter { $0 != old } + [new])).sorted()
                }
            }
        case .deleteTag(let name):
            return changing { library in
                for i in library.papers.indices { library.papers[i].tags.removeAll { $0 == name } }
            }
        case .markList(let key):
            return [.marks(rows(view: key.view, filter: key.filter, showMuted: key.showMuted, readInPlace: key.readInPlace).map(\.num))]
        case .undo:
            return step(back: true)
        case .redo:
            return step(back: false)
        case .remember, .openURL, .copy, .redraw, .cycleTheme, .openPDF:
            return []
        case .fetch:
            return [.fetchDone([])]
        case .rankForYou:
            return []
        case .downloadPDF:
            return []  // the tests send the download's messages themselves (PDFReaderTests)
        }
    }
}

/// An `AppState` and the library that answers its effects, driven as the runtime drives it.
struct StateDriver {
    var state: AppState
    var library: MemoryLibrary
    /// Every effect `update` asked for, in order.
    var effects: [Effect] = []

    /// `restoring`: a reader opened at a kept place, restored before the counts arrive (as the runtime does).
    init(_ library: MemoryLibrary, width: Int = 120, height: Int = 40, keymap: Keymap = .standard,
         restoring place: ReaderPlace? = nil, num: Int64? = nil) {
        self.library = library
        state = AppState(libraryName: "memory", width: width, height: height)
        state.keymap = keymap
        if let place { state.restore(place, selecting: num) }
        send(.loaded(library.snapshot))
    }

    mutating func send(_ msg: Msg) {
        var queue = [msg]
        while !queue.isEmpty {
            for effect in state.update(queue.removeFirst()) {
                effects.append(effect)
                queue += library.answer(effect)
            }
        }
    }

    mutating func press(_ keys: Key...) {
        for key in keys { send(.input(.key(key))) }
    }

    mutating func type(_ text: String) {
        for c in text { send(.input(.key(.char(c)))) }
    }

    var lines: [String] { state.render(theme: .standard).lines() }
    var statusLine: String { lines.last ?? "" }
    var header: String { lines.first ?? "" }
    var selectedTitle: String? { state.selectedPaper?.title }
}
