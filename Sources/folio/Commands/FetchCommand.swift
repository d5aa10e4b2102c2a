import ArgumentParser
import FolioApp
import FolioCore
import FolioFetch
import Foundation

struct FetchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fetch",
        abstract: "Fetch new papers from the sources in config.toml, or from one address.",
        discussion: "Sources are [sources.NAME] tables in the config file (kinds: \(FetchSource.Kind.names.joined(separator: ", "))); a first run writes the defaults there. Each source imports whole or not at all; one failing does not stop the others. Exit status 1 when any source failed.")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "Sources to fetch (default: all).") var sources: [String] = []

    @Option(help: "Fetch this address instead of the configured sources.") var url: String?

    @Option(help: "The format of --url's content (default: detected).") var format: ImportFormat?

    @Flag(help: "Print one JSON object per source: {\"source\",\"status\",\"new\",\"updated\",\"unchanged\"}.") var json = false

    func validate() throws {
        if url != nil && !sources.isEmpty { throw ValidationError("give either source names or --url, not both") }
        if format != nil && url == nil { throw ValidationError("--format goes with --url") }
    }

    func run() throws {
        let store = try global.openStore()
        let chosen = try url.map { [FetchSource(name: "url", kind: .url($0, format: format))] } ?? configuredSources()
        let progress = FetchProgressLine()
        let reports = Fetcher(store: store).fetch(chosen) { name, event in progress.show(name, event) }
        progress.finish()
        for report in reports { json ? Output.json(FetchCommand.json(report)) : Output.line(FetchCommand.line(report)) }
        if reports.contains(where: { $0.status == .failed }) { throw ExitCode.failure }
    }

    private func configuredSources() throws -> [FetchSource] {
        let loaded = SourcesSetup.load(configPath: global.configPath)
        let file = (global.configPath as NSString).lastPathComponent
        for problem in loaded.problems { FileHandle.standardError.write(Data("folio: \(file) \(problem)\n".utf8)) }
        if sources.isEmpty { return loaded.sources }
        let known = loaded.sources.map(\.name)
        if let unknown = sources.first(where: { !known.contains($0) }) {
            throw CLIError("no source named \(unknown) in \(global.configPath) (sources: \(known.joined(separator: ", ")))")
        }
        return loaded.sources.filter { sources.contains($0.name) }
    }

    static func line(_ report: FetchReport) -> String {
        let c = report.counts
        switch report.status {
        case .ok: return "\(report.source): \(c.summary)"
        case .notModified: return "\(report.source): not modified, 0 new"
        case .failed: return "\(report.source): failed: \(report.message ?? "unknown error")"
        }
    }

    static func json(_ report: FetchReport) -> JSONValue {
        var fields: [(String, JSONValue)] = [
            ("source", .string(report.source)), ("status", .string(report.status.rawValue)),
            ("new", .int(report.counts.new)), ("updated", .int(report.counts.updated)), ("unchanged", .int(report.counts.unchanged)),
            ("repaired", .int(report.counts.repaired)),
        ]
        if let message = report.message { fields.append(("message", .string(message))) }
        return .object(fields)
    }
}

/// What is being fetched, on one line of stderr; nothing when stderr is not a terminal.
final class FetchProgressLine: @unchecked Sendable {
    private let enabled = isatty(STDERR_FILENO) == 1
    private let lock = NSLock()

    func show(_ source: String, _ event: FetchEvent) {
        guard enabled else { return }
        let text: String
        switch event {
        case .started: text = "\(source)…"
        case .requesting(let part): text = "\(source): \(part)…"
        case .waiting(let seconds, let reason): text = String(format: "%@: %@ (%.0f s)", source, reason, seconds)
        case .finished: text = ""
        }
        write(text)
    }

    func finish() { write("") }

    private func write(_ text: String) {
        guard enabled else { return }
        lock.withLock { FileHandle.standardError.write(Data("\r\u{1B}[K\(text)".utf8)) }
    }
}
