import FolioCore
import TerminalUI
import Testing
@testable import FolioApp

/// The runtime draws with a `RenderCache`; a frame must be exactly what `render` draws without one,
/// whatever changed since the rows were cached.
@Suite("Render cache") struct RenderCacheTests {
    /// The terminal shows what an uncached render of the state draws, cell for cell (styles too).
    private func expectFresh(_ app: ReaderRuntime<ScriptedTerminal>, _ step: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let fresh = app.state.render(theme: app.theme)
        #expect(app.screen.backend.memory.canvas == fresh, "after \(step)", sourceLocation: sourceLocation)
    }

    @Test func everyFrameOfASessionEqualsAnUncachedRender() throws {
        let lib = try SampleLibrary()
        let app = lib.runtime()
        expectFresh(app, "opening")
        let steps: [(String, () -> Void)] = [
            ("j", { app.press(.char("j"), .char("j")) }),
            ("star", { app.press(.char("s")) }),
            ("tag", { app.press(.char("t")); app.type("lasso"); app.press(.enter) }),
            ("read", { app.press(.char("r")) }),
            ("focus", { app.press(.tab) }),
            ("focus back", { app.press(.backTab) }),
            ("theme", { app.press(.char("C")) }),
            ("filter", { app.press(.char("/")); app.type("diffusion") }),
            ("filter kept", { app.press(.enter) }),
            ("esc", { app.press(.escape) }),
            ("page", { app.press(.pageDown) }),
            ("bottom", { app.press(.char("G")) }),
            ("top", { app.press(.char("g")) }),
            ("narrow", { app.resize(width: 90, height: 30) }),
            ("sidebar", { app.press(.char("\\")) }),
            ("wide", { app.resize(width: 160, height: 45) }),
            ("unstar", { app.press(.char("s")) }),
            ("untag", { app.press(.char("T")); app.type("lasso"); app.press(.enter) }),
        ]
        for (name, step) in steps {
            step()
            expectFresh(app, name)
        }
    }

    /// A row cached unstarred, untagged and unread must not come back when the paper changes.
    @Test func aCachedRowChangesWithItsPaper() throws {
        let lib = try SampleLibrary()
        let app = lib.runtime()
        let cache = RenderCache()
        var state = app.state
        _ = state.render(theme: app.theme, cache: cache)
        let position = try #require(state.selectedPosition)
        var paper = try #require(state.list.paper(at: position))
        paper.starredAt = "2026-03-18T00:00:00Z"
        paper.tags = ["lasso"]
        paper.readAt = "2026-03-18T00:00:00Z"
        state.list.rows[position - state.list.start].paper = paper
        let cached = state.render(theme: app.theme, cache: cache)
        #expect(cached == state.render(theme: app.theme))
        let line = try #require(state.shownLines.firstIndex(of: .paper(position)))
        let row = cached.lines()[state.layout.inner(state.layout.list).y + line]
        #expect(row.contains(String(TeXDisplay.render(paper.title).prefix(20))))
        #expect(row.contains("★") && row.contains("lasso"))
    }

    @Test func aCachedFrameFollowsThemeWidthAndSelection() throws {
        let lib = try SampleLibrary()
        let app = lib.runtime()
        let cache = RenderCache()
        var state = app.state
        _ = state.render(theme: app.theme, cache: cache)
        // Another theme: same text, other styles.
        var theme = app.theme
        theme.styles[.listNormal] = Style(foreground: .ansi(3), attributes: .italic)
        theme.styles[.listSelected] = Style(background: .ansi(4))
        #expect(state.render(theme: theme, cache: cache) == state.render(theme: theme))
        // Narrower: the columns and the cut of every title change.
        state.width = 100
        #expect(state.render(theme: theme, cache: cache) == state.render(theme: theme))
        // The selection moves, and the list loses the keys.
        state.selectedPosition = (state.selectedPosition ?? 0) + 1
        state.selectedID = state.selectedPosition.flatMap { state.list.paper(at: $0)?.id }
        state.focus = .pane
        #expect(state.render(theme: theme, cache: cache) == state.render(theme: theme))
        // The sidebar's counts change.
        state.snapshot.starred += 1
        #expect(state.render(theme: theme, cache: cache) == state.render(theme: theme))
    }

    /// The pane's remembered lines are the lines laid out afresh, whatever papers, changes to them,
    /// widths and sources come in whatever order.
    @Test func thePanesRememberedLinesAreTheLinesLaidOutAfresh() throws {
        let lib = try SampleLibrary()
        let papers = Array(try lib.store.papers().prefix(6))
        try #require(papers.count == 6)
        var random = SystemRandomNumberGenerator()
        for step in 0..<400 {
            var paper = papers.randomElement(using: &random)!
            if Bool.random(using: &random) { paper.tags = ["lasso"] }
            if Bool.random(using: &random) { paper.readAt = "2026-03-18T00:00:00Z" }
            let ranking = Bool.random(using: &random) ? Ranking(score: 2.5, because: ["sparse"]) : nil
            let width = Int.random(in: 1...90, using: &random)
            let source = Bool.random(using: &random)
            let remembered = PaneView.lines(for: paper, ranking: ranking, width: width, source: source)
            let fresh = PaneView.wrappedLines(for: paper, ranking: ranking, width: width, source: source)
            #expect(remembered.map(\.0) == fresh.map(\.0) && remembered.map(\.1) == fresh.map(\.1), "step \(step): \(paper.id) at \(width)")
        }
    }

    /// Reading ahead fills the rows around the screen without changing what the list holds.
    @Test func readingAheadKeepsTheWindowTheList() throws {
        let lib = try SampleLibrary()
        let app = lib.runtime(width: 120, height: 14)
        for _ in 0..<30 { app.press(.char("j")) }
        app.send(.idle)
        let all = app.listed
        #expect(app.state.list.loaded.upperBound > (app.state.selectedPosition ?? 0) + 5)
        #expect(app.state.selectedPaper?.id == all[app.state.selectedPosition ?? 0].id)
        expectFresh(app, "reading ahead")
    }
}
