import FolioCore
import TerminalUI

/// The paper list: star, date, title, tags and upvotes in fixed columns, so every row lines up.
enum PaperListView {
    struct Columns: Equatable {
        var star = 2
        var date: Int
        var title: Int
        var tags: Int
        var upvotes: Int
    }

    /// Tags and upvotes get a column only when some paper on the screen has them, so titles keep
    /// the room; the columns are the same on every row.
    static func columns(width: Int, shown: ArraySlice<Paper>) -> Columns {
        let widestTags = shown.map { DisplayWidth.of(SafeText.visible($0.tags.joined(separator: ","))) }.max() ?? 0
        let tags = widestTags == 0 || width < 40 ? 0 : min(widestTags, width >= 90 ? 24 : 14) + 1
        let upvotes = width >= 40 && shown.contains { $0.metadata.upvotes != nil } ? 6 : 0
        let date = width >= 30 ? 6 : 0
        return Columns(date: date, title: max(width - 2 - date - tags - upvotes, 1), tags: tags, upvotes: upvotes)
    }

    static func render(_ state: AppState, area: Rect, theme: Theme, on canvas: inout Canvas) {
        let shown = state.visible.dropFirst(state.listOffset).prefix(area.height)
        let cols = columns(width: area.width, shown: shown)
        let selected = state.selectedIndex
        for row in 0..<area.height {
            let index = state.listOffset + row
            guard index < state.visible.count else { break }
            let paper = state.visible[index]
            let y = area.y + row
            let isSelected = index == selected
            let base: Style
            if isSelected {
                base = theme[state.focus == .list || state.mode != .browse ? .listSelected : .listSelectedUnfocused]
                canvas.fill(Rect(x: area.x, y: y, width: area.width, height: 1), style: base)
            } else {
                base = theme[paper.isRead ? .listRead : .listNormal]
            }
            func style(_ role: Role) -> Style { isSelected ? base : (paper.isRead ? theme[role].adding(.dim) : theme[role]) }
            var x = area.x
            canvas.put(paper.isStarred ? "★" : " ", x: x, y: y, style: style(.star))
            x += cols.star
            if cols.date > 0 {
                canvas.put(shortDate(paper.metadata.published), x: x, y: y, style: base, maxWidth: cols.date - 1)
                x += cols.date
            }
            canvas.put(TextLayout.truncate(paper.title, width: cols.title - 1), x: x, y: y, style: base, maxWidth: cols.title - 1)
            x += cols.title
            if cols.tags > 0 {
                canvas.put(TextLayout.truncate(paper.tags.joined(separator: ","), width: cols.tags - 1), x: x, y: y, style: style(.tagChip), maxWidth: cols.tags - 1)
                x += cols.tags
            }
            if cols.upvotes > 0, let votes = paper.metadata.upvotes {
                let text = TextLayout.pad("▲\(votes)", width: cols.upvotes, alignment: .trailing)
                canvas.put(text, x: x, y: y, style: style(.upvotes), maxWidth: cols.upvotes)
            }
        }
    }

    /// `03-18` for `2026-03-18`: the year is in the pane.
    static func shortDate(_ date: String?) -> String {
        guard let date, date.count >= 10 else { return "--- " }
        return String(date.dropFirst(5).prefix(5))
    }
}

/// The selected paper: title, authors, facts, tags, then the abstract wrapped by display width.
enum PaneView {
    static func lines(for paper: Paper, width: Int) -> [(String, Role)] {
        let m = paper.metadata
        var out: [(String, Role)] = []
        func add(_ text: String, _ role: Role) {
            for line in TextLayout.wrap(text, width: width) { out.append((line, role)) }
        }
        add((paper.isStarred ? "★ " : "") + m.title, .paneTitle)
        if !m.authors.isEmpty { add(m.authors.joined(separator: ", "), .authors) }
        var facts: [String] = []
        if let d = m.published { facts.append(d) }
        if let a = m.arxivID { facts.append("arXiv \(a)\(m.version ?? "")") }
        if !m.categories.isEmpty { facts.append(m.categories.joined(separator: " ")) }
        if let v = m.upvotes { facts.append("▲ \(v)") }
        if paper.isRead { facts.append("read") }
        if !facts.isEmpty { add(facts.joined(separator: " · "), .metadata) }
        if !paper.tags.isEmpty { add("tags: " + paper.tags.joined(separator: ", "), .tagChip) }
        if let url = paper.url { add(url, .metadata) }
        out.append(("", .abstract))
        add(m.abstract.isEmpty ? "(no abstract)" : m.abstract, .abstract)
        return out
    }

    static func render(_ state: AppState, area: Rect, theme: Theme, on canvas: inout Canvas) {
        guard area.width > 0, area.height > 0 else { return }
        guard let paper = state.selectedPaper else {
            let text = state.snapshot.total == 0 ? "" : "No paper matches."
            canvas.put(text, x: area.x, y: area.y, style: theme[.metadata], maxWidth: area.width)
            return
        }
        let all = lines(for: paper, width: area.width)
        let start = min(state.paneScroll, max(all.count - area.height, 0))
        for (row, line) in all.dropFirst(start).prefix(area.height).enumerated() {
            canvas.put(line.0, x: area.x, y: area.y + row, style: theme[line.1], maxWidth: area.width)
        }
    }
}

/// Library views and tags with their counts; choosing one shows its papers.
enum SidebarView {
    /// Rows: heading "Library", three views, heading "Tags", one row per tag.
    static func rows(_ state: AppState) -> [(text: String, count: Int?, entry: Int?)] {
        var rows: [(String, Int?, Int?)] = [("Library", nil, nil)]
        for (i, entry) in state.sidebarEntries.enumerated() {
            if i == 3 { rows.append(("Tags", nil, nil)) }
            if case .tag(let name) = entry.view { rows.append((" " + name, entry.count, i)) } else { rows.append((entry.view.label, entry.count, i)) }
        }
        if state.sidebarEntries.count == 3 { rows.append(("Tags", nil, nil)) }
        return rows
    }

    static func entryIndex(atRow row: Int, state: AppState) -> Int? {
        let all = rows(state)
        return row >= 0 && row < all.count ? all[row].entry : nil
    }

    static func render(_ state: AppState, area: Rect, theme: Theme, on canvas: inout Canvas) {
        for (row, item) in rows(state).prefix(area.height).enumerated() {
            let y = area.y + row
            guard let entry = item.entry, let count = item.count else {
                canvas.put(item.text, x: area.x, y: y, style: theme[.sidebarHeading], maxWidth: area.width)
                continue
            }
            let isCurrent = state.sidebarEntries[entry].view == state.view
            let style = theme[isCurrent ? .sidebarSelected : .sidebarEntry]
            let line = StatusBar.line(left: item.text, right: String(count), width: area.width)
            canvas.put(line, x: area.x, y: y, style: style, maxWidth: area.width)
        }
    }
}
