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
