import FolioCore
import TerminalUI

extension AppState {
    /// Keys while the status line asks something.
    mutating func promptKey(_ key: Key) -> [Effect] {
        guard var prompt else { return [] }
        switch key {
        case .escape:
            self.prompt = nil
            if prompt.kind == .filter { setFilter("", typing: false) }
            return []
        case .enter:
            self.prompt = nil
            if prompt.kind == .filter { keepFilter(prompt.text) }
            return submit(prompt)
        case .char(let c) where isConfirmation(prompt):
            self.prompt = nil
            return c == "y" || c == "Y" ? submit(prompt) : []
        case .backspace:
            if !prompt.text.isEmpty { prompt.text.removeLast() }
        case .ctrl("u"):
            prompt.text = ""
        case .tab:
            prompt.text = completed(prompt)
        case .char(let c):
            prompt.text.append(c)
        default:
            return []
        }
        self.prompt = prompt
        if prompt.kind == .filter { setFilter(prompt.text, typing: true) }
        return []
    }

    /// Enter keeps what the list shows: a word still being typed stays a prefix, and the kept text
    /// says so (`retriev` becomes `retriev*`), so the filter and a topic saved from it mean what was seen.
    mutating func keepFilter(_ text: String) {
        setFilter(text, typing: true)
        if let filterQuery, filterError == nil, (try? QueryParser.parse(text)) != filterQuery {
            filterText = filterQuery.description
        }
    }

    func isConfirmation(_ prompt: Prompt) -> Bool {
        if case .confirmDeleteTopic = prompt.kind { return true }
        return false
    }

    /// How many papers a topic query being edited matches, or why it does not parse.
    /// The runtime counts it after each key (`Msg.liveCount`).
    public func liveCount(_ text: String) -> String {
        guard let liveCounted, liveCounted.text == text else { return "…" }
        return liveCounted.result
    }

    func submit(_ prompt: Prompt) -> [Effect] {
        switch prompt.kind {
        case .filter:
            return []
        case .saveTopic:
            let name = TextNormalizer.clean(prompt.text)
            return name.isEmpty ? [] : [.saveTopic(name: name, query: filterText)]
        case .editTopic(let name):
            guard (try? QueryParser.parse(prompt.text)) != nil else { return [] }
            return [.saveTopic(name: name, query: prompt.text)]
        case .confirmDeleteTopic(let name):
            return [.removeTopic(name: name)]
        case .addTags, .removeTag:
            break
        }
        guard let paper = selectedPaper else { return [] }
        switch prompt.kind {
        case .filter, .saveTopic, .editTopic, .confirmDeleteTopic:
            return []
        case .addTags:
            let names = prompt.text.split(separator: ",").map { TextNormalizer.clean(String($0)) }.filter { !$0.isEmpty }
            return names.isEmpty ? [] : [.addTags(id: paper.id, names)]
        case .removeTag(let choices):
            let typed = TextNormalizer.clean(prompt.text)
            let name = choices.contains(typed) ? typed : (choices.first { $0.hasPrefix(typed) } ?? typed)
            return name.isEmpty ? [] : [.removeTag(id: paper.id, name)]
        }
    }

    /// Candidates for the word being typed: existing tags when adding, the paper's tags when removing.
    public func completions(for prompt: Prompt) -> [String] {
        let pool: [String]
        switch prompt.kind {
        case .filter, .saveTopic, .editTopic, .confirmDeleteTopic: return []
        case .addTags: pool = allTagNames
        case .removeTag(let choices): pool = choices
        }
        let current = TextNormalizer.clean(String(prompt.text.split(separator: ",", omittingEmptySubsequences: false).last ?? ""))
        let already = Set(prompt.text.split(separator: ",").map { TextNormalizer.clean(String($0)) })
        return pool.filter { $0.lowercased().hasPrefix(current.lowercased()) && !already.subtracting([current]).contains($0) }
    }

    /// Tab completes the word being typed to the longest prefix its candidates share.
    func completed(_ prompt: Prompt) -> String {
        let candidates = completions(for: prompt)
        guard let first = candidates.first else { return prompt.text }
        var common = first
        for c in candidates.dropFirst() {
            while !c.hasPrefix(common) { common.removeLast() }
        }
        var parts = prompt.text.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        let lead = parts.count > 1 ? " " : ""
        parts[parts.count - 1] = lead + common
        return parts.joined(separator: ",")
    }

    mutating func mouse(_ event: MouseEvent) -> [Effect] {
        let layout = Layout(state: self)
        switch event {
        case .press(_, let x, let y):
            if let sidebar = layout.sidebar, sidebar.contains(x: x, y: y) {
                focus = .sidebar
                let row = y - layout.inner(sidebar).y
                if let index = SidebarView.entryIndex(atRow: row, state: self) {
                    sidebarIndex = index
                    choose(sidebarEntries[index].view)
                }
            } else if layout.list.contains(x: x, y: y) {
                focus = .list
                let row = y - layout.inner(layout.list).y
                if row >= 0 && listOffset + row < list.count { select(index: listOffset + row) }
            } else if let pane = layout.pane, pane.contains(x: x, y: y) {
                focus = .pane
            }
        case .wheelUp(let x, let y), .wheelDown(let x, let y):
            let step = { if case .wheelUp = event { return -3 } else { return 3 } }()
            if let pane = layout.pane, pane.contains(x: x, y: y) || mode == .reading {
                paneScroll = max(paneScroll + step, 0)
            } else if layout.list.contains(x: x, y: y) {
                select(index: (selectedIndex ?? 0) + step)
            }
        }
        return []
    }
}
