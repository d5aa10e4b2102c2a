import FolioCore
import Foundation
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
    /// the room; the columns are the same on every row. The tags column is as wide as the widest
    /// chips on the screen, at most 14 (24 on wide rows), so a long tag cannot halve every title.
    /// Only the columns the `[layout]` settings keep are shown.
    static func columns(width: Int, shown: ArraySlice<Paper>, ranked: Bool = false, preferences: ReaderPreferences) -> Columns {
        let wanted = preferences.columns
        let widestTags = shown.map { DisplayWidth.of(SafeText.visible(chips($0))) }.max() ?? 0
        let tags = widestTags == 0 || width < 40 || !wanted.contains(.tags) ? 0 : min(widestTags, width >= 90 ? 24 : 14) + 1
        let upvotes = width >= 40 && wanted.contains(.upvotes) && shown.contains { $0.metadata.upvotes != nil } || width >= 40 && ranked ? 6 : 0
        let dateWidth = dateFormat(shown: shown, preferences: preferences) == .iso ? 11 : 6
        let date = width >= 30 + dateWidth - 6 && wanted.contains(.date) ? dateWidth : 0
        return Columns(date: date, title: max(width - 2 - date - tags - upvotes, 1), tags: tags, upvotes: upvotes)
    }

    /// Tags, then topics: `lasso,theory ir`.
    static func chips(_ paper: Paper) -> String {
        [paper.tags.joined(separator: ","), paper.topics.joined(separator: ",")].filter { !$0.isEmpty }.joined(separator: " ")
    }

    /// What a row's look depends on besides its paper: the same for every row of a frame.
    struct Context: Equatable {
        var theme: Theme
        var terms: [TextTerm]
        var columns: Columns
        var width: Int
        /// `listSelected`, or `listSelectedUnfocused` while another pane has the keys.
        var selectedRole: Role
    }

    /// Everything of a paper a row shows, so equal rows draw the same cells (`RenderCache` keys on it).
    struct Row: Hashable {
        /// `★`, else `+` for a paper that arrived since the last session, else a space.
        var mark: String
        var markRole: Role
        var date: String
        var title: String
        var tags: [String]
        var topics: [String]
        var upvotes: Int?
        /// A ranked view's score, shown where upvotes go.
        var score: Double?
        var isRead: Bool
        var isSelected: Bool
        /// Marked for a bulk action: `•` beside the star, in every theme.
        var isMarked = false

        init(_ paper: Paper, isSelected: Bool, newSince: String?, dateFormat: ReaderPreferences.DateFormat) {
            let isNew = paper.isNew(since: newSince)
            mark = paper.isStarred ? "★" : isNew ? "+" : " "
            markRole = isNew && !paper.isStarred ? .upvotes : .star
            date = listDate(paper.metadata.published, format: dateFormat)
            // A paper with a note says so where the eye reads first.
            title = (paper.note == nil ? "" : PaneView.noteMark + " ") + TeXDisplay.render(paper.title)
            tags = paper.tags
            topics = paper.topics
            upvotes = paper.metadata.upvotes
            isRead = paper.isRead
            self.isSelected = isSelected
        }
    }

    /// `MM-DD` hides the year: when the papers on the screen are not all of one year, the list shows
    /// whole dates (`2024-03-18`, as the `iso` setting does; `24-03-18` reads as a day first). Only the
    /// rows on screen decide, since the list may hold millions; so the column can widen on scrolling.
    static func dateFormat(shown: ArraySlice<Paper>, preferences: ReaderPreferences) -> ReaderPreferences.DateFormat {
        guard preferences.dateFormat == .monthDay else { return preferences.dateFormat }
        var year: Substring?
        for paper in shown {
            guard let date = paper.metadata.published else { continue }
            if date.count < 10 { return .iso }  // `2022-05` has no day to show alone
            if let year, year != date.prefix(4) { return .iso }
            year = date.prefix(4)
        }
        return .monthDay
    }

    /// The paper as its row shows it: in a ranked view, the words that placed it stand where topics go.
    static func shown(_ row: ListRow) -> Paper {
        guard let ranking = row.ranking else { return row.paper }
        var paper = row.paper
        paper.topics = ranking.because
        return paper
    }

    static func render(_ state: AppState, area: Rect, theme: Theme, cache: RenderCache?, on canvas: inout Canvas) {
        let lines = state.listLines(from: state.firstDrawn, height: area.height)
        let positions = lines.compactMap { if case .paper(let position) = $0 { position } else { nil } }
        let shown = ArraySlice(positions.compactMap { state.list.row(at: $0).map(Self.shown) })
        let dateFormat = dateFormat(shown: shown, preferences: state.preferences)
        let context = Context(theme: theme, terms: state.highlightTerms,
                              columns: columns(width: area.width, shown: shown, ranked: state.view.isRanked, preferences: state.preferences),
                              width: area.width,
                              selectedRole: state.focus == .list || state.mode != .browse ? .listSelected : .listSelectedUnfocused)
        cache?.beginList(context)
        for (row, line) in lines.enumerated() {
            let index: Int
            switch line {
            case .day(let published):
                let label = DayText.separator(published)
                let rule = label + String(repeating: "─", count: max(area.width - DisplayWidth.of(SafeText.visible(label)), 0))
                canvas.put(rule, x: area.x, y: area.y + row, style: theme[.metadata], maxWidth: area.width)
                continue
            case .paper(let position):
                index = position
            }
            guard let listRow = state.list.row(at: index) else { break }
            var content = Row(Self.shown(listRow), isSelected: index == state.selectedPosition, newSince: state.snapshot.newSince,
                              dateFormat: dateFormat)
            content.score = listRow.ranking?.score
            content.isMarked = state.marked.contains(listRow.num)
            if listRow.isMuted { content.mark = "×" }
            if let cache {
                canvas.draw(cache.listRow(content) { render(content, x: 0, y: 0, context: context, on: &$0) }, x: area.x, y: area.y + row)
            } else {
                render(content, x: area.x, y: area.y + row, context: context, on: &canvas)
            }
        }
    }

    /// One row from `x`, `y`, `context.width` columns: star, date, title, tags and topics, upvotes.
    static func render(_ row: Row, x: Int, y: Int, context: Context, on canvas: inout Canvas) {
        let theme = context.theme, cols = context.columns
        let base: Style
        if row.isSelected {
            base = theme[context.selectedRole]
            canvas.fill(Rect(x: x, y: y, width: context.width, height: 1), style: base)
        } else {
            base = theme[row.isRead ? .listRead : .listNormal]
        }
        func style(_ role: Role) -> Style { row.isSelected ? base : (row.isRead ? theme[role].adding(.dim) : theme[role]) }
        var x = x
        canvas.put(row.mark, x: x, y: y, style: style(row.markRole))
        if row.isMarked { canvas.put("•", x: x + 1, y: y, style: base.adding(.bold)) }
        x += cols.star
        if cols.date > 0 {
            canvas.put(row.date, x: x, y: y, style: base, maxWidth: cols.date - 1)
            x += cols.date
        }
        Highlight.put(TextLayout.truncate(row.title, width: cols.title - 1), x: x, y: y, style: base,
                      match: row.isSelected ? base.adding(.underline) : theme[.match], maxWidth: cols.title - 1,
                      terms: context.terms, on: &canvas)
        x += cols.title
        if cols.tags > 0 {
            let tagText = TextLayout.truncate(row.tags.joined(separator: ","), width: cols.tags - 1)
            let used = canvas.put(tagText, x: x, y: y, style: style(.tagChip), maxWidth: cols.tags - 1)
            if !row.topics.isEmpty && used < cols.tags - 2 {
                let room = cols.tags - 1 - used - (used > 0 ? 1 : 0)
                canvas.put(TextLayout.truncate(row.topics.joined(separator: ","), width: room), x: x + used + (used > 0 ? 1 : 0), y: y,
                           style: style(.topicChip), maxWidth: room)
            }
            x += cols.tags
        }
        if cols.upvotes > 0, let shown = row.score.map(PaneView.score) ?? row.upvotes.map({ "▲\($0)" }) {
            let text = TextLayout.pad(shown, width: cols.upvotes, alignment: .trailing)
            canvas.put(text, x: x, y: y, style: style(.upvotes), maxWidth: cols.upvotes)
        }
    }

    /// `03-18` for `2026-03-18` (the year is in the pane), or the whole date with `iso`: `2022-05` for a
    /// date known to the month.
    static func listDate(_ date: String?, format: ReaderPreferences.DateFormat) -> String {
        guard let date, date.count >= 4 else { return "--- " }
        return format == .iso ? String(date.prefix(10)) : String(date.dropFirst(5).prefix(5))
    }
}

/// The selected paper: title, authors, facts, tags, then the abstract wrapped by display width.
enum PaneView {
    /// A ranking's score as rows and the pane show it: one decimal.
    static func score(_ value: Double) -> String { String(format: "%.1f", value) }

    /// Marks a paper's note in the pane and its row in the list.
    static let noteMark = "✎"

    private struct Key: Equatable {
        var paper: Paper
        var ranking: Ranking?
        var width: Int
        var source: Bool
    }

    /// The last paper's lines. One key press asks for them several times (scroll limits, the frame), and
    /// a long author list or abstract is not free to wrap (DECISIONS.md, "The pane's lines").
    private static let last = LastLines()

    /// One entry behind a lock, as `LockedList` keeps its items.
    private final class LastLines: @unchecked Sendable {
        private let lock = NSLock()
        private var entry: (key: Key, lines: [(String, Role)])?

        func lines(_ key: Key) -> [(String, Role)]? { lock.withLock { entry?.key == key ? entry?.lines : nil } }
        func keep(_ key: Key, _ lines: [(String, Role)]) { lock.withLock { entry = (key, lines) } }
    }

    /// With `source`, the title and abstract as stored (TeX unrendered; control characters still made visible).
    static func lines(for paper: Paper, ranking: Ranking? = nil, width: Int, source: Bool = false) -> [(String, Role)] {
        let key = Key(paper: paper, ranking: ranking, width: width, source: source)
        if let lines = last.lines(key) { return lines }
        let lines = wrappedLines(for: paper, ranking: ranking, width: width, source: source)
        last.keep(key, lines)
        return lines
    }

    static func wrappedLines(for paper: Paper, ranking: Ranking?, width: Int, source: Bool) -> [(String, Role)] {
        let m = paper.metadata
        var out: [(String, Role)] = []
        func add(_ text: String, _ role: Role) {
            for line in TextLayout.wrap(text, width: width) { out.append((line, role)) }
        }
        func shown(_ text: String) -> String { source ? SafeText.visible(text) : TeXDisplay.render(text) }
        add((paper.isStarred ? "★ " : "") + shown(m.title), .paneTitle)
        if !m.authors.isEmpty { add(m.shownAuthors, .authors) }
        if !m.affiliations.isEmpty { add(m.shownAffiliations, .metadata) }
        var facts: [String] = []
        if let d = m.published { facts.append(d) }
        if let d = m.announced { facts.append("announced \(d)") }
        if let a = m.arxivID { facts.append("arXiv \(a)\(m.version ?? "")") }
        if !m.categories.isEmpty { facts.append(m.categories.joined(separator: " ")) }
        if let v = m.upvotes { facts.append("▲ \(v)") }
        if paper.isRead { facts.append("read") }
        if !facts.isEmpty { add(facts.joined(separator: " · "), .metadata) }
        if !paper.tags.isEmpty { add("tags: " + paper.tags.joined(separator: ", "), .tagChip) }
        if !paper.topics.isEmpty { add("topics: " + paper.topics.joined(separator: ", "), .topicChip) }
        if let ranking { add("score \(score(ranking.score)) · because: " + ranking.because.joined(separator: ", "), .topicChip) }
        if let url = paper.url { add(url, .metadata) }
        if let note = paper.note {
            out.append(("", .abstract))
            for (i, line) in note.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                add((i == 0 ? noteMark + " " : "  ") + line, .tagChip)
            }
        }
        out.append(("", .abstract))
        add(m.abstract.isEmpty ? "(no abstract)" : shown(m.abstract), .abstract)
        return out
    }

    static func render(_ state: AppState, area: Rect, theme: Theme, on canvas: inout Canvas) {
        guard area.width > 0, area.height > 0 else { return }
        guard let paper = state.selectedPaper else {
            let text = state.snapshot.total == 0 ? "" : "No paper matches."
            canvas.put(text, x: area.x, y: area.y, style: theme[.metadata], maxWidth: area.width)
            return
        }
        let ranking = state.selectedRow?.ranking
        let source = state.showsSource
        let all = lines(for: paper, ranking: ranking, width: area.width, source: source)
        let start = min(state.paneScroll, max(all.count - area.height, 0))
        let terms = state.highlightTerms
        for (row, line) in all.dropFirst(start).prefix(area.height).enumerated() {
            let highlighted = line.1 == .paneTitle || line.1 == .abstract || line.1 == .authors
            Highlight.put(line.0, x: area.x, y: area.y + row, style: theme[line.1], match: theme[.match],
                          maxWidth: area.width, terms: highlighted ? terms : [], on: &canvas)
        }
        ScrollSigns.draw(start: start, total: all.count, area: area, style: theme[.metadata], on: &canvas)
    }
}

/// Where a scrolled text is: ` ↓ 12/40 ` at the right of the last row while lines 13–40 are below,
/// ` ↑ 5/40 ` at the right of the first while lines 1–4 are above. They cover the ends of rows that
/// scrolling brings into view, never the first or last line of the text.
enum ScrollSigns {
    static func draw(start: Int, total: Int, area: Rect, style: Style, on canvas: inout Canvas) {
        guard area.height > 0 else { return }
        let end = min(start + area.height, total)
        func sign(_ text: String, row: Int) {
            let width = DisplayWidth.of(text)
            // Only where it leaves some of the row's text readable.
            guard area.width >= width + 4 else { return }
            canvas.put(text, x: area.maxX - width, y: row, style: style, maxWidth: width)
        }
        if start > 0 && (area.height > 1 || end >= total) { sign(" ↑ \(start + 1)/\(total) ", row: area.y) }
        if end < total { sign(" ↓ \(end)/\(total) ", row: area.maxY - 1) }
    }
}

/// Library views and tags with their counts; choosing one shows its papers.
enum SidebarView {
    /// Rows: four views (the box's title says Library), heading "Tags" and a row per tag, heading "Topics"
    /// and a row per topic with its papers and, in parentheses, its new papers (`+3`) or else its unread ones.
    static func rows(_ state: AppState) -> [(text: String, count: String, entry: Int?)] {
        var rows: [(String, String, Int?)] = []
        var heading = ""
        for (i, entry) in state.sidebarEntries.enumerated() {
            switch entry.view {
            case .all, .starred, .unread, .new, .forYou, .similar:
                rows.append((entry.view.label, String(entry.count), i))
            case .tag(let name):
                if heading != "Tags" { heading = "Tags"; rows.append((heading, "", nil)) }
                rows.append((" " + name, String(entry.count), i))
            case .topic(let name):
                if heading != "Topics" { heading = "Topics"; rows.append((heading, "", nil)) }
                // New matches since the last session, when there are any; else the unread ones.
                let detail = (entry.new ?? 0) > 0 ? "+\(entry.new!)" : "\(entry.unread ?? 0)"
                rows.append((" " + name, "\(entry.count) (\(detail))", i))
            }
        }
        return rows
    }

    static func entryIndex(atRow row: Int, state: AppState) -> Int? {
        let all = rows(state)
        return row >= 0 && row < all.count ? all[row].entry : nil
    }

    /// What the sidebar shows depends on no more than this.
    struct Key: Equatable {
        var snapshot: LibrarySnapshot
        var view: LibraryView
        var offset: Int
        var width: Int
        var height: Int
        var theme: Theme
    }

    static func render(_ state: AppState, area: Rect, theme: Theme, cache: RenderCache?, on canvas: inout Canvas) {
        guard let cache else { return render(state, area: area, theme: theme, on: &canvas) }
        let key = Key(snapshot: state.snapshot, view: state.view, offset: state.sidebarOffset, width: area.width,
                      height: area.height, theme: theme)
        let drawn = cache.sidebar(key) {
            render(state, area: Rect(x: 0, y: 0, width: area.width, height: area.height), theme: theme, on: &$0)
        }
        canvas.draw(drawn, x: area.x, y: area.y)
    }

    static func render(_ state: AppState, area: Rect, theme: Theme, on canvas: inout Canvas) {
        for (row, item) in rows(state).dropFirst(state.sidebarOffset).prefix(area.height).enumerated() {
            let y = area.y + row
            guard let entry = item.entry else {
                canvas.put(item.text, x: area.x, y: y, style: theme[.sidebarHeading], maxWidth: area.width)
                continue
            }
            let isCurrent = state.sidebarEntries[entry].view == state.view
            let style = theme[isCurrent ? .sidebarSelected : .sidebarEntry]
            let line = StatusBar.line(left: item.text, right: item.count, width: area.width)
            canvas.put(line, x: area.x, y: y, style: style, maxWidth: area.width)
        }
    }
}
