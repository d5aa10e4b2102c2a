import CursesBackend
import FolioApp
import FolioCore
import Foundation

extension CursesTerminal: TerminalDevice {}

/// `folio` with no subcommand: the reader on a library, in the terminal.
enum Reader {
    static func open(_ store: Store, name: String) throws {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            throw CLIError("the reader needs a terminal; for scripts use `folio list`")
        }
        let terminal = try CursesTerminal()
        // Every way out restores the terminal: normal return, a thrown error, SIGINT/SIGTERM/SIGHUP.
        defer { terminal.shutdown() }
        let runtime = ReaderRuntime(device: terminal, store: store, libraryName: name)
        if let signal = runtime.run() {
            terminal.shutdown()
            exit(128 + signal)
        }
    }
}
