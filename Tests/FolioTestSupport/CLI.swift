import Foundation
import Testing

public struct SubprocessError: Error, CustomStringConvertible {
    public var description: String
}

/// What a finished process printed, and how it exited.
public struct ProcessResult: Sendable {
    public var status: Int32
    /// The most memory the process held at once.
    public var maxResidentKB: Int
    public var stdout: String
    public var stderr: String
    public var lines: [String] { stdout.split(separator: "\n", omittingEmptySubsequences: true).map(String.init) }
}

/// Runs programs to completion for tests, with posix_spawn rather than Foundation's `Process`:
/// `Process` on Linux learns of an exit through a socket the child inherits, so a child that leaves
/// a daemon behind (tmux starting its server) never counts as finished, and a concurrent spawn can
/// leak that socket into another test's daemon. Here the child gets stdin, stdout and stderr only.
public enum Subprocess {
    /// Output goes to files, not pipes, for the same reason: a daemon could hold a pipe open.
    public static func run(_ executable: URL, _ arguments: [String], environment: [String: String]) throws -> ProcessResult {
        try start(executable, arguments, environment: environment).wait()
    }

    /// Starts a program and returns at once; `wait()` collects it, `kill(_:)` signals it.
    public static func start(_ executable: URL, _ arguments: [String], environment: [String: String]) throws -> RunningProcess {
        let folder = try CLI.temporaryFolder()
        let out = folder.appendingPathComponent("out"), err = folder.appendingPathComponent("err")
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, out.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, err.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // Test threads (Dispatch workers) block signals such as SIGTERM, and a child inherits the mask:
        // a tmux server would pass it to every program in its panes. Children start with none blocked.
        var noSignals = sigset_t(), allSignals = sigset_t()
        sigemptyset(&noSignals)
        sigfillset(&allSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)
        var flags = POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF
        #if os(Linux)
        // glibc 2.34+; Swift's Glibc module does not export it, so it is looked up by name.
        typealias CloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
        if let symbol = dlsym(nil, "posix_spawn_file_actions_addclosefrom_np") {
            _ = unsafeBitCast(symbol, to: CloseFrom.self)(&actions, 3)
        }
        #else
        flags |= POSIX_SPAWN_CLOEXEC_DEFAULT
        #endif
        posix_spawnattr_setflags(&attributes, Int16(flags))
        let argv = ([executable.path] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid = pid_t()
        let spawned = posix_spawn(&pid, executable.path, &actions, &attributes, argv, envp)
        guard spawned == 0 else {
            try? FileManager.default.removeItem(at: folder)
            throw SubprocessError(description: "cannot run \(executable.path): \(String(cString: strerror(spawned)))")
        }
        return RunningProcess(pid: pid, name: executable.path, folder: folder)
    }

    /// The first executable called `name` on `$PATH`, or nil.
    public static func find(_ name: String) -> URL? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":")
            .map { URL(fileURLWithPath: String($0)).appendingPathComponent(name) }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }
}

/// A started program, collected once by `wait()`.
public final class RunningProcess: @unchecked Sendable {
    public let pid: pid_t
    private let name: String
    private let folder: URL

    init(pid: pid_t, name: String, folder: URL) {
        self.pid = pid
        self.name = name
        self.folder = folder
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    public func send(signal: Int32) { _ = kill(pid, signal) }

    /// What the program wrote to stderr so far, while it runs.
    public func stderrSoFar() -> String {
        String(decoding: (try? Data(contentsOf: folder.appendingPathComponent("err"))) ?? Data(), as: UTF8.self)
    }

    /// Whether the program still runs (not yet exited, or exited but not collected by `wait()`: Linux's
    /// /proc says a zombie's state is Z).
    public var isRunning: Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let end = stat.lastIndex(of: ")") else { return false }
        return stat[stat.index(after: end)...].trimmingCharacters(in: .whitespaces).first != "Z"
    }

    /// Waits for the exit; a signal's death reads as 128 + signal, as in a shell.
    public func wait() throws -> ProcessResult {
        var status: Int32 = 0, usage = rusage()
        while wait4(pid, &status, 0, &usage) == -1 {
            guard errno == EINTR else { throw SubprocessError(description: "waitpid failed for \(name)") }
        }
        let exitStatus = status & 0x7F == 0 ? (status >> 8) & 0xFF : 128 + status & 0x7F
        return ProcessResult(
            status: exitStatus, maxResidentKB: usage.ru_maxrss,
            stdout: String(decoding: try Data(contentsOf: folder.appendingPathComponent("out")), as: UTF8.self),
            stderr: String(decoding: try Data(contentsOf: folder.appendingPathComponent("err")), as: UTF8.self))
    }
}

/// Runs the built `folio` binary the way a person or a script would.
public enum CLI {
    public typealias Result = ProcessResult

    /// The `folio` next to the test bundle (SwiftPM builds it first), or `$FOLIO_BIN`.
    public static let binary: URL = {
        if let explicit = ProcessInfo.processInfo.environment["FOLIO_BIN"] { return URL(fileURLWithPath: explicit) }
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = folder.appendingPathComponent("folio")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            folder.deleteLastPathComponent()
        }
        return packageRoot.appendingPathComponent(".build/debug/folio")
    }()

    public static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    public static let fixtures = packageRoot.appendingPathComponent("Tests/Fixtures")

    public static func fixture(_ relative: String) -> String { fixtures.appendingPathComponent(relative).path }

    /// A fresh folder for one test, removed by the caller's `defer`.
    public static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("folio-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @discardableResult
    public static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> Result {
        let home = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: home) }
        return try Subprocess.run(binary, arguments, environment: isolated(home: home, environment))
    }

    /// Starts `folio` without waiting, for tests that kill it or run several at once.
    public static func start(_ arguments: [String], home: URL, environment: [String: String] = [:]) throws -> RunningProcess {
        try Subprocess.start(binary, arguments, environment: isolated(home: home, environment))
    }

    /// This process's environment with `home` as HOME: never the developer's own library.
    private static func isolated(home: URL, _ extra: [String: String]) -> [String: String] {
        var env = ProcessInfo.processInfo.environment
        env["HOME"] = home.path
        env.removeValue(forKey: "FOLIO_LIBRARY")
        env.removeValue(forKey: "XDG_DATA_HOME")
        env.merge(extra) { $1 }
        return env
    }
}

/// One library file in its own folder, for one test.
public final class TestLibrary {
    public let folder: URL
    public let path: String

    public init() throws {
        folder = try CLI.temporaryFolder()
        path = folder.appendingPathComponent("library.sqlite").path
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    @discardableResult
    public func run(_ arguments: [String], environment: [String: String] = [:]) throws -> CLI.Result {
        try CLI.run(["--library", path] + arguments, environment: environment)
    }

    /// Runs a command that must succeed, and returns its output.
    @discardableResult
    public func ok(_ arguments: [String], environment: [String: String] = [:], sourceLocation: SourceLocation = #_sourceLocation) throws -> CLI.Result {
        let result = try run(arguments, environment: environment)
        #expect(result.status == 0, "folio \(arguments.joined(separator: " ")) failed: \(result.stderr)", sourceLocation: sourceLocation)
        return result
    }

    /// `folio list --json` parsed, one dictionary per paper.
    public func list(_ extra: [String] = []) throws -> [[String: Any]] {
        try ok(["list", "--json"] + extra).lines.map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
    }

    /// Writes `text` to a file of this name in the library's folder, and returns its path.
    public func file(_ name: String, _ text: String) throws -> String {
        let file = folder.appendingPathComponent(name).path
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        return file
    }

    public func bytes() throws -> Data { try Data(contentsOf: URL(fileURLWithPath: path)) }
}
