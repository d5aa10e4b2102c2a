import FolioTestSupport
import Foundation
import Testing

/// Reading as a daily user does: paper after paper without leaving the page, notes in the editor,
/// and a reader that opens where it was left.
@Suite("reading end to end")
struct ReadingEndToEndTests {
    static func sampleLibrary() throws -> TestLibrary {
        let library = try TestLibrary()
        try library.ok(["import", CLI.fixture("hf-daily-papers-page.txt")])
        return library
    }

    /// `Enter` then `n` `n`: three papers read in a row, full screen all along, each marked read.
    @Test func nReadsThreePapersInARow() throws {
        let library = try Self.sampleLibrary()
        let titles = try library.list().prefix(4).map { try #require($0["title"] as? String) }
        let tmux = try Tmux()
        try tmux.start(width: 100, height: 30)
        try openReader(tmux, library, position: "1/54")
        try tmux.send(keys: "Enter")
        try tmux.waitFor({ status($0).contains("marked read") && $0.joined().contains(String(titles[0].prefix(40))) },
                         "the first paper full screen")
        for (step, title) in titles.prefix(3).enumerated().dropFirst() {
            try tmux.send(keys: "n")
            let screen = try tmux.waitFor({ $0.joined().contains(String(title.prefix(40))) && status($0).contains("marked read") },
                                          "paper \(step + 1) full screen after n")
            #expect(!screen.contains { $0.contains("Papers") && $0.contains("┌") }, "still full screen, not the list")
        }
        try tmux.send(keys: "q")
        try tmux.waitFor({ isReader($0, position: "3/54") }, "back in the list on the third paper")
        try quitReader(tmux)
        let read = try library.list(["is:read"]).map { $0["title"] as? String }
        #expect(read == titles.prefix(3).map { $0 }, "exactly the three papers read, in order")
    }

    /// `a` hands the terminal to `$EDITOR` (a script that writes the note), the note shows, and
    /// `note:` finds it; the command line reads the same note.
    @Test func aNoteWrittenInTheEditorIsShownAndFound() throws {
        let library = try Self.sampleLibrary()
        let editor = library.folder.appendingPathComponent("editor.sh")
        let log = library.folder.appendingPathComponent("editor.log")
        try """
            #!/bin/sh
            # Says whether it had the terminal, what the note file held, then writes the note.
            if [ -t 0 ] && [ -t 1 ]; then echo terminal >> "\(log.path)"; fi
            printf 'held: [%s]\\n' "$(cat "$1")" >> "\(log.path)"
            printf 'Compare with the quokka baseline.\\nSecond thought: section 4.\\n' > "$1"
            """.write(to: editor, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: editor.path)
        let second = try #require(try library.list().dropFirst().first)
        let tmux = try Tmux()
        try tmux.start(width: 120, height: 40)
        try tmux.runInShell("EDITOR='\(editor.path)' '\(CLI.binary.path)' --library '\(library.path)'")
        try tmux.waitFor({ isReader($0, position: "1/54") }, "the reader")
        try tmux.send(keys: "j", "a")
        let saved = try tmux.waitFor({ status($0).contains("saved the note") }, "the note saved after the editor exits")
        #expect(saved.contains { $0.contains("✎ Compare with the quokka baseline.") }, "the pane shows the note")
        #expect(try String(contentsOf: log, encoding: .utf8) == "terminal\nheld: []\n", "the editor had the terminal and an empty note")

        try tmux.send(keys: "/")
        try tmux.type("note:quokka")
        try tmux.send(keys: "Enter")
        let found = try tmux.waitFor({ isReader($0, position: "1/1") }, "note:quokka finds the paper")
        #expect(found.contains { $0.contains("✎") && $0.contains(String((second["title"] as! String).prefix(20))) }, "its row is marked ✎")
        try tmux.send(keys: "Escape")
        try tmux.waitFor({ isReader($0, position: "2/54") }, "the whole list again, the paper still selected")
        try quitReader(tmux)
        let note = try library.ok(["note", second["id"] as! String]).stdout
        #expect(note == "Compare with the quokka baseline.\nSecond thought: section 4.\n")
        #expect(try library.list(["has:note"]).count == 1)
    }

    /// Quit in a tag's view, filtered, sorted, on the third paper, with a theme picked: the next reader
    /// opens there; `--fresh` opens on All.
    @Test func aRestartFindsTheSameViewFilterPaperAndTheme() throws {
        let library = try Self.sampleLibrary()
        let ids = try library.list(["retriev*"]).compactMap { $0["id"] as? String }
        #expect(ids.count >= 5)
        try library.ok(["tag"] + ids + ["ir"])
        let tmux = try Tmux()
        try tmux.start(width: 120, height: 40)
        try openReader(tmux, library, position: "1/54")
        // The sidebar's tag entry: Shift-Tab to the sidebar, down to it.
        try tmux.send(keys: "BTab")
        for _ in 0..<5 { try tmux.send(keys: "j") }
        try tmux.waitFor({ $0.first?.contains("tag: ir") ?? false }, "the ir tag's view")
        try tmux.send(keys: "Enter", "/")
        try tmux.type("dense")
        try tmux.send(keys: "Enter")
        let filtered = try tmux.waitFor({ status($0).range(of: #"^ 1/[0-9]+ "#, options: .regularExpression) != nil && ($0.first?.contains("/dense") ?? false) },
                                        "the filter on the tag's view")
        let count = status(filtered).dropFirst(3).prefix { $0 != " " }
        try tmux.send(keys: "j", "j", "C")
        let picked = try tmux.waitFor({ status($0).contains("theme: ") }, "a theme picked with C")
        let theme = try #require(status(picked).components(separatedBy: "theme: ").last?.split(separator: " ").first.map(String.init))
        let before = try tmux.capture()
        let selectedTitle = try #require(selectedRow(before))
        try quitReader(tmux)

        try openReader(tmux, library, position: "3/\(count)")
        let after = try tmux.waitFor({ ($0.first?.contains("tag: ir") ?? false) && ($0.first?.contains("/dense") ?? false) },
                                     "the same view and filter")
        #expect(selectedRow(after) == selectedTitle, "the same paper selected")
        try tmux.send(keys: "C")
        let next = try tmux.waitFor({ status($0).contains("theme: ") }, "the next theme")
        let names = try library.ok(["themes"]).stdout.split(separator: "\n").compactMap { $0.split(separator: " ").first.map(String.init) }
        if let index = names.firstIndex(of: theme) {
            #expect(status(next).contains("theme: \(names[(index + 1) % names.count])"), "C goes on from the theme kept: \(status(next))")
        }
        try quitReader(tmux)

        try tmux.runInShell("'\(CLI.binary.path)' --library '\(library.path)' --fresh")
        let fresh = try tmux.waitFor({ isReader($0, position: "1/54") }, "--fresh opens on All")
        #expect(fresh.first?.contains("All") ?? false)
        try quitReader(tmux)
    }

    /// The selected paper's title as the abstract pane's first line shows it (plain text does not say
    /// which row is drawn in reverse).
    private func selectedRow(_ screen: [String]) -> String? {
        guard let top = screen.firstIndex(where: { $0.contains("┌") && $0.contains("Abstract") }) else { return nil }
        return screen[top + 1].components(separatedBy: "│").map { $0.trimmingCharacters(in: .whitespaces) }.last { !$0.isEmpty }
    }
}
