import CursesBackend
import FolioApp
import FolioCore
import Foundation
import TerminalUI

extension CursesTerminal: TerminalDevice {}

/// `folio` with no subcommand: the reader on a library, in the terminal.
enum Reader {
    /// `trapKey`: testing only (`--test-trap-on-key`), reading that key traps. Returns the signal
    /// (SIGINT, SIGTERM, SIGHUP) that ended the reader, with the terminal given back; the caller
    /// cleans up and exits with 128 + it.
    static func open(_ store: Store, name: String, options: GlobalOptions, theme chosenTheme: String?, fresh: Bool = false,
                     trapKey: Character? = nil) throws -> Int32? {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            throw CLIError("the reader needs a terminal; for scripts use `folio list`")
        }
        let environment = ProcessInfo.processInfo.environment
        let (config, configProblems) = options.loadConfig()
        var problems = configProblems.map { "\((options.configPath as NSString).lastPathComponent) \($0) (default used)" }
        let themes = ThemeCatalog(environment: environment)
        var theme = Theme.standard
        do {
            theme = try themes.load(chosenTheme ?? config.theme ?? "default")
        } catch {
            // Never silent: the reader opens on `default` and says why (the file's path: `folio themes`).
            problems.insert("using default: theme \(error.theme): " + error.problems.map(\.description).joined(separator: "; "), at: 0)
        }
        let terminal = try CursesTerminal()
        // Every way out restores the terminal: normal return, a thrown error, SIGINT/SIGTERM/SIGHUP.
        defer { terminal.shutdown() }
        if let trapKey {
            terminal.eventObserver = { event in
                if event == .key(.char(trapKey)) { fatalError("--test-trap-on-key: trapping on purpose") }
            }
        }
        let depth = ColorDepth.detect(colors: terminal.colorCount, environment: environment)
        let runtime = ReaderRuntime(device: terminal, store: store, libraryName: name, theme: theme,
                                    themes: themes, colorDepth: depth, environment: environment)
        runtime.configure(keymap: config.keymap, preferences: config.preferences)
        runtime.keepsPlace = !fresh
        runtime.themeFromCommandLine = chosenTheme != nil
        // Problems in [sources] are among the config's own.
        runtime.sources = SourcesSetup.load(configPath: options.configPath).sources
        runtime.syncFolder = config.syncFolder
        runtime.syncInterval = TimeInterval(config.syncSeconds)
        if let first = problems.first {
            let more = problems.count > 1 ? " (+\(problems.count - 1) more: folio config check)" : ""
            runtime.send(.status(StatusMessage(text: first + more, isError: true)))
        }
        return runtime.run()
    }
}
