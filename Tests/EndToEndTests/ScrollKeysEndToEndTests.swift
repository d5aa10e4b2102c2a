import FolioTestSupport
import Foundation
import Testing

/// Keys that once overflowed the scroll arithmetic and killed the reader: after each, the reader is
/// still running and answering keys.
@Suite("scroll keys end to end")
struct ScrollKeysEndToEndTests {
    func reader(width: Int = 120, height: Int = 40) throws -> (Tmux, TestLibrary, [String]) {
        let library = try TestLibrary()
        try library.ok(["import", CLI.fixture("hf-daily-papers-page.txt")])
        let tmux = try Tmux()
        try tmux.start(width: width, height: height)
        try tmux.runInShell("'\(CLI.binary.path)' --library '\(library.path)'")
        // A first-run note may cover the position on a narrow status line.
        let screen = try tmux.waitFor({ ($0.first ?? "").contains("54 of 54 ─ All") }, "the reader on 54 papers")
        return (tmux, library, screen)
    }

    /// The reader answers: `j` in the list moves to the second paper, then it quits on `q`.
    func expectAnswering(_ tmux: Tmux, after step: String) throws {
        try tmux.send(keys: "j")
        try tmux.waitFor({ isReader($0, position: "2/54") }, "the reader moving to 2/54 after \(step)")
        try quitReader(tmux)
    }

    @Test(arguments: [["Tab", "G", "G", "G"], ["Tab", "End", "End", "End"]])
    func theAbstractPaneScrolledPastItsEnd(keys: [String]) throws {
        // 80x24: the abstract pane under the list is shorter than the abstract.
        let (tmux, _, start) = try reader(width: 80, height: 24)
        for key in keys { try tmux.send(keys: key) }
        let end = try tmux.waitFor({ $0.dropLast() != start.dropLast() }, "the abstract scrolled after \(keys.joined(separator: " "))")
        try tmux.send(keys: "k")
        try tmux.waitFor({ $0 != end && isReader($0, position: "1/54") }, "the abstract one line back after k")
        try tmux.send(keys: "BTab")
        try expectAnswering(tmux, after: keys.joined(separator: " "))
    }

    @Test func readingFullScreenPastTheEnd() throws {
        let (tmux, _, _) = try reader()
        for key in ["Enter", "G", "G", "j", "j"] { try tmux.send(keys: key) }
        try tmux.waitFor({ $0.contains { $0.contains("┌ Paper") } }, "the paper full screen")
        try tmux.send(keys: "q")
        try tmux.waitFor({ isReader($0, position: "1/54") && $0.contains { $0.contains("┌ Papers") } }, "the list again after q")
        try expectAnswering(tmux, after: "Enter G G j j q")
    }

    @Test func helpScrolledToItsEndAndBack() throws {
        let (tmux, _, _) = try reader(width: 80, height: 24)
        try tmux.send(keys: "?")
        try tmux.waitFor({ $0.contains { $0.contains("┌ Help") } }, "the help screen")
        try tmux.send(keys: "G")
        let end = try tmux.waitFor({ $0.contains { $0.contains("Mouse: click selects") } }, "the help's last line after G")
        try tmux.send(keys: "k")
        try tmux.waitFor({ $0 != end && !$0.contains { $0.contains("Mouse: click selects") } }, "the help one line back after k")
        try tmux.send(keys: "x")
        try tmux.waitFor({ isReader($0, position: "1/54") && $0.contains { $0.contains("┌ Papers") } }, "the list after closing help")
        try expectAnswering(tmux, after: "? G k x")
    }

    /// A `[keys]` remap shows wherever keys are named: the status line's hints and `?`.
    @Test func aRemappedStarKeyShowsInTheHintsAndTheHelp() throws {
        let library = try TestLibrary()
        try library.ok(["import", CLI.fixture("hf-daily-papers-page.txt")])
        let tmux = try Tmux()
        let config = tmux.home.appendingPathComponent(".config/folio/config.toml")
        try FileManager.default.createDirectory(at: config.deletingLastPathComponent(), withIntermediateDirectories: true)
        try "[keys]\nstar = [\"f\"]\n".write(to: config, atomically: true, encoding: .utf8)
        try tmux.start(width: 120, height: 40)
        try tmux.runInShell("'\(CLI.binary.path)' --library '\(library.path)'")
        try tmux.waitFor({ ($0.first ?? "").contains("54 of 54") }, "the reader")
        try tmux.send(keys: "j")
        try tmux.waitFor({ isReader($0, position: "2/54") && status($0).contains("f star") && !status($0).contains("s star") },
                         "`f star` among the hints")
        try tmux.send(keys: "f")
        try tmux.waitFor({ status($0).hasSuffix("starred") }, "f stars the paper")
        try tmux.send(keys: "?")
        try tmux.waitFor({ $0.contains { $0.contains("│f ") && $0.contains("star or unstar") } }, "`?` lists f for star")
    }
}
