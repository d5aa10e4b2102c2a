import FolioCore
import Foundation

/// What one source's fetch did, for the summary line and `--json`.
public struct FetchReport: Sendable, Equatable {
    public enum Status: String, Sendable {
        case ok
        /// Every answer was 304: nothing to import.
        case notModified = "not-modified"
        case failed
    }

    public var source: String
    public var status: Status
    public var counts: ImportCounts
    /// Why it failed, in one line.
    public var message: String?

    public init(source: String, status: Status, counts: ImportCounts, message: String? = nil) {
        self.source = source
        self.status = status
        self.counts = counts
        self.message = message
    }
}

/// Progress of one source, as it happens.
public enum FetchEvent: Sendable, Equatable {
    case started
    /// A request is out; the text says which part (a day, a page, the categories).
    case requesting(String)
    case waiting(seconds: TimeInterval, reason: String)
    case finished(FetchReport)
}
