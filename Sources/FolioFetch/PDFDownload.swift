import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Downloads a PDF into the PDF folder through `HTTPClient` (its User-Agent, retries and size limit;
/// 3 s between requests to arXiv, as fetching keeps). The body is checked whole before anything is
/// written; it is written under a temporary name in the same folder and renamed, so a failed or cut
/// download leaves no file, and a finished one appears all at once.
extension PDFDownload {
    /// arXiv asks 3 s between requests, whichever of its hosts.
    static func isArxiv(_ url: URL) -> Bool {
        let host = url.host?.lowercased() ?? ""
        return host == "arxiv.org" || host.hasSuffix(".arxiv.org")
    }

    private static let arxivPace = Pace(spacing: 3)

    /// Downloads `request` into `folder`; returns the file's path and size. Throws `FetchFailure`
    /// with the reason, having left no file behind.
    public static func run(_ request: PDFRequest, into folder: String, policy: HTTPPolicy = HTTPPolicy(),
                           progress: @escaping @Sendable (PDFEvent) -> Void = { _ in }) throws(FetchFailure) -> (path: String, bytes: Int) {
        guard isWebAddress(request.url), let url = URL(string: request.url) else {
            throw .unreadable("not an http or https address: \(request.url)")
        }
        var policy = policy
        if isArxiv(url) { policy.spacing = max(policy.spacing, 3) }
        // A large PDF on a slow link takes longer than a feed: 10 minutes in all (still 30 s without a byte).
        policy.exchangeTimeout = max(policy.exchangeTimeout ?? 0, 600)
        let client = HTTPClient(policy: policy)
        client.onWait = { seconds, _ in progress(.waiting(seconds)) }
        client.onProgress = { progress(.received($0, expected: $1)) }
        if isArxiv(url) { arxivPace.wait { progress(.waiting($0)) } }
        defer { if isArxiv(url) { arxivPace.finished() } }
        let response = try client.get(url, headers: ["Accept": "application/pdf"])
        try check(response)
        return try save(response.body, as: request.fileName, in: folder)
    }

    /// A whole answer that is a PDF: 200 (not a 304 or another 2xx), not empty, `%PDF-` within its first
    /// 1024 bytes (where readers look for it). A login page or an error page served with 200 is refused.
    static func check(_ response: HTTPResponse) throws(FetchFailure) {
        guard response.status == 200 else { throw .status(response.status, attempts: 1) }
        guard !response.body.isEmpty else { throw .unreadable("the server sent an empty file") }
        guard response.body.prefix(1024).range(of: Data("%PDF-".utf8)) != nil else {
            let type = response.header("Content-Type").map { " (\($0))" } ?? ""
            throw .unreadable("the server sent something that is not a PDF\(type)")
        }
    }

    /// Writes `body` under a temporary name in `folder`, flushes it, and renames it to `name`; on any
    /// failure the temporary file is removed.
    static func save(_ body: Data, as name: String, in folder: String) throws(FetchFailure) -> (path: String, bytes: Int) {
        let final = folder + "/" + name
        let temporary = folder + "/.\(name).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).part"
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            removeLeftovers(of: name, in: folder)
            guard FileManager.default.createFile(atPath: temporary, contents: nil) else {
                throw FetchFailure.unreadable("cannot write in \(folder)")
            }
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: temporary))
            defer { try? handle.close() }
            try handle.write(contentsOf: body)
            try handle.synchronize()
            guard rename(temporary, final) == 0 else {
                throw FetchFailure.unreadable("cannot save \(final): \(String(cString: strerror(errno)))")
            }
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            throw error as? FetchFailure ?? .unreadable("cannot save \(final): \(error.localizedDescription)")
        }
        return (final, body.count)
    }

    /// Temporary files of `name` a killed Folio left (a write takes a moment, so one older than a minute
    /// is nobody's).
    static func removeLeftovers(of name: String, in folder: String) {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        for file in files where file.hasPrefix(".\(name).") && file.hasSuffix(".part") {
            let path = folder + "/" + file
            let modified = (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date
            if let modified, Date().timeIntervalSince(modified) > 60 { try? FileManager.default.removeItem(atPath: path) }
        }
    }
}

/// Keeps requests to one site `spacing` seconds apart across downloads (each download has its own client).
final class Pace: @unchecked Sendable {
    let spacing: TimeInterval
    private let lock = NSLock()
    private var lastFinished: Date?

    init(spacing: TimeInterval) { self.spacing = spacing }

    /// Sleeps until `spacing` has passed since the last request finished, telling `waiting` first.
    func wait(_ waiting: (TimeInterval) -> Void) {
        let wait = lock.withLock { lastFinished.map { spacing - Date().timeIntervalSince($0) } ?? 0 }
        guard wait > 0 else { return }
        waiting(wait)
        Thread.sleep(forTimeInterval: wait)
    }

    func finished() { lock.withLock { lastFinished = Date() } }
}
