import FolioTestSupport
import Foundation
import Testing

/// Themes, color depths and the config file, as a person at a terminal sees them.
@Suite("themes and config end to end")
struct ThemesEndToEndTests {
    /// A library of the 54 sample papers and the first two titles' openings, as the list shows them.
    private func sampleLibrary() throws -> (TestLibrary, first: String, second: String) {
        let library = try TestLibrary()
        try library.ok(["import", CLI.fixture("hf-daily-papers-page.txt")])
        let titles = try library.list().prefix(2).map { String(($0["title"] as? String ?? "").prefix(10)) }
        return (library, titles[0], titles[1])
    }

    /// A 120x40 tmux whose HOME holds one file at `path` (relative to HOME).
    private func started(withFile path: String, _ text: String) throws -> Tmux {
        let tmux = try Tmux()
        let file = tmux.home.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: file, atomically: true, encoding: .utf8)
        try tmux.start(width: 120, height: 40)
        return tmux
    }

    @discardableResult
    private func open(_ tmux: Tmux, _ library: TestLibrary, _ arguments: String = "", position: String = "1/54") throws -> [String] {
        try tmux.runInShell("'\(CLI.binary.path)' --library '\(library.path)' \(arguments)")
        return try tmux.waitFor({ isReader($0, position: position) }, "the reader drawn with \(position) (\(arguments))")
    }

    /// Every SGR sequence on the screen.
    private func colorSequences(_ rows: [String]) -> Set<String> {
        let pattern = try! NSRegularExpression(pattern: "\u{1B}\\[[0-9;:]*m")
        var found = Set<String>()
        for row in rows {
            for match in pattern.matches(in: row, range: NSRange(row.startIndex..., in: row)) {
                found.insert(String(row[Range(match.range, in: row)!]))
            }
        }
        return found
    }

    /// Whether an SGR sequence sets a foreground or background color (30–38, 40–48, 90–97, 100–107).
    private func setsAColor(_ sequence: String) -> Bool {
        sequence.dropFirst(2).dropLast().split(separator: ";").compactMap { Int($0) }.contains {
            (30...38).contains($0) || (40...48).contains($0) || (90...97).contains($0) || (100...107).contains($0)
        }
    }

    @Test func defaultLightAndGruvboxDrawDifferentColors() throws {
        let (library, _, _) = try sampleLibrary()
        let tmux = try Tmux()
        try tmux.start(width: 120, height: 30)
        var sequences: [String: Set<String>] = [:]
        for theme in ["default", "light", "gruvbox"] {
            try open(tmux, library, "--theme \(theme)")
            sequences[theme] = colorSequences(try tmux.capture(escapes: true))
            try quitReader(tmux)
        }
        #expect(sequences["default"] != sequences["light"])
        #expect(sequences["default"] != sequences["gruvbox"])
        #expect(sequences["light"] != sequences["gruvbox"])
        #expect(sequences["gruvbox"]!.contains { $0.contains("38;5;") || $0.contains("48;5;") }, "gruvbox's #rrggbb as 256 colors")
    }

    @Test(arguments: [
        ["TERM": "xterm"], ["TERM": "xterm-256color"], ["TERM": "xterm-256color", "COLORTERM": "truecolor"], ["NO_COLOR": "1"],
    ])
    func theSelectedRowStandsOutAtEveryColorDepth(environment: [String: String]) throws {
        let (library, first, second) = try sampleLibrary()
        let tmux = try Tmux()
        try tmux.start(width: 120, height: 30, environment: environment)
        for theme in ["default", "gruvbox"] {
            let plain = try open(tmux, library, "--theme \(theme)")
            let escaped = try tmux.capture(escapes: true)
            let selected = try #require(plain.firstIndex { $0.contains(first) }), other = try #require(plain.firstIndex { $0.contains(second) })
            let selectedLook = colorSequences([escaped[selected]]), otherLook = colorSequences([escaped[other]])
            #expect(selectedLook != otherLook, "\(environment) \(theme): the selected row \(selectedLook) looks like the next \(otherLook)")
            if environment["NO_COLOR"] != nil {
                let colors = colorSequences(escaped).filter(setsAColor)
                #expect(colors.isEmpty, "NO_COLOR: no color sequences, yet \(colors)")
            }
            try quitReader(tmux)
        }
    }

    @Test func aConfigBindsStarToFAndHelpShowsIt() throws {
        let (library, first, _) = try sampleLibrary()
        let tmux = try started(withFile: ".config/folio/config.toml", "[keys]\nstar = [\"f\"]\n")
        try open(tmux, library)
        try tmux.send(keys: "f")
        try tmux.waitFor({ screen in
            status(screen).hasSuffix("starred") && screen.contains { $0.contains("★ ") && $0.contains(first) }
        }, "f stars the first paper")
        try tmux.send(keys: "?")
        try tmux.waitFor({ $0.contains { $0.contains("f ") && $0.contains("star or unstar") } }, "the help screen with f for star")
        try tmux.send(keys: "Escape")
        try tmux.waitFor({ isReader($0, position: "1/54") }, "back to the list")
        try quitReader(tmux)
        #expect(try library.list(["--starred"]).count == 1)
    }

    @Test func anUnknownActionIsShownWithItsLineAndTheReaderStillWorks() throws {
        let (library, _, _) = try sampleLibrary()
        let tmux = try started(withFile: "folio.toml", "theme = \"gruvbox\"\n[keys]\nfly = [\"x\"]\n")
        let config = tmux.home.appendingPathComponent("folio.toml")
        let screen = try open(tmux, library, "--config '\(config.path)'")
        try requireScreen(status(screen).contains("line 3: unknown action fly"), "the config error with its line", screen)
        try tmux.send(keys: "j", "s")
        try tmux.waitFor({ status($0).hasPrefix(" 2/54 ") && status($0).hasSuffix("starred") }, "j and s still work")
        try quitReader(tmux)
    }

    @Test func aBrokenThemeFallsBackToDefaultAndSaysWhyThenCycles() throws {
        let (library, _, _) = try sampleLibrary()
        let tmux = try started(withFile: ".config/folio/themes/broken.toml", "[styles]\nstar = { fg = \"nope\" }\n")
        try tmux.runInShell("'\(CLI.binary.path)' --library '\(library.path)' --theme broken")
        try tmux.waitFor({ status($0).contains("using default: theme broken: line 2: bad color") }, "why the theme was not used")
        try tmux.send(keys: "C")
        try tmux.waitFor({ status($0).hasSuffix("theme: gruvbox") }, "C switches to the next theme")
        try quitReader(tmux)
    }
}
