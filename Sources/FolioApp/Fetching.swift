import FolioCore
import FolioFetch
import Foundation

/// One source of a background fetch and what it is doing, for the status line.
public struct FetchLine: Sendable, Equatable {
    public var source: String
    public var text: String
}

extension AppState {
    mutating func startFetch() -> [Effect] {
        guard !isFetching else {
            status = StatusMessage(text: "already fetching", isError: false)
            return []
        }
        isFetching = true
        fetchProgress = []
        return [.fetch]
    }

    mutating func fetchEvent(_ source: String, _ event: FetchEvent) {
        let text: String
        switch event {
        case .started: text = "…"
        case .requesting(let part): text = part + "…"
        case .waiting(let seconds, _): text = "waiting \(Int(seconds.rounded(.up))) s"
        case .finished(let report): text = FetchSummary.short(report)
        }
        if let index = fetchProgress.firstIndex(where: { $0.source == source }) {
            fetchProgress[index].text = text
        } else {
            fetchProgress.append(FetchLine(source: source, text: text))
        }
    }

    mutating func fetchDone(_ reports: [FetchReport]) {
        isFetching = false
        fetchProgress = []
        status = FetchSummary.status(reports)
    }

    /// What the status line says while a fetch runs: each source and its step.
    public var fetchProgressText: String? {
        guard isFetching else { return nil }
        let parts = fetchProgress.map { "\($0.source) \($0.text)" }
        return "fetching " + (parts.isEmpty ? "…" : parts.joined(separator: " · "))
    }

    /// The fetch's and the PDF download's progress, for the status line when no message is shown.
    public var backgroundProgressText: String? {
        let parts = [fetchProgressText, pdfProgressText].compactMap { $0 }
        return parts.isEmpty ? nil : parts.joined(separator: " · ")
    }
}

/// A fetch's outcome in one line: the sources that worked, and one clear reason for those that did not.
public enum FetchSummary {
    static func short(_ report: FetchReport) -> String {
        switch report.status {
        case .ok: return "\(report.counts.new) new"
        case .notModified: return "unchanged"
        case .failed: return "failed"
        }
    }

    public static func status(_ reports: [FetchReport]) -> StatusMessage {
        let failed = reports.filter { $0.status == .failed }
        let new = reports.reduce(0) { $0 + $1.counts.new }
        // Offline: every source fails the same way, so say it once.
        if !failed.isEmpty, failed.count == reports.count, Set(failed.map(\.message)).count == 1 {
            return StatusMessage(text: "fetch failed: \(failed[0].message ?? "unknown error")", isError: true)
        }
        var text = "fetched \(new) new"
        let worked = reports.filter { $0.status != .failed }.map { "\($0.source) \(short($0))" }
        if !worked.isEmpty { text += " (" + worked.joined(separator: ", ") + ")" }
        if !failed.isEmpty {
            text += "; failed: " + failed.map { "\($0.source) (\($0.message ?? "unknown error"))" }.joined(separator: ", ")
        }
        return StatusMessage(text: text, isError: !failed.isEmpty)
    }
}
