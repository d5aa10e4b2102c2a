import FolioCore
import FolioFetch
import Foundation

/// PDF downloads: one runs at a time (so arXiv's 3 s apply without two threads racing), the rest wait
/// their turn in order.
public struct PDFDownloads: Sendable, Equatable {
    public var running: PDFRequest?
    public var queued: [PDFRequest] = []
    /// What the running download last said.
    public var event: PDFEvent?

    func holds(_ paperID: String) -> Bool {
        running?.paperID == paperID || queued.contains { $0.paperID == paperID }
    }
}

/// How a download ended: the file saved and recorded, or why not.
public enum PDFOutcome: Sendable, Equatable {
    case saved(path: String, bytes: Int)
    case failed(String)
}

extension AppState {
    /// `P`: the PDF's address in the browser.
    mutating func openPDFAddress(_ paper: Paper) -> [Effect] {
        guard let url = pdfAddress(paper) else { return [] }
        return [.openURL(url)]
    }

    /// `d`: the PDF downloaded in the background, now or after those already asked for.
    mutating func downloadPDF(_ paper: Paper) -> [Effect] {
        guard let url = pdfAddress(paper) else { return [] }
        let request = PDFRequest(paperID: paper.id, url: url)
        if pdfDownloads.holds(paper.id) {
            status = StatusMessage(text: "already downloading \(request.fileName)", isError: false)
            return []
        }
        guard pdfDownloads.running != nil else {
            pdfDownloads.running = request
            pdfDownloads.event = nil
            return [.downloadPDF(request)]
        }
        pdfDownloads.queued.append(request)
        status = StatusMessage(text: "queued \(request.fileName): \(pdfDownloads.queued.count) to download before it", isError: false)
        return []
    }

    /// The paper's PDF address when it is a web address; else says why there is none.
    private mutating func pdfAddress(_ paper: Paper) -> String? {
        guard let url = paper.pdfURL else {
            status = StatusMessage(text: "this paper has no PDF link", isError: false)
            return nil
        }
        guard PDFDownload.isWebAddress(url) else {
            status = StatusMessage(text: "the paper's PDF link is not an http or https address", isError: true)
            return nil
        }
        return url
    }

    mutating func pdfEvent(_ event: PDFEvent) {
        if pdfDownloads.running != nil { pdfDownloads.event = event }
    }

    /// The running download ended: say how, and start the next one.
    mutating func pdfDone(_ request: PDFRequest, _ outcome: PDFOutcome) -> [Effect] {
        switch outcome {
        case .saved(_, let bytes):
            status = StatusMessage(text: "downloaded \(request.fileName) (\(PDFDownloads.size(bytes)))", isError: false)
        case .failed(let reason):
            status = StatusMessage(text: "PDF download failed: \(request.fileName): \(reason)", isError: true)
        }
        pdfDownloads.event = nil
        guard !pdfDownloads.queued.isEmpty else {
            pdfDownloads.running = nil
            return []
        }
        let next = pdfDownloads.queued.removeFirst()
        pdfDownloads.running = next
        return [.downloadPDF(next)]
    }

    /// What the status line says while a PDF downloads.
    public var pdfProgressText: String? {
        guard let running = pdfDownloads.running else { return nil }
        var text = "downloading \(running.fileName)"
        switch pdfDownloads.event {
        case .waiting(let seconds)?: text += ": waiting \(Int(seconds.rounded(.up))) s"
        case .received(let bytes, let expected?)?: text += ": \(PDFDownloads.size(bytes)) of \(PDFDownloads.size(Int(expected)))"
        case .received(let bytes, nil)?: text += ": \(PDFDownloads.size(bytes))"
        case nil: text += "…"
        }
        return text + (pdfDownloads.queued.isEmpty ? "" : " (\(pdfDownloads.queued.count) waiting)")
    }
}

extension PDFDownloads {
    /// `812 bytes`, `64 KB`, `1.2 MB`.
    static func size(_ bytes: Int) -> String {
        if bytes < 1 << 10 { return "\(bytes) bytes" }
        if bytes < 1 << 20 { return "\(bytes >> 10) KB" }
        return String(format: "%.1f MB", Double(bytes) / Double(1 << 20))
    }
}
