import FolioTestSupport
import Foundation
import TerminalUI
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The reader as a person sees it: the built `folio` in a real terminal (tmux), driven by keys.
/// Each test has its own tmux server and library, so the suite runs in parallel with everything else.
@Suite("reader end to end")
struct ReaderEndToEndTests {
    @Test func starAndTagTheFourthPaperAndKeepThemAfterARestart() throws {
        let library = try TestLibrary()
        try library.ok(["import", CLI.fixture("hf-daily-papers-page.txt")])
        let papers = try library.list().map(ListedPaper.init)
        try #require(papers.count == 54)
        let fourth = papers[3]
        let tmux = try Tmux()
        try tmux.start(width: 120, height: 40)

        let screen = try openReader(tmux, library, position: "1/54")
        try requireScreen(screen.contains { $0.contains("┌ Papers") } && screen.contains { $0.contains("┌ Abstract") },
                          "the list and the abstract pane side by side", screen)

        try tmux.send(keys: "j", "j", "j")
        try tmux.waitFor({ status($0).hasPrefix(" 4/54 ") && $0.joined(separator: "\n").contains(fourth.abstractOpening) },
                         "4/54 and the fourth paper's abstract (\(fourth.abstractOpening)…) in the pane")

        try tmux.send(keys: "s")
        try tmux.waitFor({ fourth.row(in: $0)?.contains("★ " + fourth.listLabel) == true && status($0).hasSuffix("starred") },
                         "★ on the fourth paper's row and `starred` on the status row")

        try tmux.send(keys: "t")
        try tmux.waitFor({ status($0).hasPrefix("tags: ") }, "the tags prompt on the last row")
        try tmux.type("lasso, theory")
        try tmux.send(keys: "Enter")
        try tmux.waitFor({
            fourth.row(in: $0)?.contains("lasso,theory") == true && $0.contains { $0.contains("tags: lasso, theory") }
                && status($0).hasSuffix("tagged lasso, theory")
        }, "lasso,theory on the row, `tags: lasso, theory` in the pane and `tagged lasso, theory` on the status row")

        try quitReader(tmux)
        // The reader opens where it was left: on the fourth paper.
        try openReader(tmux, library, position: "4/54")
        try tmux.waitFor({
            let row = fourth.row(in: $0) ?? ""
            return status($0).hasPrefix(" 4/54 ") && row.contains("★ " + fourth.listLabel) && row.contains("lasso,theory")
                && $0.contains { $0.contains("tags: lasso, theory") }
        }, "after a restart, the star and both tags on the fourth paper")
        try quitReader(tmux)

        let starred = try library.list(["--starred"])
        #expect(starred.count == 1)
        #expect(starred.first?["id"] as? String == fourth.id)
        #expect(starred.first?["tags"] as? [String] == ["lasso", "theory"])
    }

    /// Papers imported the moment the reader closes are New at the next start (times were whole
    /// seconds, and an import in the second of the close was never new).
    @Test func papersImportedRightAfterTheReaderClosesAreNew() throws {
        let library = try TestLibrary()
        try library.ok(["import", CLI.fixture("hf-daily-papers-page.txt")])
        let tmux = try Tmux()
        try tmux.start(width: 120, height: 40)
        let folio = "'\(CLI.binary.path)' --library '\(library.path)'"
        try tmux.runInShell("\(folio); \(folio) import '\(CLI.fixture("arxiv-oai-jsonl/snapshot_head50.jsonl"))'")
        try tmux.waitFor({ isReader($0, position: "1/54") }, "the reader")
        try tmux.send(keys: "q")
        try tmux.waitFor({ $0.contains { $0.contains("50 new") } }, "the import right after the reader closed")
        try tmux.runInShell(folio)
        try tmux.waitFor({ isReader($0, position: "1/104") && $0.contains { $0.hasPrefix("│New ") && $0.contains(" 50│") } },
                         "the 50 papers imported after the close are New")
        try quitReader(tmux)
    }

    @Test func aStarFromAnotherProcessShowsWithinTwoSeconds() throws {
        let library = try TestLibrary()
        try library.ok(["import", CLI.fixture("hf-daily-papers-page.txt")])
        let second = try #require(try library.list().map(ListedPaper.init).dropFirst().first)
        let tmux = try Tmux()
        try tmux.start(width: 120, height: 40)
        let screen = try openReader(tmux, library, position: "1/54")
        try requireScreen(second.row(in: screen).map { !$0.contains("★ " + second.listLabel) } == true, "the second paper shown, not starred", screen)

        try library.ok(["star", second.id])
        try tmux.waitFor({ second.row(in: $0)?.contains("★ " + second.listLabel) == true }, timeout: 2,
                         "the star set by `folio star` on the second paper's row")
        try quitReader(tmux)
    }

    @Test func resizingKeepsTheReaderAliveAndTheSelection() throws {
        let library = try TestLibrary()
        try library.ok(["import", CLI.fixture("hf-daily-papers-page.txt")])
        let fifth = try library.list().map(ListedPaper.init)[4]
        let tmux = try Tmux()
        try tmux.start(width: 200, height: 50)
        try openReader(tmux, library, position: "1/54")
        try tmux.send(keys: "j", "j", "j", "j")
        try tmux.waitFor({ status($0).hasPrefix(" 5/54 ") }, "5/54 before resizing")

        for (width, height) in [(80, 24), (40, 12), (20, 6), (120, 40)] {
            try tmux.resize(width: width, height: height)
            let layout = ExpectedLayout(width: width, height: height)
            // The layout check tells a redrawn screen from the old one cropped by tmux.
            try tmux.waitFor({ screen in
                screen.count == height && status(screen).hasPrefix(" 5/54") && screen[0].contains("of 54")
                    && screen.contains { $0.contains(fifth.titleOpening) } && layout.matches(screen)
            }, "at \(width)x\(height): the \(layout) layout, 5/54 and the fifth paper (\(fifth.titleOpening)…)")
            let command = try tmux.display("#{pane_current_command}")
            #expect(command == "folio", "at \(width)x\(height) the pane runs \(command), not folio")
        }
        try quitReader(tmux)
    }

    @Test func hostileAndWideTitlesNeitherEscapeNorMisalignColumns() throws {
        let library = try TestLibrary()
        let hostile = "Evil \u{1B}]0;pwned\u{07} title \u{1B}[2J that clears"
        let wide = "深層学習による論文推薦 🎉📚 survey"
        let titles = [
            "Sparse recovery with the lasso", hostile, "Attention over long documents",
            wide, "Bandits with delayed feedback", "Diffusion models for tables", "Graph kernels revisited",
        ]
        let file = library.folder.appendingPathComponent("daily_papers_hostile.json")
        try HFDailyPapers.json(titles: titles).write(to: file)
        try library.ok(["import", file.path])
        let tmux = try Tmux()
        try tmux.start(width: 120, height: 40)
        let titleBefore = try tmux.display("#{pane_title}")

        let screen = try openReader(tmux, library, position: "1/\(titles.count)")
        let titleDuring = try tmux.display("#{pane_title}")
        #expect(titleDuring == titleBefore && !titleDuring.contains("pwned"), "pane title became \(titleDuring)")
        // Not cleared: the header, every paper's row and the status are all still on the screen.
        try requireScreen(screen[0].contains("\(titles.count) of \(titles.count)"), "the header row", screen)
        // Each paper is of its own day: a separator line above each row.
        let rows = screen[2..<(2 + 2 * titles.count)].filter { !$0.contains("││── ") }
        try requireScreen(rows.count == titles.count, "\(titles.count) rows below their days' separators", screen)
        for opening in ["Sparse recovery", "Evil", "Attention over", "深層学習", "Bandits with", "Diffusion models", "Graph kernels"] {
            try requireScreen(rows.contains { $0.contains(opening) }, "a list row for \(opening)…", screen)
        }
        // Upvotes all have two digits, so the right-aligned `▲NN` starts where the column starts.
        let upvoteColumns = try rows.map { row in
            guard let marker = row.firstIndex(of: "▲") else { throw TmuxError(description: "no ▲ on row: \(row)") }
            return DisplayWidth.of(String(row[..<marker]))
        }
        try requireScreen(Set(upvoteColumns).count == 1, "▲ at one column on every row, not at \(upvoteColumns)", screen)

        try quitReader(tmux)
        let titleAfter = try tmux.display("#{pane_title}")
        #expect(titleAfter == titleBefore && !titleAfter.contains("pwned"), "pane title became \(titleAfter)")
    }

    @Test func theShellWorksAfterQuitTermAndSuspend() throws {
        let library = try TestLibrary()
        try library.ok(["import", CLI.fixture("hf-daily-papers-page.txt")])
        let tmux = try Tmux()
        try tmux.start(width: 120, height: 40)

        try openReader(tmux, library, position: "1/54")
        try quitReader(tmux)
        try expectShellWorks(tmux, after: "q")

        try openReader(tmux, library, position: "1/54")
        // The library path is unique to this test, so it finds this test's folio and nothing else.
        let pgrep = try #require(Subprocess.find("pgrep"), "pgrep is not installed")
        let found = try Subprocess.run(pgrep, ["-f", library.path], environment: [:])
        let pid = try #require(found.lines.first.flatMap { pid_t($0) }, "no folio process for \(library.path)")
        #expect(kill(pid, SIGTERM) == 0)
        try tmux.waitFor(isShellPrompt, "the shell prompt after SIGTERM")
        try expectShellWorks(tmux, after: "SIGTERM")

        try openReader(tmux, library, position: "1/54")
        try tmux.send(keys: "C-z")
        try tmux.waitFor({ $0.contains { $0.contains("Stopped") } && isShellPrompt($0) }, "bash's Stopped line after Ctrl-Z")
        try tmux.runInShell("fg")
        try tmux.waitFor({ isReader($0, position: "1/54") }, "the reader redrawn after fg")
        try quitReader(tmux)
        try expectShellWorks(tmux, after: "Ctrl-Z, fg, q")
    }
}

// MARK: Steps

/// Starts the reader from the pane's shell and waits until it is drawn.
@discardableResult
func openReader(_ tmux: Tmux, _ library: TestLibrary, position: String) throws -> [String] {
    try tmux.runInShell("'\(CLI.binary.path)' --library '\(library.path)'")
    return try tmux.waitFor({ isReader($0, position: position) }, "the reader drawn with its header and \(position)")
}

func quitReader(_ tmux: Tmux) throws {
    try tmux.send(keys: "q")
    try tmux.waitFor(isShellPrompt, "the shell prompt after q")
}

/// The terminal is back in cooked mode with echo, and the shell edits lines.
func expectShellWorks(_ tmux: Tmux, after step: String) throws {
    let done = "stty-done-\(UUID().uuidString.prefix(8))"
    try tmux.runInShell("stty -a; echo \(done)")
    let screen = try tmux.waitFor({ $0.contains(done) }, "`stty -a` output after \(step)")
    // Only the output of this stty: from its command line to the marker.
    let start = try #require(screen.lastIndex { $0.hasPrefix("$ stty -a") })
    let settings = Set(screen[start..<screen.lastIndex(of: done)!].joined(separator: " ").split(separator: " ").map(String.init))
    try requireScreen(settings.contains("echo") && settings.contains("icanon"), "echo and icanon on after \(step)", screen)

    // `help`, two backspaces, `llo`: only line editing turns that into `hello`.
    try tmux.type("echo help")
    try tmux.send(keys: "BSpace", "BSpace")
    try tmux.type("llo")
    try tmux.send(keys: "Enter")
    try tmux.waitFor({ $0.contains("hello") && isShellPrompt($0) }, "`hello` printed after \(step)")
    try tmux.runInShell("clear")
    try tmux.waitFor({ $0.filter { !$0.isEmpty } == ["$"] }, "a cleared screen after \(step)")
}

// MARK: Reading the screen

func status(_ screen: [String]) -> String { screen.last ?? "" }

func isReader(_ screen: [String], position: String) -> Bool {
    (screen.first?.contains("Folio ─") ?? false) && status(screen).hasPrefix(" \(position) ")
}

/// The last non-blank row is a bare prompt.
func isShellPrompt(_ screen: [String]) -> Bool {
    screen.last { !$0.trimmingCharacters(in: .whitespaces).isEmpty } == "$"
}

func requireScreen(_ condition: Bool, _ what: String, _ screen: [String]) throws {
    guard !condition else { return }
    throw TmuxError(description: "expected \(what); the screen was:\n" + Tmux.framed(screen))
}

/// Which arrangement the reader should choose at a size (see FolioApp's Layout).
private enum ExpectedLayout: CustomStringConvertible {
    case wide, stacked, listOnly

    init(width: Int, height: Int) {
        if width < 60 || height < 16 { self = .listOnly } else { self = width >= 110 ? .wide : .stacked }
    }

    func matches(_ screen: [String]) -> Bool {
        let papersBox = screen.firstIndex { $0.contains("┌ Papers") }
        let abstractBox = screen.firstIndex { $0.contains("┌ Abstract") }
        switch self {
        case .wide: return papersBox != nil && papersBox == abstractBox
        case .stacked: return papersBox != nil && abstractBox != nil && papersBox! < abstractBox!
        case .listOnly: return !screen.contains { $0.contains("┌") }
        }
    }

    var description: String {
        switch self {
        case .wide: return "side-by-side"
        case .stacked: return "stacked"
        case .listOnly: return "borderless list"
        }
    }
}

/// One line of `folio list --json`, and how the reader's list shows it.
private struct ListedPaper {
    var id: String
    var title: String
    var abstract: String
    var published: String?

    init(_ json: [String: Any]) {
        id = json["id"] as? String ?? ""
        title = json["title"] as? String ?? ""
        abstract = json["abstract"] as? String ?? ""
        published = json["published"] as? String
    }

    /// Short enough to survive truncation in the narrowest title column.
    var titleOpening: String { String(title.prefix(10)) }

    /// The date and title as the list row starts them, after the star column.
    var listLabel: String {
        let date = published.map { String($0.dropFirst(5).prefix(5)) } ?? "---"
        return date + " " + titleOpening
    }

    /// The first words, short enough to sit on the pane's first abstract line.
    var abstractOpening: String { abstract.split(separator: " ").prefix(4).joined(separator: " ") }

    func row(in screen: [String]) -> String? { screen.first { $0.contains(listLabel) } }
}

/// A small Hugging Face daily-papers JSON file, shaped like the API's answer.
enum HFDailyPapers {
    static func json(titles: [String]) throws -> Data {
        let items: [[String: Any]] = titles.enumerated().map { index, title in
            let paper: [String: Any] = [
                "id": String(format: "2606.%05d", 100 + index),
                "authors": [["name": "Ada Author", "hidden": false], ["name": "Bo Writer", "hidden": false]],
                "publishedAt": String(format: "2026-06-%02dT00:00:00.000Z", 20 - index),
                "title": title,
                "summary": "An abstract for paper \(index + 1), long enough to wrap in the pane.",
                "upvotes": 10 + index * 7,
            ]
            return ["paper": paper, "title": title, "publishedAt": paper["publishedAt"]!]
        }
        return try JSONSerialization.data(withJSONObject: items)
    }
}
