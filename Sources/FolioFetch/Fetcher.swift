import FolioCore
import Foundation

/// Fetches sources into a store. Each source imports in one transaction after every one of its
/// answers has been read; a failing source records its problem and changes no paper.
public struct Fetcher: Sendable {
    public let store: Store
    public let today: Date
    /// Daily Papers days fetched at most in one go, however long ago the last success was.
    public static let maxDays = 14

    public init(store: Store, today: Date = Date()) {
        self.store = store
        self.today = today
    }

    /// Every source in turn: one failing does not stop the others.
    public func fetch(_ sources: [FetchSource], progress: @escaping @Sendable (String, FetchEvent) -> Void = { _, _ in }) -> [FetchReport] {
        sources.map { source in fetch(source) { progress(source.name, $0) } }
    }

    public func fetch(_ source: FetchSource, progress: @escaping (FetchEvent) -> Void = { _ in }) -> FetchReport {
        progress(.started)
        let client = HTTPClient(policy: source.policy)
        client.onWait = { progress(.waiting(seconds: $0, reason: $1)) }
        var run = SourceRun(source: source, store: store, client: client, progress: progress)
        let report: FetchReport
        do {
            try run.collect(days: try days(for: source))
            let counts = try store.recordFetch(source: source.name, papers: run.papers, validators: run.validators, day: Fetcher.day(today))
            let unchanged = run.answered > 0 && run.answered == run.notModified
            report = FetchReport(source: source.name, status: unchanged ? .notModified : .ok, counts: counts)
        } catch {
            let message = Fetcher.message(for: error)
            try? store.recordFetchFailure(source: source.name, message: message)
            report = FetchReport(source: source.name, status: .failed, counts: ImportCounts(), message: message)
        }
        progress(.finished(report))
        return report
    }

    static func message(for error: Error) -> String {
        switch error {
        case let failure as FetchFailure: return failure.description
        case let problem as ImportError: return "unreadable answer: \(problem)"
        default: return "\(error)"
        }
    }

    /// The Daily Papers days to ask for: the configured one, else from the last success to today.
    func days(for source: FetchSource) throws -> [String] {
        guard case .hfDaily(let date) = source.kind else { return [] }
        if let date { return [date] }
        let todayName = Fetcher.day(today)
        guard let last = try store.fetchState(source: source.name)?.lastSuccessDay, last < todayName,
              let start = Fetcher.dayFormatter().date(from: last) else { return [todayName] }
        var days: [String] = []
        var day = start
        while Fetcher.day(day) <= todayName {
            days.append(Fetcher.day(day))
            day = day.addingTimeInterval(86_400)
        }
        return Array(days.suffix(Fetcher.maxDays))
    }

    static func day(_ date: Date) -> String { dayFormatter().string(from: date) }

    static func dayFormatter() -> DateFormatter {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyy-MM-dd"
        return f
    }
}

/// One source's requests and what they brought, before anything is written.
struct SourceRun {
    let source: FetchSource
    let store: Store
    let client: HTTPClient
    let progress: (FetchEvent) -> Void
    var papers: [PaperInput] = []
    var validators: [FetchValidator] = []
    var answered = 0
    var notModified = 0

    mutating func collect(days: [String]) throws {
        switch source.kind {
        case .hfDaily:
            for day in days { _ = try get(source.dailyPapersURL(day: day), label: day) }
        case .arxivQuery(let searchQuery, let maxResults, let pageSize):
            var start = 0
            while start < maxResults {
                let count = min(pageSize, maxResults - start)
                let label = "results \(start + 1)–\(start + count)"
                // A 304 or a short page: there is nothing further.
                guard let page = try get(source.queryURL(searchQuery, start: start, count: count), label: label), page.count == count else { break }
                start += count
            }
        case .arxivRSS(let categories):
            _ = try get(source.rssURL(categories: categories), label: categories)
        case .url(let address, _):
            guard let url = URL(string: address), url.scheme == "http" || url.scheme == "https" else {
                throw FetchFailure.unreadable("not an http or https address: \(address)")
            }
            _ = try get(url, label: url.host ?? address)
        }
    }

    /// One answer's papers, or nil when the server says nothing changed (304).
    mutating func get(_ url: URL?, label: String) throws -> [PaperInput]? {
        guard let url else { throw FetchFailure.unreadable("cannot make an address from \(source.baseURL)") }
        var headers: [String: String] = [:]
        if let known = try store.validator(url: url.absoluteString) {
            headers["If-None-Match"] = known.etag
            headers["If-Modified-Since"] = known.lastModified
        }
        progress(.requesting(label))
        let response = try client.get(url, headers: headers)
        answered += 1
        if response.status == 304 {
            notModified += 1
            return nil
        }
        if let expected = source.expectedContentType, let type = response.header("Content-Type"),
           !type.lowercased().contains(expected.word) {
            throw FetchFailure.wrongContentType(expected: expected.label, received: type)
        }
        let format = try source.format ?? FormatDetector.detect(response.body.prefix(FormatDetector.sniffBytes))
        let found = try LibraryImport(store: store).papers(in: response.body, format: format)
        papers += found
        validators.append(FetchValidator(url: url.absoluteString, etag: response.header("ETag"), lastModified: response.header("Last-Modified")))
        return found
    }
}
