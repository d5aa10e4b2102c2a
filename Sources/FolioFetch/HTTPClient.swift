import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Folio's version, for `--version` and the User-Agent.
public enum FolioVersion {
    public static let string = "0.1.0"
    public static let userAgent = "Folio/\(string) (terminal reader for research papers)"
}

/// How patient and how trusting one source's requests are.
public struct HTTPPolicy: Sendable, Equatable {
    /// Seconds to connect and between bytes.
    public var timeout: TimeInterval = 30
    /// Seconds for a whole exchange; nil: four times `timeout`.
    public var exchangeTimeout: TimeInterval?
    var wholeExchange: TimeInterval { exchangeTimeout ?? timeout * 4 }
    /// A body larger than this is refused, announced or not.
    public var maxBytes = 64 << 20
    public var maxRedirects = 5
    /// Further attempts after a 429 or 5xx.
    public var retries = 2
    /// The first wait when the server sends no `Retry-After`; doubled for each attempt.
    public var backoff: TimeInterval = 2
    /// A `Retry-After` longer than this is not waited for.
    public var maxRetryAfter: TimeInterval = 120
    /// At least this long between the end of one request and the start of the next (arXiv asks 3 s).
    public var spacing: TimeInterval = 0

    public init() {}
}

/// A response Folio accepted: 2xx or 304, whole, within the limits.
public struct HTTPResponse: Sendable {
    public var status: Int
    /// Header names lowercased.
    public var headers: [String: String]
    public var body: Data

    public func header(_ name: String) -> String? { headers[name.lowercased()] }
}

/// Why a request gave nothing usable, in words for one status line.
public enum FetchFailure: Error, Sendable, Equatable, CustomStringConvertible {
    case status(Int, attempts: Int)
    case timedOut(TimeInterval)
    case cannotConnect(String)
    case tooLarge(limit: Int)
    case tooManyRedirects(Int)
    case truncated(expected: Int64, received: Int)
    case wrongContentType(expected: String, received: String)
    case unreadable(String)
    case network(String)

    public var description: String {
        switch self {
        case .status(let code, let attempts):
            let name = HTTPURLResponse.localizedString(forStatusCode: code)
            return "HTTP \(code) \(name)" + (attempts > 1 ? " after \(attempts) attempts" : "")
        case .timedOut(let seconds): return "no answer within \(Self.seconds(seconds))"
        case .cannotConnect(let host): return "cannot connect to \(host) (offline?)"
        case .tooLarge(let limit): return "the response is larger than \(Self.bytes(limit)); refused"
        case .tooManyRedirects(let count): return "more than \(count) redirects (a redirect loop?)"
        case .truncated(let expected, let received):
            return expected > 0 ? "the response was cut off (\(received) of \(expected) bytes)" : "the connection closed before the response was complete"
        case .wrongContentType(let expected, let received): return "expected \(expected), got \(received)"
        case .unreadable(let message): return message
        case .network(let message): return message
        }
    }

    static func seconds(_ value: TimeInterval) -> String {
        value == value.rounded() ? "\(Int(value)) s" : String(format: "%.1f s", value)
    }

    static func bytes(_ count: Int) -> String {
        count >= 1 << 20 ? "\(count >> 20) MB" : count >= 1 << 10 ? "\(count >> 10) KB" : "\(count) bytes"
    }
}

/// GET requests for one source: retries with backoff, spacing between requests, limits on size
/// and redirects. Used from one thread at a time; each exchange waits for its answer.
public final class HTTPClient {
    public let policy: HTTPPolicy
    private var lastFinished: Date?
    /// Told before each wait: seconds, and why.
    public var onWait: (TimeInterval, String) -> Void = { _, _ in }
    /// Told as a body arrives, on URLSession's queue: bytes so far, and the length announced (if any).
    public var onProgress: (@Sendable (Int, Int64?) -> Void)?

    public init(policy: HTTPPolicy) {
        self.policy = policy
    }

    /// The answer to GET `url`, after retries; throws `FetchFailure` for anything but 2xx and 304.
    public func get(_ url: URL, headers: [String: String] = [:]) throws(FetchFailure) -> HTTPResponse {
        var attempt = 1
        while true {
            waitForSpacing()
            let response = try exchange(url, headers: headers)
            lastFinished = Date()
            let retryable = response.status == 429 || (500...599).contains(response.status)
            if (200...299).contains(response.status) || response.status == 304 { return response }
            guard retryable, attempt <= policy.retries else { throw .status(response.status, attempts: attempt) }
            let wait = retryAfter(response) ?? policy.backoff * Double(1 << (attempt - 1))
            guard wait <= policy.maxRetryAfter else { throw .status(response.status, attempts: attempt) }
            onWait(wait, "HTTP \(response.status), retrying")
            Thread.sleep(forTimeInterval: wait)
            attempt += 1
        }
    }

    private func waitForSpacing() {
        guard let lastFinished, policy.spacing > 0 else { return }
        let wait = policy.spacing - Date().timeIntervalSince(lastFinished)
        guard wait > 0 else { return }
        onWait(wait, "pausing between requests")
        Thread.sleep(forTimeInterval: wait)
    }

    /// `Retry-After` in seconds or as an HTTP date.
    func retryAfter(_ response: HTTPResponse) -> TimeInterval? {
        guard let value = response.header("Retry-After")?.trimmingCharacters(in: .whitespaces) else { return nil }
        if let seconds = TimeInterval(value) { return max(seconds, 0) }
        return HTTPDate.parse(value).map { max($0.timeIntervalSinceNow, 0) }
    }

    private func exchange(_ url: URL, headers: [String: String]) throws(FetchFailure) -> HTTPResponse {
        var request = URLRequest(url: url, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: policy.timeout)
        request.setValue(FolioVersion.userAgent, forHTTPHeaderField: "User-Agent")
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = policy.timeout
        configuration.timeoutIntervalForResource = policy.wholeExchange
        configuration.urlCache = nil
        configuration.httpShouldSetCookies = false
        let exchange = Exchange(policy: policy, onProgress: onProgress)
        let session = URLSession(configuration: configuration, delegate: exchange, delegateQueue: nil)
        defer { session.invalidateAndCancel() }
        session.dataTask(with: request).resume()
        // The resource timeout ends the task first; this only guards against a lost callback.
        guard exchange.done.wait(timeout: .now() + policy.wholeExchange + 5) == .success else {
            throw .timedOut(policy.timeout)
        }
        return try exchange.result(for: url)
    }
}

/// One request's callbacks, collected; URLSession calls them on its own queue.
private final class Exchange: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    let policy: HTTPPolicy
    let done = DispatchSemaphore(value: 0)
    private let lock = NSLock()
    private var response: HTTPURLResponse?
    private var body = Data()
    private var failure: FetchFailure?
    private var error: Error?
    private var redirects = 0
    private let onProgress: (@Sendable (Int, Int64?) -> Void)?

    init(policy: HTTPPolicy, onProgress: (@Sendable (Int, Int64?) -> Void)?) {
        self.policy = policy
        self.onProgress = onProgress
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
                    completionHandler: @escaping (URLSession.ResponseDisposition) -> Void) {
        let tooLarge = response.expectedContentLength > Int64(policy.maxBytes)
        lock.withLock {
            self.response = response as? HTTPURLResponse
            if tooLarge { failure = .tooLarge(limit: policy.maxBytes) }
        }
        completionHandler(tooLarge ? .cancel : .allow)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        let (over, received, expected) = lock.withLock {
            body.append(data)
            if body.count > policy.maxBytes { failure = .tooLarge(limit: policy.maxBytes) }
            let announced = response?.expectedContentLength ?? -1
            return (body.count > policy.maxBytes, body.count, announced > 0 ? announced : nil)
        }
        if over { dataTask.cancel() } else { onProgress?(received, expected) }
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
                    newRequest request: URLRequest, completionHandler: @escaping (URLRequest?) -> Void) {
        let allowed = lock.withLock {
            redirects += 1
            if redirects > policy.maxRedirects { failure = .tooManyRedirects(policy.maxRedirects) }
            return redirects <= policy.maxRedirects
        }
        completionHandler(allowed ? request : nil)
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: Error?) {
        lock.withLock { self.error = error }
        done.signal()
    }

    func result(for url: URL) throws(FetchFailure) -> HTTPResponse {
        lock.lock()
        defer { lock.unlock() }
        if let failure { throw failure }
        // A body shorter than announced is cut off, whatever error (if any) the transfer ended with.
        if let expected = response?.expectedContentLength, response?.statusCode != 304, expected > 0, Int64(body.count) < expected {
            throw .truncated(expected: expected, received: body.count)
        }
        if let error { throw Exchange.failure(error, url: url, timeout: policy.timeout) }
        guard let response else { throw .network("no response from \(url.host ?? url.absoluteString)") }
        var headers: [String: String] = [:]
        for (name, value) in response.allHeaderFields {
            if let name = name as? String, let value = value as? String { headers[name.lowercased()] = value }
        }
        return HTTPResponse(status: response.statusCode, headers: headers, body: body)
    }

    static func failure(_ error: Error, url: URL, timeout: TimeInterval) -> FetchFailure {
        let host = url.host.map { url.port.map { "\(url.host!):\($0)" } ?? $0 } ?? url.absoluteString
        switch (error as? URLError)?.code {
        case .timedOut?: return .timedOut(timeout)
        case .cannotConnectToHost?, .cannotFindHost?, .notConnectedToInternet?, .dnsLookupFailed?: return .cannotConnect(host)
        case .networkConnectionLost?: return .truncated(expected: -1, received: 0)
        case .httpTooManyRedirects?: return .tooManyRedirects(0)
        default: return .network("\(host): \(error.localizedDescription)")
        }
    }
}

/// The date format of `Retry-After` and `Last-Modified` (RFC 9110's IMF-fixdate).
enum HTTPDate {
    static func parse(_ text: String) -> Date? { formatter().date(from: text) }

    private static func formatter() -> DateFormatter {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "GMT")
        f.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return f
    }
}
