import FolioCore
import TerminalUI
import Testing
@testable import FolioApp

/// The reader opens where it was left: the view, filter, order and paper kept as text and taken back.
@Suite("reader memory")
struct ReaderMemoryTests {
    @Test(arguments: [LibraryView.all, .starred, .unread, .new, .forYou(tag: nil), .forYou(tag: "to read"),
                      .tag("a:b, c"), .topic("ir")])
    func everyKeptViewReadsBack(view: LibraryView) {
        let place = ReaderPlace(view: view, filter: "title:\"dense retrieval\" -is:read", order: .title, paperID: "2603.00004")
        #expect(ReaderPlace(values: place.values) == place)
    }

    @Test func aPlaceThisFolioDoesNotKnowIsNoPlace() {
        #expect(ReaderPlace(values: [:]) == nil)
        #expect(ReaderPlace(values: ["view": "shelf:x"]) == nil)
        #expect(ReaderPlace(values: ["view": "tag:"]) == nil)
        #expect(ReaderPlace(values: ["view": "all", "order": "sideways"]) == ReaderPlace(view: .all))
    }

    @Test func moreLikeThisIsKeptAsTheViewItCameFrom() {
        var library = MemoryLibrary.numbered(20)
        library.papers[3].tags = ["ir"]
        library.papers[5].tags = ["ir"]
        var app = StateDriver(library)
        PlaceKeptTests.choose(&app, .tag("ir"))
        app.press(.char("/"))
        app.type("sparse")
        app.press(.enter)
        app.state.visits = [ViewVisit(view: app.state.view, filterText: app.state.filterText, selectedNum: 4)]
        app.state.view = .similar(id: "2603.00003", title: "x")
        #expect(app.state.place(paperID: "2603.00009") == ReaderPlace(view: .tag("ir"), filter: "sparse"))
    }

    @Test func restoringSelectsTheKeptPaperInTheKeptViewFilterAndOrder() {
        var library = MemoryLibrary.numbered(30)
        for i in [2, 7, 9, 12] { library.papers[i].tags = ["ir"] }
        var first = StateDriver(library)
        PlaceKeptTests.choose(&first, .tag("ir"))
        first.press(.char("O"))  // by title
        first.press(.char("/"))
        first.type("paper")
        first.press(.enter, .char("j"), .char("j"))
        let kept = first.state.place(paperID: first.state.selectedPaper?.id)
        let selected = first.state.selectedPaper?.id
        #expect(kept.view == .tag("ir") && kept.order == .title && kept.filter == "paper")

        // A new reader: the place is restored before the library's counts arrive, as the runtime does.
        var second = StateDriver(library, restoring: kept, num: first.state.selectedRow?.num)
        #expect(second.state.view == .tag("ir"))
        #expect(second.state.filterText == "paper")
        #expect(second.state.order == .title)
        #expect(second.state.selectedPaper?.id == selected)
        #expect(second.state.sidebarEntries[second.state.sidebarIndex].view == .tag("ir"), "the sidebar chooses the view's entry")
        #expect(second.header.contains("tag: ir"))
        second.press(.char("j"))
        #expect(second.state.selectedPosition == first.state.selectedPosition! + 1)
    }

    @Test func aViewGoneSinceOpensAll() {
        let second = StateDriver(.numbered(5), restoring: ReaderPlace(view: .topic("gone")), num: nil)
        #expect(second.state.view == .all)
        #expect(second.state.list.count == 5)
    }
}
