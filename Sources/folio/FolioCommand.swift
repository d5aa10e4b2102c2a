import ArgumentParser
import FolioCore
import FolioFetch
import Foundation
import TerminalUI

/// A failure the user caused or can fix: printed as one line, exit 1.
struct CLIError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The library file.", discussion: "Default: $FOLIO_LIBRARY, else $XDG_DATA_HOME/folio/library.sqlite, else ~/.local/share/folio/library.sqlite.", valueName: "path"))
    var library: String?

    @Option(name: .long, help: ArgumentHelp("The config file.", discussion: "Default: $XDG_CONFIG_HOME/folio/config.toml, else ~/.config/folio/config.toml.", valueName: "path"))
    var config: String?

    @Flag(help: "Use a fresh temporary library seeded with the bundled sample of 54 papers, removed when Folio ends; your library is not touched.")
    var demo = false

    /// `--library`, else `$FOLIO_LIBRARY`, else the config file's `library`, else the default place.
    var libraryPath: String {
        if let library { return UserPath.expand(library) }
        let environment = ProcessInfo.processInfo.environment
        if environment["FOLIO_LIBRARY"]?.isEmpty == false { return Store.defaultPath() }
        return loadConfig().config.library ?? Store.defaultPath()
    }

    /// The library's name as the reader's header shows it.
    var libraryName: String { demo ? "demo library" : (libraryPath as NSString).lastPathComponent }

    /// The demo library with `--demo`, else the library at `libraryPath`. The merge policy is the
    /// standard one unless the crash tests' variables say otherwise (testing only).
    func openStore(origin: JournalOrigin = .cli) throws -> Store {
        if demo { return try DemoLibrary.create(origin: origin) }
        return try Store(path: libraryPath, mergePolicy: .fromEnvironment(), origin: origin, journalBounds: loadConfig().config.journal)
    }
}

struct Folio: ParsableCommand {
    static let version = FolioVersion.string

    static let configuration = CommandConfiguration(
        commandName: "folio",
        abstract: "A terminal reader for research papers.",
        discussion: "With no subcommand, opens the library.",
        version: version,
        subcommands: [
            ImportCommand.self, FetchCommand.self, ListCommand.self, ShowCommand.self, StarCommand.self, UnstarCommand.self,
            ReadCommand.self, UnreadCommand.self, NoteCommand.self,
            TagCommand.self, UntagCommand.self, TagsCommand.self, UndoCommand.self, RedoCommand.self, HistoryCommand.self, SyncCommand.self, TopicCommand.self, MuteCommand.self, DigestCommand.self, StatsCommand.self, ExportCommand.self, IndexCommand.self, SimilarCommand.self, RecommendCommand.self,
            ThemesCommand.self, ConfigCommand.self, KeysCommand.self,
        ])

    @OptionGroup var global: GlobalOptions

    @Option(help: ArgumentHelp("The reader's theme (see `folio themes`); overrides the config file's and the one last picked with C.", valueName: "name"))
    var theme: String?

    @Flag(help: "Open the reader clean: the view, filter and paper it had when it last closed are not restored.")
    var fresh = false

    /// Testing only, hidden from --help: the reader traps (a real Swift runtime trap) when this key
    /// is read, so the end-to-end tests can see the crash handler give the terminal back.
    @Option(name: .customLong("test-trap-on-key"), help: .hidden)
    var testTrapKey: String?

    func run() throws {
        let trapKey = try testTrapKey.map { text in
            guard text.count == 1, let key = text.first else { throw ValidationError("--test-trap-on-key takes one character") }
            return key
        }
        let signal = try Reader.open(try global.openStore(origin: .reader), name: global.libraryName, options: global, theme: theme, fresh: fresh, trapKey: trapKey)
        // Only now, after the demo library is gone: exit skips every defer.
        DemoLibrary.removeAll()
        if let signal { Foundation.exit(128 + signal) }
    }
}

@main
enum FolioMain {
    static func main() {
        do {
            var command = try Folio.parseAsRoot()
            try command.run()
            DemoLibrary.removeAll()
        } catch let error as CLIError {
            fail(error.description)
        } catch let error as ImportError {
            fail(error.description)
        } catch let error as LibraryError {
            fail(error.description)
        } catch {
            DemoLibrary.removeAll()
            let code = Folio.exitCode(for: error)
            if code == .validationFailure {
                FileHandle.standardError.write(Data((Folio.fullMessage(for: error) + "\n").utf8))
                exit(2)
            }
            Folio.exit(withError: error)
        }
    }

    static func fail(_ message: String) -> Never {
        DemoLibrary.removeAll()
        Output.error(message)
        exit(1)
    }
}

/// The one way commands print: text for people always goes through `terminalSafe`.
enum Output {
    /// Text lines may be read on a terminal: every line goes out with control characters made visible.
    static func line(_ s: String) { write(terminalSafe(s) + "\n") }

    /// Buffered as `print` is (by line on a terminal); everything Folio prints goes through it (exit flushes it).
    nonisolated(unsafe) private static let standardOutput: UnsafeMutablePointer<FILE>? = {
        let stream = fdopen(STDOUT_FILENO, "w")
        if isatty(STDOUT_FILENO) == 1 { setvbuf(stream, nil, _IOLBF, 0) }
        return stream
    }()
    static func json(_ value: JSONValue) { write(value.text + "\n") }

    /// Standard output. When its reader has gone (`folio list | head -1`) Folio ends as any Unix tool does,
    /// by SIGPIPE and quietly, even when whoever started it ignored SIGPIPE (writes then fail with EPIPE).
    static func write(_ text: String) {
        var text = text
        let count = text.utf8.count
        let written = text.withUTF8 { fwrite($0.baseAddress, 1, $0.count, standardOutput) }
        guard written < count, errno == EPIPE else { return }
        DemoLibrary.removeAll()
        signal(SIGPIPE, SIG_DFL)
        raise(SIGPIPE)
        exit(141)
    }

    /// `folio: message` on stderr. Messages quote file names and input text, which may carry escapes.
    static func error(_ message: String) {
        FileHandle.standardError.write(Data("folio: \(terminalSafe(message))\n".utf8))
    }

    /// `SafeText.visible` on each line and each tab-separated column, keeping the newlines and tabs.
    static func terminalSafe(_ s: String) -> String {
        s.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.split(separator: "\t", omittingEmptySubsequences: false).map { SafeText.visible(String($0)) }.joined(separator: "\t")
        }.joined(separator: "\n")
    }
}
