import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One request as the test server received it.
public struct RecordedRequest: Sendable {
    public var method: String
    /// Path and query, as on the request line.
    public var target: String
    /// Header names lowercased.
    public var headers: [String: String]
    public var arrival: Date

    public var path: String { String(target.prefix { $0 != "?" }) }

    /// A query parameter, percent-decoded.
    public func query(_ name: String) -> String? {
        URLComponents(string: target)?.queryItems?.first { $0.name == name }?.value
    }
}

/// What the server answers to one request, with the ways a real server misbehaves.
public struct ScriptedResponse: Sendable {
    public var status: Int
    public var headers: [(String, String)]
    public var body: Data
    /// Seconds to wait before answering (a slow or hung server).
    public var delay: TimeInterval = 0
    /// Announce the whole body's length but send only this many bytes, then close.
    public var truncateAfter: Int?

    public init(status: Int = 200, headers: [(String, String)] = [], body: Data = Data(), delay: TimeInterval = 0, truncateAfter: Int? = nil) {
        self.status = status
        self.headers = headers
        self.body = body
        self.delay = delay
        self.truncateAfter = truncateAfter
    }

    /// A fixture file from Tests/Fixtures with its content type and an ETag made from its name.
    public static func fixture(_ relative: String, contentType: String, etag: Bool = true) -> ScriptedResponse {
        let body = (try? Data(contentsOf: URL(fileURLWithPath: CLI.fixture(relative)))) ?? Data()
        var headers = [("Content-Type", contentType)]
        if etag { headers.append(("ETag", "\"\(body.reduce(UInt32(17)) { $0 &* 31 &+ UInt32($1) })-\(body.count)\"")) }
        return ScriptedResponse(headers: headers, body: body)
    }

    public static func status(_ code: Int, _ headers: [(String, String)] = [], body: String = "") -> ScriptedResponse {
        ScriptedResponse(status: code, headers: headers + [("Content-Type", "text/plain")], body: Data(body.utf8))
    }
}

/// A small HTTP/1.1 server on 127.0.0.1 for tests: answers each path from a script, records every
/// request with its arrival time and headers, answers `If-None-Match` with 304 when the scripted
/// response carries that ETag, and stops by itself after `lifetime` seconds if nobody stops it.
public final class TestHTTPServer: @unchecked Sendable {
    public let port: UInt16
    public var baseURL: String { "http://127.0.0.1:\(port)" }

    private let listener: Int32
    private let lock = NSLock()
    private var script: [String: [ScriptedResponse]]
    private var recorded: [RecordedRequest] = []
    private var stopped = false

    /// `script`: for a target (path and query) or, failing that, a path, the responses in order;
    /// the last one repeats. Anything else is a 404.
    public init(_ script: [String: [ScriptedResponse]], lifetime: TimeInterval = 120) throws {
        self.script = script
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw SubprocessError(description: "socket() failed: \(errno)") }
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 16) == 0 else {
            close(fd)
            throw SubprocessError(description: "cannot listen on 127.0.0.1: \(errno)")
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        port = UInt16(bigEndian: address.sin_port)
        listener = fd
        let deadline = Date().addingTimeInterval(lifetime)
        Thread.detachNewThread { [self] in acceptLoop(until: deadline) }
    }

    deinit { stop() }

    /// Replaces the script of one target or path.
    public func set(_ target: String, _ responses: [ScriptedResponse]) {
        lock.withLock { script[target] = responses }
    }

    public var requests: [RecordedRequest] { lock.withLock { recorded } }

    public func requests(to path: String) -> [RecordedRequest] { requests.filter { $0.path == path } }

    public func stop() {
        lock.withLock {
            guard !stopped else { return }
            stopped = true
            close(listener)
        }
    }

    private var isStopped: Bool { lock.withLock { stopped } }

    private func acceptLoop(until deadline: Date) {
        while !isStopped, Date() < deadline {
            var poller = pollfd(fd: listener, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, 100) > 0, !isStopped else { continue }
            let connection = accept(listener, nil, nil)
            guard connection >= 0 else { continue }
            Thread.detachNewThread { [self] in serve(connection) }
        }
        stop()
    }

    private func serve(_ connection: Int32) {
        defer { close(connection) }
        guard let head = readHead(connection) else { return }
        var lines = head.components(separatedBy: "\r\n")
        let requestLine = lines.removeFirst().split(separator: " ")
        guard requestLine.count >= 2 else { return }
        var headers: [String: String] = [:]
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        let request = RecordedRequest(method: String(requestLine[0]), target: String(requestLine[1]), headers: headers, arrival: Date())
        let response = lock.withLock { () -> ScriptedResponse in
            recorded.append(request)
            let key = script[request.target] != nil ? request.target : request.path
            guard var queue = script[key], !queue.isEmpty else { return .status(404, body: "no such path") }
            let next = queue.count > 1 ? queue.removeFirst() : queue[0]
            script[key] = queue
            return next
        }
        if response.delay > 0 { Thread.sleep(forTimeInterval: response.delay) }
        let etag = response.headers.first { $0.0.lowercased() == "etag" }?.1
        if let etag, headers["if-none-match"] == etag {
            send(connection, Data("HTTP/1.1 304 Not Modified\r\nETag: \(etag)\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".utf8))
            return
        }
        var text = "HTTP/1.1 \(response.status) \(response.status < 400 ? "OK" : "Error")\r\n"
        for (name, value) in response.headers { text += "\(name): \(value)\r\n" }
        text += "Content-Length: \(response.body.count)\r\nConnection: close\r\n\r\n"
        send(connection, Data(text.utf8) + response.body.prefix(response.truncateAfter ?? response.body.count))
    }

    /// The request line and headers, up to the blank line.
    private func readHead(_ connection: Int32) -> String? {
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 4096)
        while data.count < 65536 {
            let count = recv(connection, &buffer, buffer.count, 0)
            guard count > 0 else { return nil }
            data.append(contentsOf: buffer[0..<count])
            if let end = data.range(of: Data("\r\n\r\n".utf8)) {
                return String(decoding: data[..<end.lowerBound], as: UTF8.self)
            }
        }
        return nil
    }

    private func send(_ connection: Int32, _ data: Data) {
        data.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let sent = sendBytes(connection, raw.baseAddress! + offset, raw.count - offset, Int32(MSG_NOSIGNAL))
                guard sent > 0 else { return }
                offset += sent
            }
        }
    }
}

#if canImport(Glibc)
private let sendBytes = Glibc.send
#else
private let sendBytes = Darwin.send
#endif
