import Foundation
import TerminalUI
import Testing
@testable import FolioApp
@testable import FolioCore

/// States built by hand and drawn at 120×30: the wide layout puts the sidebar's inner rows at
/// columns 1–18, the list's at 21–78 and the abstract's at 81–118, rows 2–27.
@Suite("View polish") struct ViewPolishTests {
    static let listColumns = 21..<79
    static let paneColumns = 81..<119
    static let paneRows = 2..<28

    static func paper(_ n: Int, published: String? = "2024-03-18", title: String? = nil, tags: [String] = [],
                      abstract: String = "Short.") -> Paper {
        Paper(id: "p\(n)", metadata: PaperInput(title: title ?? "Paper \(n)", abstract: abstract, published: published),
              firstSource: "test", firstImportedAt: "2024-01-01T00:00:00Z", lastSource: "test",
              lastImportedAt: "2024-01-01T00:00:00Z", starredAt: nil, readAt: nil, tags: tags)
    }

    static func state(_ papers: [Paper], tags: [TagCount] = [], width: Int = 120, height: Int = 30) -> AppState {
        var state = AppState(libraryName: "test", width: width, height: height)
        state.list = ResultWindow(key: nil, count: papers.count, start: 0, rows: papers.enumerated().map { ListRow(num: Int64($0.offset + 1), paper: $0.element) })
        state.snapshot = LibrarySnapshot(total: papers.count, starred: 0, unread: papers.count, tags: tags)
        state.selectedPosition = 0
        state.selectedID = papers.first?.id
        return state
    }

    /// The columns `range` of `row`: the rows here hold one column per character (no wide ones).
    static func text(_ lines: [String], row: Int, _ range: Range<Int>) -> String {
        let characters = Array(lines[row])
        return String(characters[range])
    }

    /// The list's `row`th paper row: the days' separators of the date order (DayLinesTests) left out.
    static func listRow(_ state: AppState, _ row: Int) -> String {
        let lines = state.render(theme: .standard).lines()
        return paneRows.map { text(lines, row: $0, listColumns) }.filter { !$0.hasPrefix("── ") }[row]
    }

    // MARK: Sidebar

    @Test func sidebarStartsWithTheViewsNotASecondLibraryHeading() {
        let state = Self.state((0..<3).map { Self.paper($0) }, tags: [TagCount(name: "lasso", count: 2)])
        let lines = state.render(theme: .standard).lines()
        #expect(lines[1].hasPrefix("┌ Library"))
        let sidebar = (2..<28).map { Self.text(lines, row: $0, 1..<19) }
        #expect(sidebar[0].hasPrefix("All"))
        #expect(!sidebar.contains { $0.hasPrefix("Library") })
        // A click on a row chooses the entry drawn on it; headings choose nothing.
        for (row, line) in sidebar.enumerated() {
            let entry = SidebarView.entryIndex(atRow: row, state: state)
            switch line.trimmingCharacters(in: .whitespaces).split(separator: " ").first {
            case "All": #expect(entry.map { state.sidebarEntries[$0].view } == .all)
            case "Starred": #expect(entry.map { state.sidebarEntries[$0].view } == .starred)
            case "lasso": #expect(entry.map { state.sidebarEntries[$0].view } == .tag("lasso"))
            case "Tags", nil: #expect(entry == nil, "row \(row)")
            default: #expect(entry != nil, "row \(row): \(line)")
            }
        }
    }

    // MARK: Tags column

    /// No spaces, so `truncate` cuts it at exactly the width it is given.
    static let longTitle = String(repeating: "abcdefghij", count: 12)

    @Test func noTagsOnScreenLeaveTheTitleTheWholeRow() {
        // The paper with a tag is loaded but far below the screen.
        var papers = (0..<40).map { Self.paper($0, title: Self.longTitle) }
        papers[39].tags = ["a-very-long-tag-name"]
        let row = Self.listRow(Self.state(papers), 0)
        // Star 2, date 6, then the title in 50 columns: 49 and a space.
        #expect(row == "  03-18 " + TextLayout.truncate(Self.longTitle, width: 49) + " ")
    }

    @Test func tagsColumnIsAsWideAsTheWidestTagOnScreen() {
        var papers = (0..<3).map { Self.paper($0, title: Self.longTitle) }
        papers[1].tags = ["ml"]
        let state = Self.state(papers)
        // Tags "ml": 2 columns and a space, so the title keeps 47.
        #expect(Self.listRow(state, 0) == "  03-18 " + TextLayout.truncate(Self.longTitle, width: 46) + "    ")
        #expect(Self.listRow(state, 1) == "  03-18 " + TextLayout.truncate(Self.longTitle, width: 46) + " ml ")
    }

    @Test func aLongTagTakesAtMost14Columns() {
        var papers = (0..<3).map { Self.paper($0, title: Self.longTitle) }
        papers[0].tags = [String(repeating: "x", count: 40)]
        let row = Self.listRow(Self.state(papers), 0)
        // 14 columns of tags and a space; the title keeps 58 - 2 - 6 - 15 = 35.
        #expect(row == "  03-18 " + TextLayout.truncate(Self.longTitle, width: 34) + " " + TextLayout.truncate(papers[0].tags[0], width: 14) + " ")
    }

    // MARK: Dates

    @Test func datesOfOneYearShowMonthAndDay() {
        let state = Self.state([Self.paper(0, published: "2024-03-18"), Self.paper(1, published: "2024-12-01")])
        #expect(Self.listRow(state, 0).hasPrefix("  03-18 Paper 0 "))
        #expect(Self.listRow(state, 1).hasPrefix("  12-01 Paper 1 "))
    }

    @Test func datesOfSeveralYearsOnScreenShowTheYear() {
        let state = Self.state([Self.paper(0, published: "2024-03-18"), Self.paper(1, published: "2023-12-31"),
                                Self.paper(2, published: nil)])
        #expect(Self.listRow(state, 0).hasPrefix("  2024-03-18 Paper 0 "))
        #expect(Self.listRow(state, 1).hasPrefix("  2023-12-31 Paper 1 "))
        #expect(Self.listRow(state, 2).hasPrefix("  ---        Paper 2 "))
    }

    @Test func onlyTheRowsOnScreenDecideTheDateFormat() {
        // 26 rows on screen; the paper of another year is loaded below them.
        var papers = (0..<40).map { Self.paper($0, published: "2024-03-18") }
        papers[39].metadata.published = "2019-01-01"
        var state = Self.state(papers)
        #expect(Self.listRow(state, 0).hasPrefix("  03-18 Paper 0 "))
        // From 15, paper 39 is on the screen below its day's separator.
        state.listOffset = 15
        #expect(Self.listRow(state, 0).hasPrefix("  2024-03-18 Paper 15 "))
    }

    // MARK: Abstract scroll signs

    static let longAbstract = (1...300).map { "word\($0)" }.joined(separator: " ")

    /// The pane's rows and all the lines of the selected paper at the pane's width.
    static func pane(scroll: Int, abstract: String = longAbstract) -> (rows: [String], lines: [String]) {
        var state = Self.state([Self.paper(0, abstract: abstract)])
        state.paneScroll = scroll
        let lines = state.render(theme: .standard).lines()
        let all = PaneView.lines(for: state.list.paper(at: 0)!, width: paneColumns.count).map(\.0)
        return (paneRows.map { text(lines, row: $0, paneColumns) }, all)
    }

    @Test func aLongAbstractSaysThereIsMoreBelow() {
        let (rows, all) = Self.pane(scroll: 0)
        #expect(all.count > 40)
        #expect(rows.last!.hasSuffix(" ↓ 26/\(all.count) "))
        #expect(!rows.joined().contains("↑"))
        #expect(rows[0].hasPrefix("Paper 0"))
    }

    @Test func scrolledDownItSaysThereIsMoreAboveAndBelow() {
        let (rows, all) = Self.pane(scroll: 5)
        #expect(rows[0].hasSuffix(" ↑ 6/\(all.count) "))
        #expect(rows[0].hasPrefix(String(all[5].prefix(20))))
        #expect(rows.last!.hasSuffix(" ↓ 31/\(all.count) "))
    }

    @Test func atTheEndOnlyTheSignAboveAndTheLastLineWhole() {
        // Scrolling past the end stops at the last line (the clamp at render time).
        let (rows, all) = Self.pane(scroll: 1000)
        let first = all.count - 26
        #expect(rows[0].hasSuffix(" ↑ \(first + 1)/\(all.count) "))
        #expect(!rows.joined().contains("↓"))
        #expect(rows.last!.trimmingCharacters(in: .whitespaces) == all.last!)
    }

    @Test func anAbstractThatFitsHasNoSign() {
        let (rows, _) = Self.pane(scroll: 3, abstract: "Short.")
        #expect(!rows.joined().contains("↓") && !rows.joined().contains("↑"))
        #expect(rows[1].hasPrefix("2024-03-18"))
    }

    @Test func helpSaysThereIsMoreBelow() {
        var state = Self.state([Self.paper(0)], height: 12)
        state.mode = .help
        let lines = state.render(theme: .standard).lines()
        // Rows 2–9 show lines 1–8 of the help.
        #expect(lines[9].contains("↓ 8/"))
        #expect(!lines.joined().contains("↑"))
    }
}
