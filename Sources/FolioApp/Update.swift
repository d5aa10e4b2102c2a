import FolioCore
import FolioFetch
import Foundation
import TerminalUI

/// Work the runtime does for `update`: everything that touches the store or the world outside.
public enum Effect: Sendable, Equatable {
    case setStarred(id: String, Bool)
    case addTags(id: String, [String])
    case removeTag(id: String, String)
    case setRead(id: String, Bool)
    case saveTopic(name: String, query: String)
    case removeTopic(name: String)
    case openURL(String)
    case copyToClipboard(String)
    case redraw
    /// Switch to the theme after the current one (the runtime owns themes).
    case cycleTheme
    /// Fetch every configured source in the background.
    case fetch
}

public enum Msg: Sendable, Equatable {
    case input(InputEvent)
    /// The library's counts, after a load or a change.
    case loaded(LibrarySnapshot)
    /// Rows of the list and where the selection is in it (nil: not in the list, so the first paper).
    /// `keepRow`: the same list after a change, so the selected paper keeps its row on the screen.
    case list(ResultWindow, selected: Int?, keepRow: Bool)
    /// The count for a topic query being edited.
    case liveCount(LiveCount)
    case status(StatusMessage)
    /// Progress of one source of a background fetch.
    case fetchEvent(source: String, FetchEvent)
    /// The background fetch ended; the runtime reloads the library after it.
    case fetchDone([FetchReport])
}

extension AppState {
    /// The only place state changes.
    public mutating func update(_ msg: Msg) -> [Effect] {
        switch msg {
        case .loaded(let snapshot):
            self.snapshot = snapshot
            return []
        case .list(let window, let selected, let keepRow):
            loadList(window, selected: selected, keepRow: keepRow)
            return []
        case .liveCount(let count):
            liveCounted = count
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
        case .input(.resize(let w, let h)):
            width = w
            height = h
            keepSelectionVisible()
            return []
        case .input(.mouse(let event)):
            return mouse(event)
        case .input(.key(let key)):
            if prompt != nil { return promptKey(key) }
            return handle(key)
        }
    }

    /// The view or filter changed: the runtime loads the new list (`listKey`) and keeps the selected
    /// paper when it is still in it.
    mutating func refilter() {
        keepSelectionVisible()
    }

    /// Rows from the runtime. A new list keeps the selected paper when it has it, else selects the first.
    mutating func loadList(_ window: ResultWindow, selected: Int?, keepRow: Bool) {
        let row = keepRow ? selectedPosition.map { $0 - listOffset } : nil
        list = window
        if let selected, selected < window.count {
            selectedPosition = selected
        } else {
            selectedPosition = window.count > 0 ? 0 : nil
            paneScroll = 0
        }
        selectedID = selectedPosition.flatMap { list.paper(at: $0)?.id }
        if let row, let position = selectedPosition { listOffset = max(position - row, 0) }
        keepSelectionVisible()
    }

    /// Parses the filter as typed: the word being typed counts as a prefix. An incomplete query
    /// keeps the last result and says why, quietly.
    mutating func setFilter(_ text: String, typing: Bool) {
        filterText = text
        if text.trimmingCharacters(in: .whitespaces).isEmpty {
            filterQuery = nil
            filterError = nil
        } else {
            do {
                filterQuery = try QueryParser.parse(text, typing: typing)
                filterError = nil
            } catch {
                filterError = "\(error)"
                return
            }
        }
        refilter()
    }

    /// Words to highlight: the filter's, or the topic's when a topic is shown.
    public var highlightTerms: [TextTerm] {
        var terms = filterQuery?.highlightTerms ?? []
        if case .topic(let name) = view, let topic = snapshot.topics.first(where: { $0.name == name }),
           let query = try? QueryParser.parse(topic.query) {
            terms += query.highlightTerms
        }
        return terms
    }

    mutating func select(index: Int) {
        guard list.count > 0 else { selectedID = nil; selectedPosition = nil; return }
        let clamped = min(max(index, 0), list.count - 1)
        if clamped != selectedPosition { paneScroll = 0 }
        selectedPosition = clamped
        // Nil until the runtime loads the row, which it does before the next frame.
        selectedID = list.paper(at: clamped)?.id
        keepSelectionVisible()
    }

    mutating func keepSelectionVisible() {
        let rows = Layout(state: self).listRows
        listOffset = ScrollWindow.offset(selected: selectedIndex ?? 0, count: list.count, height: max(rows, 1), currentOffset: listOffset)
    }

    mutating func handle(_ key: Key) -> [Effect] {
        if mode == .help {
            switch key {
            case .char("j"), .down: helpScroll += 1
            case .char("k"), .up: helpScroll = max(helpScroll - 1, 0)
            default: mode = .browse
            }
            return []
        }
        guard let action = keymap.action(for: key) else {
            status = StatusMessage(text: "\(key.label) does nothing here; ? lists the keys", isError: false)
            return []
        }
        status = nil
        return perform(action)
    }

    mutating func perform(_ action: Action) -> [Effect] {
        let page = max(Layout(state: self).listRows - 1, 1)
        let paneFocused = focus == .pane || mode == .reading
        switch action {
        case .moveDown, .moveUp, .pageDown, .pageUp, .halfPageDown, .halfPageUp, .top, .bottom:
            let step: Int
            switch action {
            case .moveDown: step = 1
            case .moveUp: step = -1
            case .pageDown: step = page
            case .pageUp: step = -page
            case .halfPageDown: step = max(page / 2, 1)
            case .halfPageUp: step = -max(page / 2, 1)
            case .top: step = Int.min / 2
            default: step = Int.max / 2
            }
            if paneFocused {
                paneScroll = max(paneScroll + step, 0)
            } else if focus == .sidebar {
                sidebarIndex = min(max(sidebarIndex + step, 0), sidebarEntries.count - 1)
                choose(sidebarEntries[sidebarIndex].view)
            } else {
                select(index: (selectedIndex ?? 0) + step)
            }
        case .focusNext, .focusPrevious:
            let order: [Focus] = sidebarShown ? [.sidebar, .list, .pane] : [.list, .pane]
            let current = order.firstIndex(of: focus) ?? 0
            focus = order[(current + (action == .focusNext ? 1 : order.count - 1)) % order.count]
        case .scrollPaneDown: paneScroll += 1
        case .scrollPaneUp: paneScroll = max(paneScroll - 1, 0)
        case .open:
            if focus == .sidebar {
                focus = .list
            } else if let paper = selectedPaper {
                mode = .reading
                paneScroll = 0
                if !paper.isRead { return [.setRead(id: paper.id, true)] }
            }
        case .back:
            if mode != .browse {
                mode = .browse
            } else if !filterText.isEmpty {
                setFilter("", typing: false)
            }
        case .quit:
            if mode != .browse { mode = .browse } else { quitRequested = true }
        case .star:
            guard let paper = selectedPaper else { return [] }
            return [.setStarred(id: paper.id, !paper.isStarred)]
        case .toggleRead:
            guard let paper = selectedPaper else { return [] }
            return [.setRead(id: paper.id, !paper.isRead)]
        case .tag:
            if selectedPaper != nil { prompt = Prompt(kind: .addTags) }
        case .untag:
            guard let paper = selectedPaper else { return [] }
            if paper.tags.isEmpty {
                status = StatusMessage(text: "this paper has no tags", isError: false)
            } else {
                prompt = Prompt(kind: .removeTag(choices: paper.tags))
            }
        case .openInBrowser:
            guard let url = selectedPaper?.url else {
                status = StatusMessage(text: "this paper has no link", isError: false)
                return []
            }
            return [.openURL(url)]
        case .copyURL:
            guard let arxiv = selectedPaper?.arxivID else {
                status = StatusMessage(text: "this paper has no arXiv id yet, so no arXiv URL", isError: false)
                return []
            }
            return [.copyToClipboard("https://arxiv.org/abs/\(arxiv)")]
        case .filter:
            prompt = Prompt(kind: .filter, text: filterText)
        case .saveTopic:
            if filterQuery == nil {
                status = StatusMessage(text: "filter first (/), then S saves the filter as a topic", isError: false)
            } else {
                prompt = Prompt(kind: .saveTopic)
            }
        case .editTopic, .deleteTopic:
            guard case .topic(let name) = sidebarEntries[min(sidebarIndex, sidebarEntries.count - 1)].view, focus == .sidebar || view == .topic(name) else {
                status = StatusMessage(text: "choose a topic in the sidebar first (Tab)", isError: false)
                return []
            }
            if action == .deleteTopic {
                prompt = Prompt(kind: .confirmDeleteTopic(name: name))
            } else {
                prompt = Prompt(kind: .editTopic(name: name), text: snapshot.topics.first { $0.name == name }?.query ?? "")
            }
        case .toggleSidebar:
            sidebarShown.toggle()
            if !sidebarShown && focus == .sidebar { focus = .list }
            keepSelectionVisible()
        case .redraw:
            return [.redraw]
        case .cycleTheme:
            return [.cycleTheme]
        case .fetch:
            return startFetch()
        case .help:
            mode = .help
            helpScroll = 0
        }
        return []
    }

    mutating func choose(_ newView: LibraryView) {
        view = newView
        refilter()
    }
}
