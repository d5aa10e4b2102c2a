import FolioTestSupport
import Foundation

/// A failed tmux command or a screen that never came: says what was awaited and shows the screen.
struct TmuxError: Error, CustomStringConvertible {
    var description: String
}

/// One private tmux server with one pane, for one test: tests run in parallel without sharing
/// a server, a socket or the user's tmux configuration.
final class Tmux: Sendable {
    let socketName = "folio-e2e-\(UUID().uuidString)"
    /// The pane's HOME: nothing from the developer's dotfiles or library.
    let home: URL
    private let executable: URL
    private static let target = "e2e"

    /// Fails, never skips, when tmux is missing: an end-to-end test that silently does not run proves nothing.
    init() throws {
        guard let tmux = Subprocess.find("tmux") else {
            throw TmuxError(description: "tmux is not installed (not found on $PATH); the end-to-end tests need it")
        }
        executable = tmux
        home = try CLI.temporaryFolder()
    }

    deinit {
        kill()
        try? FileManager.default.removeItem(at: home)
    }

    /// Runs one tmux command against this test's server and returns what it printed.
    @discardableResult
    func command(_ arguments: [String]) throws -> String {
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "TMUX")  // a developer running the tests inside tmux
        // The server measures characters (CJK, emoji) in this locale, as the pane's programs do.
        environment["LANG"] = "C.UTF-8"
        environment.removeValue(forKey: "LC_ALL")
        environment.removeValue(forKey: "LC_CTYPE")
        let result = try Subprocess.run(executable, ["-L", socketName, "-f", "/dev/null"] + arguments, environment: environment)
        guard result.status == 0 else {
            throw TmuxError(description: "tmux \(arguments.joined(separator: " ")) exited \(result.status): \(result.stderr)")
        }
        return result.stdout
    }

    /// A detached session of the given size running `command` (an interactive bash by default) in a
    /// clean environment: UTF-8, xterm-256color, a fresh HOME and the prompt `$ `.
    func start(width: Int, height: Int, command: [String] = ["bash", "--norc", "--noprofile"],
               environment: [String: String] = [:]) throws {
        var variables = [
            "HOME": home.path,
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
            "LANG": "C.UTF-8",
            "TERM": "xterm-256color",
            "PS1": "$ ",
        ]
        variables.merge(environment) { $1 }
        let assignments = variables.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        // Several arguments after `--` run as argv, so no shell quoting gets in the way.
        try self.command(["new-session", "-d", "-s", Self.target, "-x", "\(width)", "-y", "\(height)", "--",
                          "/usr/bin/env", "-i"] + assignments + command)
        // Only -x/-y and resize-window decide the size, never a client. (tmux 3.3's resize-window sets
        // this itself; saying it here keeps other versions from sizing the window to a client.)
        try self.command(["set-option", "-w", "-t", Self.target, "window-size", "manual"])
    }

    /// Keys by tmux name (`Enter`, `C-z`, `BSpace`, `j`).
    func send(keys: String...) throws {
        try command(["send-keys", "-t", Self.target] + keys)
    }

    /// Text typed as is: no key names, so `Enter` would be five letters.
    func type(_ text: String) throws {
        try command(["send-keys", "-t", Self.target, "-l", text])
    }

    /// Types a command line into the pane's shell and presses Enter.
    func runInShell(_ line: String) throws {
        try type(line)
        try send(keys: "Enter")
    }

    /// The pane's rows, trailing blanks trimmed by tmux; with `escapes`, colours and attributes too.
    func capture(escapes: Bool = false) throws -> [String] {
        let text = try command(["capture-pane", "-p", "-t", Self.target] + (escapes ? ["-e"] : []))
        var rows = text.components(separatedBy: "\n")
        if rows.last == "" { rows.removeLast() }
        return rows
    }

    /// A format such as `#{pane_title}` evaluated for the pane.
    func display(_ format: String) throws -> String {
        try command(["display-message", "-p", "-t", Self.target, format])
            .trimmingCharacters(in: .newlines)
    }

    /// Polls the screen every 50 ms until `predicate` holds; past the deadline, throws with the screen.
    @discardableResult
    func waitFor(_ predicate: ([String]) throws -> Bool, timeout: TimeInterval = 10,
                 _ description: String) throws -> [String] {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            let screen = try capture()
            if try predicate(screen) { return screen }
            if Date() >= deadline {
                throw TmuxError(description: "timed out after \(timeout) s waiting for \(description); the screen was:\n"
                    + Self.framed(screen))
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
    }

    func resize(width: Int, height: Int) throws {
        try command(["resize-window", "-t", Self.target, "-x", "\(width)", "-y", "\(height)"])
    }

    /// Stops the server and everything running in it; safe to call twice.
    func kill() {
        _ = try? command(["kill-server"])
    }

    /// The screen with row numbers and a right margin, so trailing blanks and empty rows show.
    static func framed(_ screen: [String]) -> String {
        screen.enumerated().map { String(format: "%3d│", $0.offset) + $0.element + "│" }.joined(separator: "\n")
    }
}
