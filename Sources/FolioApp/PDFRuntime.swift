import FolioCore
import FolioFetch
import Foundation

/// The PDF effects: a download on a thread of its own, reporting through the mailbox as the fetch does;
/// a downloaded file opened in the viewer.
extension ReaderRuntime {
    /// Downloads into the PDF folder, records the file in the library, and says how it went. Progress is
    /// posted at most ten times a second (the loop takes the mailbox at least that often).
    func startPDFDownload(_ request: PDFRequest) {
        let store = store, mailbox = mailbox
        let folder = PDFDownload.folder(environment: environment)
        Thread.detachNewThread {
            let throttle = ProgressThrottle()
            let outcome: PDFOutcome
            do {
                let saved = try PDFDownload.run(request, into: folder) { event in
                    if throttle.due(event) { mailbox.append(.pdfEvent(event)) }
                }
                do {
                    try store.recordPDF(paperID: request.paperID, path: saved.path, bytes: saved.bytes)
                    outcome = .saved(path: saved.path, bytes: saved.bytes)
                } catch {
                    // A file the library does not know of would never be found or opened.
                    try? FileManager.default.removeItem(atPath: saved.path)
                    outcome = .failed("cannot record it in the library: \(error)")
                }
            } catch {
                outcome = .failed("\(error)")
            }
            mailbox.append(.pdfDone(request, outcome))
        }
    }

    /// `o` on a paper whose PDF was downloaded: the file in the viewer; when it was removed since, the
    /// library forgets it (so `has:pdf` stays true to the folder) and the paper's page opens instead.
    func openPDF(id: String, path: String, page: String?) throws -> [Msg] {
        if FileManager.default.fileExists(atPath: path) {
            return [report(ExternalOpener.openPDF(path, environment: environment))]
        }
        try store.forgetPDF(paperID: id)
        let opened = page.map { ExternalOpener.open($0, environment: environment) } ?? "this paper has no link"
        return reloaded() + [report("the downloaded PDF is gone (\(path)); \(opened)")]
    }
}

/// Lets a progress event through when 0.1 s passed since the last one let through (pauses always).
private final class ProgressThrottle: @unchecked Sendable {
    private let lock = NSLock()
    private var last = Date.distantPast

    func due(_ event: PDFEvent) -> Bool {
        lock.withLock {
            if case .received = event, Date().timeIntervalSince(last) < 0.1 { return false }
            last = Date()
            return true
        }
    }
}

/// Hands an address or a file to a program of the user's, started detached; else says what to open.
enum ExternalOpener {
    /// `o` and `P`: `$BROWSER`, else `xdg-open`.
    static func open(_ url: String, environment: [String: String]) -> String {
        launch(url, commands: [environment["BROWSER"], "xdg-open"], environment: environment)
            ? "opened \(url)" : "no browser found ($BROWSER, xdg-open): \(url)"
    }

    /// A downloaded PDF: `$FOLIO_PDF_VIEWER`, else `xdg-open`.
    static func openPDF(_ path: String, environment: [String: String]) -> String {
        launch(path, commands: [environment["FOLIO_PDF_VIEWER"], "xdg-open"], environment: environment)
            ? "opened \((path as NSString).lastPathComponent)" : "no PDF viewer found ($FOLIO_PDF_VIEWER, xdg-open): \(path)"
    }

    /// Runs the first of `commands` found with `argument`, its output discarded; whether one started.
    static func launch(_ argument: String, commands: [String?], environment: [String: String]) -> Bool {
        for command in commands.compactMap({ $0 }).filter({ !$0.isEmpty }) {
            guard let path = findExecutable(command, path: environment["PATH"] ?? "/usr/bin:/bin") else { continue }
            let process = Process()
            process.executableURL = URL(fileURLWithPath: path)
            process.arguments = [argument]
            process.standardInput = FileHandle.nullDevice
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            if (try? process.run()) != nil { return true }
        }
        return false
    }

    static func findExecutable(_ command: String, path: String) -> String? {
        if command.contains("/") { return FileManager.default.isExecutableFile(atPath: command) ? command : nil }
        return path.split(separator: ":").map { "\($0)/\(command)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}
