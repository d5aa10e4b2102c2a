import TerminalUI
import Testing
@testable import FolioApp
@testable import FolioCore

/// `v`: the pane and the reading view show the title and abstract as stored, and back rendered.
@Suite("TeX source toggle")
struct SourceToggleTests {
    static func driver() -> StateDriver {
        var library = MemoryLibrary.numbered(2)
        library.papers[0].metadata.title = "The $\\alpha$-divergence bound"
        library.papers[0].metadata.abstract = "We bound $\\alpha$ and \\emph{beta}; \u{1B}[31mred."
        return StateDriver(library, width: 120, height: 30)
    }

    /// The pane's inner columns at 120×30 (81–118), rows 2–27, trailing blanks cut.
    static func pane(_ app: StateDriver) -> [String] {
        app.lines.map { ViewPolishTests.text([$0], row: 0, ViewPolishTests.paneColumns) }.dropFirst(2).prefix(26)
            .map { String($0.reversed().drop { $0 == " " }.reversed()) }
    }

    @Test func vShowsTheSourceAndBackTheRendering() {
        var app = Self.driver()
        #expect(Self.pane(app).first == "The α-divergence bound")
        // Rendering leaves the escape out; the source shows it as a visible ␛.
        #expect(Self.pane(app).contains("We bound α and beta; [31mred."))
        #expect(app.lines[1].contains("┌ Abstract ─"))

        app.press(.char("v"))
        #expect(app.state.showsSource)
        #expect(Self.pane(app).first == "The $\\alpha$-divergence bound")
        #expect(Self.pane(app)[4...5] == ["We bound $\\alpha$ and \\emph{beta};", "␛[31mred."], "as stored, the escape made visible")
        #expect(app.lines[1].contains("┌ Abstract (TeX source)"))
        #expect(app.statusLine.contains("title and abstract as stored (TeX source); v renders them"))
        #expect(app.lines.contains { $0.contains("The α-divergence bound") }, "the list's row stays rendered")
        #expect(!app.lines.joined().unicodeScalars.contains { $0.value < 0x20 })
        #expect(app.state.render(theme: .standard, cache: RenderCache()) == app.state.render(theme: .standard))

        app.press(.enter)
        #expect(app.state.mode == .reading)
        #expect(app.lines[1].contains("┌ Paper (TeX source)"))
        #expect(app.lines.contains { $0.contains("We bound $\\alpha$ and \\emph{beta}") })

        app.press(.char("v"))
        #expect(!app.state.showsSource)
        #expect(app.statusLine.contains("title and abstract rendered"))
        #expect(app.lines[1].contains("┌ Paper ─"))
        #expect(app.lines.contains { $0.contains("We bound α and beta;") })
        #expect(!app.lines.contains { $0.contains("$\\alpha$") })
    }

    /// A cache holding the rendered lines gives the source's once `v` is pressed, and back.
    @Test func theCachedPaneFollowsTheToggle() {
        var app = Self.driver()
        let cache = RenderCache()
        _ = app.state.render(theme: .standard, cache: cache)
        app.press(.char("v"))
        #expect(app.state.render(theme: .standard, cache: cache) == app.state.render(theme: .standard))
        app.press(.char("v"))
        #expect(app.state.render(theme: .standard, cache: cache) == app.state.render(theme: .standard))
    }
}
