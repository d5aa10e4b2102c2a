import FolioCore
import TerminalUI

/// Keys and the mouse outside prompts: moving, scrolling and the actions of the key table.
/// Every offset is clamped to its content here, so no key, however often pressed, overflows or
/// leaves an offset that later keys must first undo.
extension AppState {
    mutating func handle(_ key: Key) -> [Effect] {
        let action = keymap.action(for: key)
        if mode == .help {
            switch action {
            case .moveDown, .moveUp, .pageDown, .pageUp, .halfPageDown, .halfPageUp, .top, .bottom,
                 .scrollPaneDown, .scrollPaneUp:
                helpScroll = scrolled(helpScroll, by: action!, page: helpPage, limit: helpScrollLimit)
            default:
                mode = .browse
            }
            return []
        }
        guard let action else {
            status = StatusMessage(text: "\(key.label) does nothing here; ? lists the keys", isError: false)
            return []
        }
        status = nil
        return perform(action)
    }

    /// `offset` moved by a movement action: a row, a page, half a page or to either end, within 0...limit.
    func scrolled(_ offset: Int, by action: Action, page: Int, limit: Int) -> Int {
        let page = max(page, 1)
        let target: Int
        switch action {
        case .moveDown, .scrollPaneDown: target = offset &+ 1
        case .moveUp, .scrollPaneUp: target = offset &- 1
        case .pageDown: target = offset &+ page
        case .pageUp: target = offset &- page
        case .halfPageDown: target = offset &+ max(page / 2, 1)
        case .halfPageUp: target = offset &- max(page / 2, 1)
        case .top: target = 0
        default: target = limit
        }
        return min(max(target, 0), max(limit, 0))
    }

    /// The abstract pane (or the full-screen paper) has the keys.
    var paneHasKeys: Bool { mode == .reading || (focus == .pane && layout.pane != nil) }

    mutating func perform(_ action: Action) -> [Effect] {
        // `;` lasts for the one action after it.
        let viewWide = forView && action != .forView
        if action != .forView { forView = false }
        switch action {
        case .moveDown, .moveUp, .pageDown, .pageUp, .halfPageDown, .halfPageUp, .top, .bottom:
            if paneHasKeys {
                // As in less and mutt: a page down at the paper's end goes on to the next one.
                if mode == .reading, action == .pageDown, paneScroll >= paneScrollLimit, selectedPaper != nil {
                    return stepPaper(by: 1)
                }
                paneScroll = scrolled(paneScroll, by: action, page: panePage, limit: paneScrollLimit)
            } else if focus == .sidebar {
                let index = scrolled(sidebarIndex, by: action, page: layout.inner(layout.sidebar ?? layout.list).height,
                                     limit: sidebarEntries.count - 1)
                chooseSidebarEntry(index)
            } else {
                select(position: scrolled(selectedPosition ?? 0, by: action, page: listRows - 1, limit: list.count - 1))
            }
        case .nextPaper, .previousPaper:
            return stepPaper(by: action == .nextPaper ? 1 : -1)
        case .focusNext, .focusPrevious:
            let order = focusOrder
            let current = order.firstIndex(of: focus) ?? 0
            focus = order[(current + (action == .focusNext ? 1 : order.count - 1)) % order.count]
        case .scrollPaneDown, .scrollPaneUp:
            paneScroll = scrolled(paneScroll, by: action, page: panePage, limit: paneScrollLimit)
        case .toggleSource:
            showsSource.toggle()
            keepPaneScrollInside()
            status = StatusMessage(text: showsSource ? "title and abstract as stored (TeX source); \(keyLabel(.toggleSource)) renders them"
                                   : "title and abstract rendered", isError: false)
        case .open:
            if focus == .sidebar {
                focus = .list
            } else if selectedPaper != nil {
                mode = .reading
                paneScroll = 0
                return readSelected()
            }
        case .back:
            if mode != .browse {
                mode = .browse
                keepOffsetsInside()
            } else if !filterText.isEmpty {
                setFilter("", typing: false)
            } else if let visit = visits.popLast() {
                view = visit.view
                setFilter(visit.filterText, typing: false)
                keepNum = visit.selectedNum
            }
        case .quit:
            if mode != .browse {
                mode = .browse
                keepOffsetsInside()
            } else {
                quitRequested = true
            }
        case .star, .toggleRead, .tag, .untag:
            if let selection = bulkSelection(viewWide: viewWide) { return bulkAction(action, on: selection) }
            return paperAction(action)
        case .openInBrowser, .copyURL, .copyAs, .editNote, .openPDF, .downloadPDF:
            return paperAction(action)
        case .mark, .markAll, .clearMarks, .forView, .catchUp:
            return markAction(action)
        case .undo:
            return [.undo]
        case .redo:
            return [.redo]
        case .filter:
            prompt = Prompt(kind: .filter, text: filterText)
        case .moreLikeThis:
            if focus == .sidebar, case .tag(let name) = view {
                leaveForRanking()
                view = .forYou(tag: name)
                setFilter("", typing: false)
                focus = .list
                status = StatusMessage(text: "ranking papers like those tagged \(name)…", isError: false)
                return [.rankForYou(tag: name)]
            }
            return paperAction(action)
        case .sort:
            let choices = orderChoices
            let next = choices[((choices.firstIndex(of: order) ?? 0) + 1) % choices.count]
            orders[view] = next
            status = StatusMessage(text: "sorted: \(next.label)", isError: false)
        case .jumpToDate:
            if order == .date {
                prompt = Prompt(kind: .jumpToDate)
            } else {
                status = StatusMessage(text: "the list is \(order.label), not in date order: \(keyLabel(.sort)) sorts it newest first",
                                       isError: false)
            }
        case .saveTopic:
            askName(.saveTopic, for: action, saying: "saves the filter as a topic")
        case .mute:
            askName(.saveMute, for: action, saying: "mutes what the filter finds")
        case .showMuted:
            showMuted.toggle()
            status = StatusMessage(text: showMuted ? "muted papers shown, marked ×" : "muted papers hidden", isError: false)
        case .editTopic, .deleteTopic:
            return topicAction(action)
        case .toggleSidebar:
            sidebarShown.toggle()
            keepFocusOnAShownPane()
            keepOffsetsInside()
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

    /// `n` and `p`: the list's next or previous paper; while reading full screen it opens there.
    mutating func stepPaper(by step: Int) -> [Effect] {
        guard let position = selectedPosition else {
            status = StatusMessage(text: "no papers here", isError: false)
            return []
        }
        guard (0..<list.count).contains(position + step) else {
            status = StatusMessage(text: step > 0 ? "this is the last paper" : "this is the first paper", isError: false)
            return []
        }
        select(position: position + step)
        return mode == .reading ? readSelected() : []
    }

    /// The paper open full screen is marked read and stays in its list while the view and filter do;
    /// one whose row is still loading is marked when it arrives.
    mutating func readSelected() -> [Effect] {
        guard mode == .reading, let row = selectedRow else {
            readOnArrival = mode == .reading
            return []
        }
        readOnArrival = false
        guard !row.paper.isRead else { return [] }
        readInPlace = ReadInPlace(view: view, filter: filterQuery, nums: readInPlaceHere + [row.num])
        return [.setRead(id: row.paper.id, true)]
    }

    /// Actions on the selected paper; an empty list or a paper without the thing says so.
    private mutating func paperAction(_ action: Action) -> [Effect] {
        guard let paper = selectedPaper else {
            status = StatusMessage(text: list.count == 0 ? "no papers here" : "loading…", isError: false)
            return []
        }
        switch action {
        case .star: return [.setStarred(id: paper.id, !paper.isStarred)]
        case .toggleRead: return [.setRead(id: paper.id, !paper.isRead)]
        case .tag: prompt = Prompt(kind: .addTags)
        case .untag:
            if paper.tags.isEmpty {
                status = StatusMessage(text: "this paper has no tags", isError: false)
            } else {
                prompt = Prompt(kind: .removeTag(choices: paper.tags))
            }
        case .openInBrowser:
            if let path = paper.pdfFile { return [.openPDF(id: paper.id, path: path, page: paper.url)] }
            guard let url = paper.url else {
                status = StatusMessage(text: "this paper has no link", isError: false)
                return []
            }
            return [.openURL(url)]
        case .moreLikeThis:
            leaveForRanking()
            view = .similar(id: paper.id, title: TeXDisplay.render(paper.title))
            setFilter("", typing: false)
            mode = .browse
            focus = .list
        case .editNote:
            return [.editNote(id: paper.id, note: paper.note)]
        case .openPDF: return openPDFAddress(paper)
        case .downloadPDF: return downloadPDF(paper)
        case .copyURL:
            return copy(.url, of: paper)
        case .copyAs:
            prompt = Prompt(kind: .copyAs)
        default: break
        }
        return []
    }

    /// Copies the paper as `format`, or says it lacks the link the format needs.
    mutating func copy(_ format: CopyFormat, of paper: Paper) -> [Effect] {
        guard format.isAvailable(for: paper) else {
            status = StatusMessage(text: "this paper has no link to copy", isError: false)
            return []
        }
        return [.copy(format, paper)]
    }

    /// `e` and `D` on the topic chosen in the sidebar (or shown); on a tag, rename it or remove it from
    /// every paper.
    private mutating func topicAction(_ action: Action) -> [Effect] {
        let chosen = sidebarEntries[min(max(sidebarIndex, 0), sidebarEntries.count - 1)]
        if focus == .sidebar, case .tag(let tag) = chosen.view {
            prompt = action == .deleteTopic
                ? Prompt(kind: .confirmDeleteTag(name: tag, papers: chosen.count))
                : Prompt(kind: .renameTag(name: tag), text: tag)
            return []
        }
        let name: String
        if focus == .sidebar, case .topic(let chosenName) = chosen.view {
            name = chosenName
        } else if case .topic(let shown) = view {
            name = shown
        } else {
            status = StatusMessage(text: "choose a topic or tag in the sidebar first (\(keyLabel(.focusNext)))", isError: false)
            return []
        }
        if action == .deleteTopic {
            prompt = Prompt(kind: .confirmDeleteTopic(name: name))
            return []
        }
        let query = snapshot.topics.first { $0.name == name }?.query ?? ""
        prompt = Prompt(kind: .editTopic(name: name), text: query)
        return [.countQuery(query)]
    }

    /// Remembers the view, filter and paper for `Esc`, before More like this or a tag's For you; the
    /// oldest are forgotten past `visitsKept` (a chain of More like this can be followed for ever).
    private mutating func leaveForRanking() {
        visits.append(ViewVisit(view: view, filterText: filterText, selectedNum: selectedRow?.num))
        if visits.count > Self.visitsKept { visits.removeFirst(visits.count - Self.visitsKept) }
    }

    static let visitsKept = 50

    /// The first key bound to `action`, as hints write it.
    /// The prompt for a name under which to save the filter; without a valid filter, how to make one.
    private mutating func askName(_ kind: Prompt.Kind, for action: Action, saying what: String) {
        if filterQuery == nil || filterError != nil {
            status = StatusMessage(text: "filter first (\(keyLabel(.filter))), then \(keyLabel(action)) \(what)", isError: false)
        } else {
            prompt = Prompt(kind: kind)
        }
    }

    func keyLabel(_ action: Action) -> String { keymap.keys(for: action).first?.label ?? action.rawValue }

    mutating func chooseSidebarEntry(_ index: Int) {
        let entries = sidebarEntries
        sidebarIndex = min(max(index, 0), entries.count - 1)
        choose(entries[sidebarIndex].view)
        keepSidebarEntryVisible()
    }

    /// The sidebar scrolls so the chosen entry's row is on it (many tags and topics do not fit).
    mutating func keepSidebarEntryVisible() {
        let rows = SidebarView.rows(self)
        let height = layout.sidebar.map { layout.inner($0).height } ?? 0
        let row = rows.firstIndex { $0.entry == sidebarIndex } ?? 0
        sidebarOffset = ScrollWindow.offset(selected: row, count: rows.count, height: max(height, 1), currentOffset: sidebarOffset)
        // The headings above the first entries stay in view when there is room for them.
        if row < height { sidebarOffset = 0 }
    }

    /// Panes Tab moves through: those on the screen.
    var focusOrder: [Focus] {
        (layout.sidebar != nil ? [.sidebar] : []) + [.list] + (layout.pane != nil && mode == .browse ? [.pane] : [])
    }

    mutating func keepFocusOnAShownPane() {
        if !focusOrder.contains(focus) { focus = .list }
    }

    /// After a resize or a change of mode: every offset back inside its content.
    mutating func keepOffsetsInside() {
        keepSelectionVisible()
        keepSidebarEntryVisible()
        keepPaneScrollInside()
        helpScroll = min(helpScroll, helpScrollLimit)
    }

    // MARK: - What each offset may reach

    /// The rectangle the abstract or full-screen paper is drawn in.
    var paneArea: Rect? { layout.pane.map(layout.inner) }

    var panePage: Int { max((paneArea?.height ?? 1) - 1, 1) }

    /// Lays the paper out only when it is scrolled: a long paper's lines are not free.
    mutating func keepPaneScrollInside() {
        if paneScroll > 0 { paneScroll = min(paneScroll, paneScrollLimit) }
    }

    /// The pane scrolls until its last line is at the bottom.
    var paneScrollLimit: Int {
        guard let area = paneArea, let paper = selectedPaper, area.width > 0 else { return 0 }
        return max(PaneView.lines(for: paper, ranking: selectedRow?.ranking, width: area.width, source: showsSource).count - area.height, 0)
    }

    var helpArea: Rect { layout.inner(layout.pane ?? layout.list) }
    var helpPage: Int { max(helpArea.height - 1, 1) }
    var helpScrollLimit: Int { max(HelpView.lines(keymap).count - helpArea.height, 0) }

    // MARK: - Mouse

    mutating func mouse(_ event: MouseEvent) -> [Effect] {
        if mode == .help { return [] }
        switch event {
        case .press(_, let x, let y):
            if mode == .reading { return [] }
            if let sidebar = layout.sidebar, sidebar.contains(x: x, y: y) {
                focus = .sidebar
                if let index = SidebarView.entryIndex(atRow: y - layout.inner(sidebar).y + sidebarOffset, state: self) {
                    chooseSidebarEntry(index)
                }
            } else if layout.list.contains(x: x, y: y) {
                focus = .list
                // A click on a day's separator selects nothing.
                let row = y - layout.inner(layout.list).y, lines = shownLines
                if row >= 0 && row < lines.count, case .paper(let position) = lines[row] { select(position: position) }
            } else if let pane = layout.pane, pane.contains(x: x, y: y) {
                focus = .pane
            }
        case .wheelUp(let x, let y), .wheelDown(let x, let y):
            let action: Action = if case .wheelUp = event { .moveUp } else { .moveDown }
            if let pane = layout.pane, pane.contains(x: x, y: y) || mode == .reading {
                for _ in 0..<3 { paneScroll = scrolled(paneScroll, by: action, page: 1, limit: paneScrollLimit) }
            } else if layout.list.contains(x: x, y: y) {
                select(position: (selectedPosition ?? 0) + (action == .moveUp ? -3 : 3))
            }
        }
        return []
    }
}
