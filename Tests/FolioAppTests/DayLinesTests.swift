import Foundation
import TerminalUI
import Testing
@testable import FolioApp
@testable import FolioCore

/// The date order's day separators, and `@`, which jumps to a day.
@Suite("day lines")
struct DayLinesTests {
    static func paper(_ n: Int, _ published: String?) -> Paper {
        ViewPolishTests.paper(n, published: published)
    }

    /// The list's inner rows at 120×30 (columns 21–78, rows 2–27), trailing blanks cut.
    static func listText(_ state: AppState) -> [String] {
        let lines = state.render(theme: .standard).lines()
        return ViewPolishTests.paneRows.map { ViewPolishTests.text(lines, row: $0, ViewPolishTests.listColumns) }
            .map { String($0.reversed().drop { $0 == " " }.reversed()) }
    }

    /// A separator across the list's 58 columns.
    static func rule(_ label: String) -> String { label + String(repeating: "─", count: 58 - label.count) }

    @Test func aSeparatorStartsEachDayInDateOrder() {
        let state = ViewPolishTests.state([Self.paper(0, "2026-03-18"), Self.paper(1, "2026-03-18"), Self.paper(2, "2026-03-17"),
                                           Self.paper(3, "2026-02"), Self.paper(4, nil)])
        #expect(state.order == .date)
        #expect(Array(Self.listText(state).prefix(10)) == [
            Self.rule("── Wed 18 Mar 2026 ──"),
            "  2026-03-18 Paper 0",
            "  2026-03-18 Paper 1",
            Self.rule("── Tue 17 Mar 2026 ──"),
            "  2026-03-17 Paper 2",
            Self.rule("── Feb 2026 ──"),
            "  2026-02    Paper 3",
            Self.rule("── no date ──"),
            "  ---        Paper 4",
            "",
        ], "a date known to the month shows every date whole")
        // With the cache, the same.
        #expect(state.render(theme: .standard, cache: RenderCache()) == state.render(theme: .standard))
    }

    @Test func unloadedRowsDrawNoSeparatorUntilTheyAre() {
        var state = ViewPolishTests.state([Self.paper(0, "2026-03-18"), Self.paper(1, "2026-03-17")])
        state.list = ResultWindow(key: nil, count: 4, start: 2, rows: state.list.rows)  // positions 2 and 3 loaded
        #expect(state.listLines(from: 0, height: 6) == [.paper(0), .paper(1), .paper(2), .day("2026-03-17"), .paper(3)])
        #expect(state.listLines(from: 2, height: 1) == [.paper(2)])
    }

    @Test func otherOrdersHaveNoSeparators() {
        var state = ViewPolishTests.state([Self.paper(0, "2026-03-18"), Self.paper(1, "2026-03-17")])
        state.orders[.all] = .title
        #expect(Array(Self.listText(state).prefix(3)) == ["  03-18 Paper 0", "  03-17 Paper 1", ""])
    }

    @Test func separatorsNameTheDayAsTheCalendarDoes() {
        #expect(DayText.separator("2026-03-18") == "── Wed 18 Mar 2026 ──")
        #expect(DayText.separator("2024-02-29") == "── Thu 29 Feb 2024 ──")
        #expect(DayText.separator("2024") == "── 2024 ──")
        #expect(DayText.separator("2024-13-01") == "── 2024-13-01 ──", "not a day: as written")
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        var rng = SplitMix64(seed: 7)
        for _ in 0..<2000 {
            let date = Date(timeIntervalSince1970: Double(Int64(rng.next() % 8_000_000_000) - 4_000_000_000))
            let parts = calendar.dateComponents([.year, .month, .day, .weekday], from: date)
            #expect(DayText.weekday(year: parts.year!, month: parts.month!, day: parts.day!) == parts.weekday! - 1, "\(parts)")
        }
    }

    @Test func onlyCalendarDaysAreTaken() {
        #expect(DayText.day("2024-03-01") == "2024-03-01")
        #expect(DayText.day(" 2024-02-29 ") == "2024-02-29")
        for bad in ["2023-02-29", "2024-3-1", "2024-03", "2024-00-10", "2024-04-31", "20240301", "yesterday", "", "2024-03-01x", "２０２４-03-01"] {
            #expect(DayText.day(bad) == nil, "\(bad)")
        }
    }

    /// Halving finds what looking at every paper finds, in lists sorted as the date order sorts.
    @Test func theJumpsHalvingAgreesWithALinearScan() {
        var rng = SplitMix64(seed: 11)
        let pool: [String?] = ["2026-03-18", "2026-03-17", "2026-03", "2026-03-01", "2026-02-28", "2025", "2024-12-31", "2024-12-31T10:00", nil]
        for _ in 0..<3000 {
            let dates = (0..<Int(rng.next() % 12)).map { _ in pool[Int(rng.next() % UInt64(pool.count))] }
                .sorted { a, b in
                    guard let a else { return false }
                    guard let b else { return true }
                    return a > b
                }
            let day = ["2026-03-18", "2026-03-10", "2026-03-01", "2026-02-28", "2025-06-01", "2024-12-31", "2020-01-01", "2030-01-01"][Int(rng.next() % 8)]
            let linear = dates.firstIndex { $0.map { String($0.prefix(10)) <= day } ?? false }
            var reads = 0
            let halved = DateJump.firstPosition(count: dates.count, onOrBefore: day) { reads += 1; return dates[$0] }
            #expect(halved == linear, "\(dates) \(day)")
            #expect(reads <= 6)
        }
    }

    // MARK: Keys

    /// 60 papers, three a day from 2026-03-20 back to 2026-03-01.
    static func driver(height: Int = 30) -> StateDriver {
        let library = MemoryLibrary(papers: (0..<60).map { MemoryLibrary.paper($0, date: String(format: "2026-03-%02d", 20 - $0 / 3)) })
        return StateDriver(library, width: 120, height: height)
    }

    @Test func atJumpsToTheNewestPaperOfTheDay() {
        var app = Self.driver()
        #expect(app.state.list.paper(at: 0)?.metadata.published == "2026-03-20")
        app.press(.char("@"))
        #expect(app.state.prompt?.kind == .jumpToDate)
        #expect(app.statusLine.hasPrefix("date: "))
        app.type("2026-03-10")
        app.press(.enter)
        #expect(app.state.prompt == nil)
        #expect(app.state.selectedPosition == 30, "the first of the three papers of the 10th")
        #expect(app.state.selectedPaper?.metadata.published == "2026-03-10")
        #expect(app.statusLine.contains("jumped to 2026-03-10"))
        #expect(app.state.shownLines.prefix(2) == [.day("2026-03-10"), .paper(30)], "the day at the top of the list")
    }

    @Test func aDayWithoutPapersJumpsToTheNextOlder() {
        var app = Self.driver()
        app.press(.char("@"))
        app.type("2026-04-01")
        app.press(.enter)
        #expect(app.state.selectedPosition == 0)
        #expect(app.statusLine.contains("nothing on 2026-04-01; jumped to 2026-03-20"))
        app.press(.char("@"))
        app.type("2020-01-01")
        app.press(.enter)
        #expect(app.state.selectedPosition == 0, "nothing that old: the selection stays")
        #expect(app.statusLine.contains("no paper dated on or before 2020-01-01"))
    }

    @Test func anInvalidDayKeepsThePromptOpenWithItsError() {
        var app = Self.driver()
        app.press(.char("j"))
        app.press(.char("@"))
        app.type("2026-02-30")
        app.press(.enter)
        #expect(app.state.prompt?.kind == .jumpToDate)
        #expect(app.statusLine.hasPrefix("date: 2026-02-30"))
        #expect(app.statusLine.contains("not a day: write it YYYY-MM-DD"))
        #expect(app.state.selectedPosition == 1)
        app.press(.backspace)
        #expect(app.state.prompt?.error == nil, "editing clears the error")
        app.press(.backspace, .backspace, .backspace)
        app.type("3-05")
        app.press(.enter)
        #expect(app.state.prompt == nil)
        #expect(app.state.selectedPosition == 45)
        #expect(app.state.selectedPaper?.metadata.published == "2026-03-05")
    }

    @Test func outsideDateOrderAtSaysSo() {
        var app = Self.driver()
        app.press(.char("O"))
        #expect(app.state.order == .title)
        app.press(.char("@"))
        #expect(app.state.prompt == nil)
        #expect(app.statusLine.contains("not in date order: O sorts it newest first"))
    }

    @Test func theSelectionStaysDrawnScrollingThroughTheDays() {
        for height in [6, 7, 9, 30] {
            var app = Self.driver(height: height)
            for step in 0..<70 {
                app.press(.char("j"))
                #expect(RandomEvents.violation(app.state) == nil, "height \(height), step \(step)")
                let selected = app.state.selectedPosition!
                #expect(app.state.shownLines.contains(.paper(selected)))
            }
            #expect(app.state.selectedPosition == 59)
            let title = app.state.selectedPaper!.title
            #expect(app.lines.contains { $0.contains(String(title.prefix(20))) }, "the last paper is drawn (height \(height))")
            app.press(.char("g"))
            #expect(app.state.listOffset == 0)
            #expect(app.state.shownLines.first == (app.state.listRows >= 2 ? .day("2026-03-20") : .paper(0)))
        }
    }

    @Test func aClickOnASeparatorSelectsNothing() {
        var app = Self.driver()
        let list = app.state.layout.inner(app.state.layout.list)
        app.press(.char("j"))
        app.send(.input(.mouse(.press(.left, x: list.x + 3, y: list.y + 4))))  // the 19th's separator
        #expect(app.state.shownLines[4] == .day("2026-03-19"))
        #expect(app.state.selectedPosition == 1)
        app.send(.input(.mouse(.press(.left, x: list.x + 3, y: list.y + 5))))
        #expect(app.state.selectedPosition == 3)
    }

    // MARK: The runtime's answer

    @Test func theLibraryFindsTheDayAsALinearScanDoes() throws {
        let lib = try SampleLibrary()
        let app = lib.runtime()
        let listed = app.listed
        let key = app.state.listKey
        let days = Set(listed.compactMap { $0.metadata.published.map { String($0.prefix(10)) } })
        for day in days.sorted() + ["1999-01-01", "2100-01-01"] {
            let linear = listed.firstIndex { $0.metadata.published.map { String($0.prefix(10)) <= day } ?? false }
            let answer = try app.lists.day(key, onOrBefore: day)
            #expect(answer == .dayFound(key, day: day, position: linear, published: linear.flatMap { listed[$0].metadata.published }))
        }
        app.press(.char("@"))
        app.type(try #require(days.sorted().first))
        app.press(.enter)
        #expect(app.state.selectedPaper?.metadata.published.map { String($0.prefix(10)) } == days.sorted().first)
    }
}
