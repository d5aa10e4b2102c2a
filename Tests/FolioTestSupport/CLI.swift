import Foundation
import Testing

/// What a finished process printed, and how it exited.
public struct ProcessResult: Sendable {
    public var status: Int32
    public var stdout: String
    public var stderr: String
    public var lines: [String] { stdout.split(separator: "\n", omittingEmptySubsequences: true).map(String.init) }
}

/// Runs programs to completion for tests.
public enum Subprocess {
    /// Output goes to files, not pipes: a child that forks a daemon (tmux) could keep a pipe open forever.
    public static func run(_ executable: URL, _ arguments: [String], environment: [String: String]) throws -> ProcessResult {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("out"), err = folder.appendingPathComponent("err")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        try process.run()
        process.waitUntilExit()
        return ProcessResult(
            status: process.terminationStatus,
            stdout: String(decoding: try Data(contentsOf: out), as: UTF8.self),
            stderr: String(decoding: try Data(contentsOf: err), as: UTF8.self))
    }

    /// The first executable called `name` on `$PATH`, or nil.
    public static func find(_ name: String) -> URL? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":")
            .map { URL(fileURLWithPath: String($0)).appendingPathComponent(name) }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
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
        var env = ProcessInfo.processInfo.environment
        env["HOME"] = home.path  // never the developer's own library
        env.removeValue(forKey: "FOLIO_LIBRARY")
        env.removeValue(forKey: "XDG_DATA_HOME")
        env.merge(environment) { $1 }
        return try Subprocess.run(binary, arguments, environment: env)
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
    public func run(_ arguments: [String]) throws -> CLI.Result {
        try CLI.run(["--library", path] + arguments)
    }

    /// Runs a command that must succeed, and returns its output.
    @discardableResult
    public func ok(_ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) throws -> CLI.Result {
        let result = try run(arguments)
        #expect(result.status == 0, "folio \(arguments.joined(separator: " ")) failed: \(result.stderr)", sourceLocation: sourceLocation)
        return result
    }

    /// `folio list --json` parsed, one dictionary per paper.
    public func list(_ extra: [String] = []) throws -> [[String: Any]] {
        try ok(["list", "--json"] + extra).lines.map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
    }

    public func bytes() throws -> Data { try Data(contentsOf: URL(fileURLWithPath: path)) }
}
