import FolioCore
import TerminalUI
import Testing
@testable import FolioApp

/// Reading on: the next and previous paper without leaving full-screen reading, as in mutt's pager.
@Suite("reading on")
struct ReadingOnTests {
    static func library(unread count: Int, longFirst: Bool = false) -> MemoryLibrary {
        var library = MemoryLibrary.numbered(count)
        if longFirst { library.papers[0].metadata.abstract = AppStateTests.longAbstract }
        return library
    }

    @Test func nReadsThreePapersInARowEachMarkedRead() {
        var app = StateDriver(Self.library(unread: 10), width: 80, height: 24)
        app.press(.enter, .char("n"), .char("n"))
        #expect(app.state.mode == .reading)
        #expect(app.state.selectedPosition == 2)
        #expect(app.lines.contains { $0.contains("Paper number 2 on sparse retrieval") })
        for i in 0..<3 {
            #expect(app.library.papers[i].isRead, "paper \(i) was opened, so it is read")
        }
        #expect(!app.library.papers[3].isRead)
        app.press(.char("p"))
        #expect(app.state.selectedPosition == 1)
        #expect(app.state.mode == .reading)
        app.press(.char("q"))
        #expect(app.state.mode == .browse)
        #expect(app.statusLine.hasPrefix(" 2/10 "))
    }

    @Test func inUnreadTheNextPaperIsTheOneAfterTheOneRead() {
        var app = StateDriver(Self.library(unread: 10), width: 80, height: 24)
        PlaceKeptTests.choose(&app, .unread)
        let ids = (0..<4).map { app.state.list.paper(at: $0)!.id }
        app.press(.enter)
        #expect(app.state.selectedPaper?.id == ids[0])
        app.press(.char("n"))
        #expect(app.state.selectedPaper?.id == ids[1], "not the paper after it: the one read stays in place")
        app.press(.char("n"))
        #expect(app.state.selectedPaper?.id == ids[2])
        app.press(.char("p"), .char("p"))
        #expect(app.state.selectedPaper?.id == ids[0])
        #expect(app.state.list.count == 10)
        #expect(app.library.papers.filter(\.isRead).count == 3)
        app.press(.char("q"), .escape)
        PlaceKeptTests.choose(&app, .all)
        PlaceKeptTests.choose(&app, .unread)
        #expect(app.state.list.count == 7)
    }

    @Test func spacePagesDownThenGoesToTheNextPaper() {
        var app = StateDriver(Self.library(unread: 3, longFirst: true), width: 80, height: 24)
        app.press(.enter)
        let limit = app.state.paneScrollLimit
        #expect(limit > 0)
        var pages = 0
        while app.state.paneScroll < limit && pages < 100 {
            app.press(.char(" "))
            pages += 1
            #expect(app.state.selectedPosition == 0, "Space scrolls while the paper goes on")
        }
        #expect(pages >= 2)
        #expect(app.lines.contains { $0.contains("Sentence 60") }, "the paper's end is shown")
        app.press(.char(" "))
        #expect(app.state.selectedPosition == 1)
        #expect(app.state.paneScroll == 0)
        #expect(app.state.mode == .reading)
        #expect(app.library.papers[1].isRead)
        // A paper that fits the screen: Space goes on at once, and stops at the last.
        app.press(.char(" "), .char(" "))
        #expect(app.state.selectedPosition == 2)
        #expect(app.statusLine.contains("this is the last paper"))
    }

    @Test func theEndsSaySoAndBrowsingMovesWithoutMarking() {
        var app = StateDriver(Self.library(unread: 5), width: 120, height: 30)
        app.press(.char("p"))
        #expect(app.statusLine.contains("this is the first paper"))
        app.press(.char("n"), .char("n"))
        #expect(app.state.mode == .browse)
        #expect(app.state.selectedPosition == 2)
        #expect(app.library.papers.allSatisfy { !$0.isRead }, "moving in the list reads nothing")
        app.press(.tab)  // the abstract pane has the keys: n still moves the list
        app.press(.char("n"))
        #expect(app.state.selectedPosition == 3)
    }

    @Test func aRowStillLoadingIsMarkedReadWhenItArrives() {
        var app = StateDriver(Self.library(unread: 400), width: 80, height: 24)
        app.press(.enter, .char("n"))
        // The next row not loaded: it comes in a later answer.
        app.state.list = ResultWindow(key: app.state.list.key, count: app.state.list.count, start: 0,
                                      rows: Array(app.state.list.rows.prefix(2)))
        app.press(.char("n"))
        #expect(app.effects.last { if case .loadRows = $0 { true } else { false } } != nil)
        #expect(app.state.selectedPosition == 2)
        #expect(app.library.papers[2].isRead, "read once its row loaded")
        #expect(!app.library.papers[3].isRead)
    }
}
