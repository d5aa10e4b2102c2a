import FolioTestSupport
import Foundation
import TerminalUI
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The terminal as terminals really behave: keys in encodings `TERM`'s terminfo does not list,
/// mouse reports, Ctrl-Q and Ctrl-S that the tty would swallow, and a crash that must still give
/// the terminal back. The pane's TERM is xterm-256color, while tmux sends Home as `ESC[1~`.
@Suite("terminal end to end")
struct TerminalEndToEndTests {
    @Test func homeAndEndInEveryEncodingMoveToTheEndsOfTheList() throws {
        let (tmux, library) = try started()
        try openReader(tmux, library, position: "1/54")
        try tmux.send(keys: "End")  // ESC[1~ and ESC[4~ from tmux: VT220, not in xterm's terminfo
        try tmux.waitFor({ status($0).hasPrefix(" 54/54 ") }, "End: the last paper")
        try tmux.send(keys: "Home")
        try tmux.waitFor({ status($0).hasPrefix(" 1/54 ") }, "Home: the first paper")
        // xterm without keypad mode, xterm with it, rxvt, and modified (Ctrl-End).
        for (end, home) in [("\u{1B}[F", "\u{1B}[H"), ("\u{1B}OF", "\u{1B}OH"), ("\u{1B}[8~", "\u{1B}[7~"), ("\u{1B}[1;5F", "\u{1B}[1;5H")] {
            try tmux.type(end)
            try tmux.waitFor({ status($0).hasPrefix(" 54/54 ") }, "End as \(visible(end))")
            try tmux.type(home)
            try tmux.waitFor({ status($0).hasPrefix(" 1/54 ") }, "Home as \(visible(home))")
        }
        try expectNoStrayKeys(tmux)
        try quitReader(tmux)
    }

    @Test func ctrlQQuitsAndCtrlSStarsWhenBoundAndFlowControlComesBack() throws {
        let (tmux, library) = try started(config: "[keys]\nquit = [\"Ctrl-Q\"]\nstar = [\"Ctrl-S\"]\n")
        // The pane's tty starts with flow control on, so Ctrl-Q and Ctrl-S would never reach a program.
        try requireStty(tmux, shows: "ixon", "before the reader")
        try openReader(tmux, library, position: "1/54")
        try tmux.send(keys: "C-s")
        try tmux.waitFor({ status($0).hasSuffix("starred") }, "Ctrl-S stars the first paper")
        try tmux.send(keys: "j")  // output still flows after Ctrl-S: the tty did not take it as XOFF
        try tmux.waitFor({ status($0).hasPrefix(" 2/54 ") }, "j after Ctrl-S")
        // Suspended, the shell has flow control; after `fg`, Folio takes it off again.
        try tmux.send(keys: "C-z")
        try tmux.waitFor({ $0.contains { $0.contains("Stopped") } && isShellPrompt($0) }, "bash's Stopped line after Ctrl-Z")
        try requireStty(tmux, shows: "ixon", "while the reader is suspended")
        try tmux.runInShell("fg")
        try tmux.waitFor({ isReader($0, position: "2/54") }, "the reader redrawn after fg")
        try tmux.send(keys: "C-s")
        try tmux.waitFor({ status($0).hasPrefix(" 2/54 ") && status($0).hasSuffix(" starred") }, "Ctrl-S after fg stars the second paper")
        try tmux.send(keys: "C-q")
        try tmux.waitFor(isShellPrompt, "the shell prompt after Ctrl-Q")
        try requireStty(tmux, shows: "ixon", "after the reader")
        try expectShellWorks(tmux, after: "Ctrl-Q")
        #expect(try library.list(["--starred"]).count == 2, "the first and second papers starred")
    }

    @Test func mouseReportsInEveryEncodingAreMouseEventsNeverKeys() throws {
        let (tmux, library) = try started()
        let screen = try openReader(tmux, library, position: "1/54")
        // 1-based column and rows inside the list, wherever the layout put it: paper n is n rows below the
        // day's separator under the box's top (the sample's papers are of one day).
        let box = try #require(screen.firstIndex { $0.contains("┌ Papers") }, "the list's box")
        let opening = try #require(screen[box].range(of: "┌ Papers")).lowerBound
        let column = DisplayWidth.of(String(screen[box][..<opening])) + 10
        func row(_ paper: Int) -> Int { box + paper + 2 }
        func sgr(_ button: Int, _ paper: Int, release: Bool = false) -> String {
            "\u{1B}[<\(button);\(column);\(row(paper))" + (release ? "m" : "M")
        }

        // SGR (what ncurses asks xterm for), then X10 and urxvt, which ncurses does not decode for this TERM.
        let steps: [(report: String, position: Int, what: String)] = [
            (sgr(65, 3), 4, "SGR wheel down from the first paper"),
            (sgr(64, 3), 3, "SGR wheel up from the sixth"),
            (sgr(0, 2) + sgr(0, 2, release: true), 2, "SGR click on the second paper"),
            (x10(button: 0, column: column, row: row(5)) + x10(button: 3, column: column, row: row(5)), 5, "X10 click on the fifth"),
            ("\u{1B}[32;\(column);\(row(4))M\u{1B}[35;\(column);\(row(4))M", 4, "urxvt click on the fourth"),
            (sgr(35, 1) + sgr(66, 1) + sgr(64, 1), 3, "SGR motion and sideways wheel (nothing), then wheel up"),
        ]
        for step in steps {
            // An unbound key leaves its message on the status line; only another key replaces it.
            try tmux.type("%")
            try tmux.waitFor({ status($0).hasSuffix(Self.percentMessage) }, "the message for %")
            try tmux.type(step.report)
            try tmux.waitFor({ status($0).hasPrefix(" \(step.position)/54 ") }, "\(step.what): \(step.position)/54")
            // A click after it moves to the sixth paper: once it shows, all of the report has been read.
            try tmux.type(sgr(0, 6) + sgr(0, 6, release: true))
            let after = try tmux.waitFor({ status($0).hasPrefix(" 6/54 ") }, "the click on the sixth paper after \(step.what)")
            try requireScreen(status(after).hasSuffix(Self.percentMessage), "only the % message, no key from \(step.what)", after)
        }
        try tmux.send(keys: "j")
        try tmux.waitFor({ status($0).hasPrefix(" 7/54 ") }, "j still moves down after the mouse")
        try quitReader(tmux)
    }

    private static let percentMessage = "% does nothing here; ? lists the keys"

    @Test func homeAndEndInTheFilterPromptLeaveItOpen() throws {
        let (tmux, library) = try started()
        try openReader(tmux, library, position: "1/54")
        try tmux.send(keys: "/")
        try tmux.waitFor({ status($0).hasPrefix("/") }, "the filter line")
        try tmux.type("retr")
        try tmux.waitFor({ status($0).hasPrefix("/retr") && status($0).hasSuffix("18 of 54") }, "18 of 54 after `retr`")
        // Once read as Escape then `[1~`, Home closed the prompt and typed `~` into the list.
        try tmux.send(keys: "Home", "End")
        try tmux.type("\u{1B}[H\u{1B}OF")
        try tmux.type("i")
        let screen = try tmux.waitFor({ status($0).hasPrefix("/") && status($0).contains("i") }, "the filter line still open, with `i` typed")
        let line = status(screen)
        try requireScreen(line.contains("retri") || line.contains("iretr"), "the filter text retr with i, nothing else", screen)
        try tmux.send(keys: "Escape")
        // The paper the filter had selected stays selected.
        try tmux.waitFor({ ($0.first ?? "").contains("54 of 54") && !status($0).hasPrefix("/") }, "Escape alone still closes the prompt")
        try quitReader(tmux)
    }

    /// Must-show: a Swift trap in the reader leaves the terminal as it was, removes the `--demo`
    /// library, and the process dies by the trap's signal.
    @Test func aTrapGivesTheTerminalBackAndRemovesTheDemoLibrary() throws {
        let temporary = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: temporary) }
        let tmux = try Tmux()
        try tmux.start(width: 120, height: 40, environment: ["TMPDIR": temporary.path])
        try tmux.runInShell("ulimit -c 0")  // no core file left behind
        try tmux.runInShell("'\(CLI.binary.path)' --demo --test-trap-on-key '!'")
        try tmux.waitFor({ isReader($0, position: "1/54") }, "the demo reader")
        #expect(try demoFolders(in: temporary).count == 1, "the demo library while the reader runs")
        #expect(try tmux.display("#{alternate_on} #{mouse_any_flag}") == "1 1", "the reader's screen and mouse are on")

        try tmux.type("!")
        try tmux.waitFor(isShellPrompt, "the shell prompt after the trap")
        #expect(try tmux.display("#{alternate_on}") == "0", "still on the alternate screen")
        #expect(try tmux.display("#{cursor_flag}") == "1", "the cursor is hidden")
        #expect(try tmux.display("#{mouse_any_flag}") == "0", "mouse reporting is still on")
        #expect(try tmux.display("#{keypad_flag} #{keypad_cursor_flag}") == "0 0", "keypad transmit is still on")
        #expect(try demoFolders(in: temporary).isEmpty, "the demo library is left in TMPDIR")

        #if arch(x86_64)
        let signal = SIGILL  // what a Swift trap raises: ud2 on x86_64, brk on arm64
        #else
        let signal = SIGTRAP
        #endif
        try tmux.runInShell("echo exit=$?")
        try tmux.waitFor({ $0.contains("exit=\(128 + signal)") }, "exit status \(128 + signal): died by signal \(signal)")
        try requireStty(tmux, shows: "ixon", "after the trap")
        try expectShellWorks(tmux, after: "a trap")
    }

    /// SIGTERM and SIGHUP from outside (a closed terminal, `kill`): the reader ends, and so does its demo library.
    @Test(arguments: [SIGTERM, SIGHUP])
    func aSignalFromOutsideRemovesTheDemoLibrary(signal: Int32) throws {
        let temporary = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: temporary) }
        let pidFile = temporary.appendingPathComponent("pid").path
        let tmux = try Tmux()
        try tmux.start(width: 120, height: 40, environment: ["TMPDIR": temporary.path])
        try tmux.runInShell("sh -c 'echo $$ > \(pidFile); exec \(CLI.binary.path) --demo'")
        try tmux.waitFor({ isReader($0, position: "1/54") }, "the demo reader")
        #expect(try demoFolders(in: temporary).count == 1, "the demo library while the reader runs")
        let pid = try #require(Int32(try String(contentsOfFile: pidFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect(kill(pid, signal) == 0)
        try tmux.waitFor(isShellPrompt, "the shell prompt after signal \(signal)")
        try tmux.runInShell("echo exit=$?")
        try tmux.waitFor({ $0.contains("exit=\(128 + signal)") }, "exit status \(128 + signal)")
        #expect(try demoFolders(in: temporary).isEmpty, "the demo library is left in TMPDIR after signal \(signal)")
    }

    /// `q` and Ctrl-C (exit 0 and 130) end the demo reader and remove its library.
    @Test(arguments: [("q", 0), ("C-c", 128 + SIGINT)])
    func leavingTheDemoRemovesItsLibrary(key: String, exitStatus: Int32) throws {
        let temporary = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: temporary) }
        let tmux = try Tmux()
        try tmux.start(width: 120, height: 40, environment: ["TMPDIR": temporary.path])
        try tmux.runInShell("'\(CLI.binary.path)' --demo")
        try tmux.waitFor({ isReader($0, position: "1/54") }, "the demo reader")
        try tmux.send(keys: key)
        try tmux.waitFor(isShellPrompt, "the shell prompt after \(key)")
        try tmux.runInShell("echo exit=$?")
        try tmux.waitFor({ $0.contains("exit=\(exitStatus)") }, "exit status \(exitStatus)")
        #expect(try demoFolders(in: temporary).isEmpty, "the demo library is left in TMPDIR after \(key)")
    }

    // MARK: Helpers

    /// A 120x40 pane and a library of the 54-paper Daily Papers page; `config` goes to the default place.
    private func started(config: String? = nil) throws -> (Tmux, TestLibrary) {
        let library = try TestLibrary()
        try library.ok(["import", CLI.fixture("hf-daily-papers-page.txt")])
        let tmux = try Tmux()
        if let config {
            let file = tmux.home.appendingPathComponent(".config/folio/config.toml")
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try config.write(to: file, atomically: true, encoding: .utf8)
        }
        try tmux.start(width: 120, height: 40)
        return (tmux, library)
    }

    /// An X10 mouse report: `ESC [ M` and the button, column and row each plus 32, as bytes.
    private func x10(button: Int, column: Int, row: Int) -> String {
        "\u{1B}[M" + String(UnicodeScalar(UInt8(32 + button))) + String(UnicodeScalar(UInt8(32 + column)))
            + String(UnicodeScalar(UInt8(32 + row)))
    }

    /// Leftovers of a sequence read as keys would say so on the status line.
    private func expectNoStrayKeys(_ tmux: Tmux) throws {
        let screen = try tmux.capture()
        try requireScreen(!status(screen).contains("does nothing here"), "no key that does nothing on the status line", screen)
    }

    /// `stty -a` in the pane's shell lists `setting` (so `ixon`, not `-ixon`).
    private func requireStty(_ tmux: Tmux, shows setting: String, _ when: String) throws {
        let done = "stty-done-\(UUID().uuidString.prefix(8))"
        try tmux.runInShell("stty -a | tr ' ;' '\\n\\n' | grep -x -- '-\\?\(setting)'; echo \(done)")
        let screen = try tmux.waitFor({ $0.contains(done) }, "`stty -a` output \(when)")
        let end = try #require(screen.lastIndex(of: done))
        try requireScreen(screen[end - 1] == setting, "\(setting) in `stty -a` \(when)", screen)
    }

    private func demoFolders(in folder: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix("folio-demo-") }
    }

    private func visible(_ sequence: String) -> String { sequence.replacingOccurrences(of: "\u{1B}", with: "ESC") }
}
