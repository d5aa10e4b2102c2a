import Foundation
import GRDB

/// What `folio sync --status` says: this device, and per other device how far its files were read.
public struct SyncStatus: Sendable, Equatable {
    public struct Device: Sendable, Equatable {
        public var id: String
        public var applied: Int
        public var lastSync: String?
    }

    public var device: String?
    public var sent: Int
    public var waiting: Int
    public var lastSync: String?
    public var devices: [Device]
}

/// What one sync did.
public struct SyncReport: Sendable, Equatable {
    public var sent = 0
    public var applied = 0
    public var devices = 0
}

/// The shared folder: `folio-sync.json` says its format; each device writes only into a folder named by
/// its id, files `NNNNNNNNNNNN.jsonl` of ops named by the first op's number in its outbox, never changed
/// after another device may read them except by appending (a file written again after a crash holds
/// what it held and more). A line without its newline is being written or was cut: it is read next time.
enum SyncFolder {
    static let format = 1
    static let formatFile = "folio-sync.json"

    /// The folder, made (owner-only) with its format file when new; refused when another format.
    static func open(_ folder: String) throws {
        let fm = FileManager.default
        if !fm.fileExists(atPath: folder) {
            try fm.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        }
        let file = (folder as NSString).appendingPathComponent(formatFile)
        guard let data = fm.contents(atPath: file) else {
            try write(Data("{\"format\": \(format)}\n".utf8), to: file)
            return
        }
        let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        guard let found = object?["format"] as? Int else {
            throw LibraryError("\(file): not a Folio sync folder's format file (no \"format\" number)")
        }
        guard found == format else {
            throw LibraryError("\(folder) holds sync format \(found); this Folio knows format \(format). Upgrade Folio on this machine; nothing was changed.")
        }
    }

    /// Writes `data` to `path` through a temporary file renamed over it, owner-only, on disk first.
    static func write(_ data: Data, to path: String) throws {
        let temporary = (path as NSString).deletingLastPathComponent + "/.\((path as NSString).lastPathComponent).\(getpid()).tmp"
        guard FileManager.default.createFile(atPath: temporary, contents: nil, attributes: [.posixPermissions: 0o600]),
              let handle = FileHandle(forWritingAtPath: temporary) else {
            throw LibraryError("cannot write \(temporary)")
        }
        do {
            try handle.write(contentsOf: data)
            try handle.synchronize()
            try handle.close()
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            throw LibraryError("cannot write \(path): \(error.localizedDescription)")
        }
        guard rename(temporary, path) == 0 else { throw LibraryError("cannot write \(path): \(String(cString: strerror(errno)))") }
    }

    /// Other devices' chunk files, oldest first per device: (device, chunk name, path).
    static func chunks(_ folder: String, except device: String) -> [(device: String, chunk: String, path: String)] {
        let fm = FileManager.default
        var found: [(String, String, String)] = []
        for other in ((try? fm.contentsOfDirectory(atPath: folder)) ?? []).sorted() where other != device && !other.hasPrefix(".") {
            let dir = (folder as NSString).appendingPathComponent(other)
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: dir, isDirectory: &isDir), isDir.boolValue else { continue }
            for name in ((try? fm.contentsOfDirectory(atPath: dir)) ?? []).sorted() where isChunkName(name) {
                found.append((other, name, (dir as NSString).appendingPathComponent(name)))
            }
        }
        return found
    }

    static func isChunkName(_ name: String) -> Bool {
        name.count == 18 && name.hasSuffix(".jsonl") && name.prefix(12).allSatisfy(\.isASCII) && name.prefix(12).allSatisfy(\.isNumber)
    }

    static func chunkName(firstOp: Int64) -> String {
        let digits = String(firstOp)
        return String(repeating: "0", count: max(12 - digits.count, 0)) + digits + ".jsonl"
    }

    /// Calls `body` with each complete line of `data` (ended by a newline; a last line without one is left
    /// for next time) and returns how many lines and bytes that was, empty lines included.
    static func forEachCompleteLine(_ data: Data, _ body: (UnsafeRawBufferPointer) throws -> Void) rethrows -> (lines: Int, bytes: Int) {
        try data.withUnsafeBytes { bytes -> (lines: Int, bytes: Int) in
            guard let base = bytes.baseAddress else { return (0, 0) }
            var start = 0, lines = 0
            while start < bytes.count, let newline = memchr(base + start, 0x0A, bytes.count - start) {
                let end = base.distance(to: UnsafeRawPointer(newline))
                try body(UnsafeRawBufferPointer(rebasing: bytes[start..<end]))
                lines += 1
                start = end + 1
            }
            return (lines, start)
        }
    }

    /// The size of the file at `path` (0 when it cannot be read): one `stat`, as a sync reads it for every
    /// file of every device.
    static func size(_ path: String) -> Int {
        var info = stat()
        return stat(path, &info) == 0 ? Int(info.st_size) : 0
    }
}
