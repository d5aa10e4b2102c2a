import ArgumentParser
import FolioCore
import Foundation

extension ImportFormat: ExpressibleByArgument {}
extension ExportFormat: ExpressibleByArgument {}
extension PaperSort: ExpressibleByArgument {}

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import papers from files; each file imports whole or not at all.",
        discussion: "Formats: \(ImportFormat.allCases.map(\.rawValue).joined(separator: ", ")). The format is detected from the content unless --format is given.")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "Files to import; - reads standard input.") var files: [String]

    @Option(help: "Read every file as this format.") var format: ImportFormat?

    @Option(parsing: .unconditional, help: "Year for dates that carry none (the Daily Papers page), 1900 to next year.") var year: Int?

    @Flag(help: "Print one JSON object per file.") var json = false

    func validate() throws {
        if files.isEmpty { throw ValidationError("name at least one file to import") }
        let nextYear = Calendar(identifier: .gregorian).component(.year, from: Date()) + 1
        if let year, !(1900...nextYear).contains(year) { throw ValidationError("--year must be from 1900 to \(nextYear), not \(year)") }
    }

    func run() throws {
        let store = try global.openStore()
        let importer = LibraryImport(store: store, context: ImportContext(year: year))
        var failures = 0
        for file in files.map({ UserPath.expand($0) }) {
            let bar = ProgressBar(label: Output.terminalSafe((file as NSString).lastPathComponent), totalBytes: ProgressBar.fileSize(file))
            do {
                let result = try importer.importFile(file, format: format, progress: bar.update)
                bar.finish()
                let c = result.counts
                if json {
                    Output.json(.object([
                        ("file", .string(file)), ("format", .string(result.format.rawValue)),
                        ("new", .int(c.new)), ("updated", .int(c.updated)), ("unchanged", .int(c.unchanged)), ("repaired", .int(c.repaired)),
                    ]))
                } else {
                    Output.line("\(file) (\(result.format.rawValue)): \(c.summary)")
                }
            } catch let error as ImportError {
                bar.finish()
                failures += 1
                Output.error(error.description)
            }
        }
        if failures > 0 { throw ExitCode.failure }
    }
}

/// Count, rate and ETA on stderr while a long file imports; nothing when stderr is not a terminal.
final class ProgressBar {
    let label: String
    let totalBytes: Int64
    let enabled = isatty(STDERR_FILENO) == 1
    let started = Date()
    var lastDraw = Date.distantPast
    var drawn = false

    init(label: String, totalBytes: Int64) {
        self.label = label
        self.totalBytes = totalBytes
    }

    static func fileSize(_ path: String) -> Int64 {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.int64Value ?? 0
    }

    func update(_ count: Int, _ bytes: Int64) {
        guard enabled, Date().timeIntervalSince(lastDraw) >= 0.2 else { return }
        lastDraw = Date()
        let elapsed = max(Date().timeIntervalSince(started), 0.001)
        let rate = Double(count) / elapsed
        let fraction = totalBytes > 0 ? min(Double(bytes) / Double(totalBytes), 1) : 0
        let eta = fraction > 0 ? elapsed * (1 - fraction) / fraction : 0
        let width = 24
        let filled = Int(fraction * Double(width))
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        let text = String(format: "%@ %@ %3.0f%%  %d papers  %.0f/s  ETA %@", label, bar, fraction * 100, count, rate, ProgressBar.clock(eta))
        FileHandle.standardError.write(Data("\r\u{1B}[K\(text)".utf8))
        drawn = true
    }

    func finish() {
        if drawn { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }

    static func clock(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        return s >= 3600 ? String(format: "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60) : String(format: "%d:%02d", s / 60, s % 60)
    }
}
