import Foundation
import Testing
@testable import FolioCore

/// A file read through `DroppedBehind` leaves the kernel's page cache as it is read; read without it, stays.
@Suite("a large file's pages dropped behind its reader")
struct DroppedBehindTests {
    /// How many of the file's pages the kernel holds in memory (`mincore` on a map of it).
    static func residentPages(_ path: String) throws -> Int {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw CocoaError(.fileReadNoPermission) }
        defer { close(fd) }
        let size = Int(lseek(fd, 0, SEEK_END))
        guard let map = mmap(nil, size, PROT_READ, MAP_SHARED, fd, 0), map != MAP_FAILED else { throw CocoaError(.fileReadUnknown) }
        defer { munmap(map, size) }
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        var resident = [UInt8](repeating: 0, count: (size + page - 1) / page)
        guard mincore(map, size, &resident) == 0 else { throw CocoaError(.fileReadUnknown) }
        return resident.filter { $0 & 1 != 0 }.count
    }

    /// Writes a file of `bytes` and syncs it: its pages are in the cache, clean, as a downloaded file's are.
    static func cachedFile(bytes: Int) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("folio-dropped-\(UUID().uuidString)").path
        let handle = try #require(FileManager.default.createFile(atPath: path, contents: nil) ? FileHandle(forWritingAtPath: path) : nil)
        let chunk = Data(repeating: UInt8(ascii: "x"), count: 1 << 20)
        for _ in 0..<(bytes >> 20) { try handle.write(contentsOf: chunk) }
        try handle.synchronize()
        try handle.close()
        return path
    }

    /// Reads the whole file a megabyte at a time, telling `cache` (if any) what was read.
    static func readThrough(_ path: String, dropping: Bool) throws {
        let handle = try #require(FileHandle(forReadingAtPath: path))
        defer { try? handle.close() }
        let cache = dropping ? DroppedBehind(descriptor: handle.fileDescriptor) : nil
        while true {
            let chunk = try handle.read(upToCount: 1 << 20) ?? Data()
            cache?.advance(by: chunk.count, atEnd: chunk.isEmpty)
            if chunk.isEmpty { break }
        }
    }

    @Test func readingThroughItLeavesNoneOfTheFileCachedWhileAPlainReadKeepsIt() throws {
        let bytes = 3 * Int(DroppedBehind.step) + (5 << 20)  // a last part shorter than a step
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        for dropping in [false, true] {
            let path = try Self.cachedFile(bytes: bytes)
            defer { try? FileManager.default.removeItem(atPath: path) }
            try Self.readThrough(path, dropping: dropping)
            let resident = try Self.residentPages(path)
            if dropping {
                // Advice, not a command: the kernel keeps pages still in a per-CPU batch, a few percent of them.
                #expect(resident < bytes / page / 4, "\(resident) pages still cached")
            } else {
                // Written and read just now: the kernel keeps most of it (tmpfs would keep all, and fail the other case).
                #expect(resident > bytes / page / 2, "only \(resident) pages cached without dropping")
            }
        }
    }
}
