import Foundation

/// A large file read once from start to end, its pages dropped from the kernel's page cache behind the
/// reader. Without this, importing a dump of gigabytes filled the cache with a file never read again and
/// pushed the library's own pages out: the reader opened afterwards waited on the disk (DECISIONS.md,
/// "Large imports leave the cache to the library").
final class DroppedBehind {
    /// Pages are dropped this many bytes at a time (one call per step, not per read).
    static let step: Int64 = 16 << 20

    private let descriptor: Int32
    private var read: Int64 = 0
    private var dropped: Int64 = 0

    init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    /// Notes `bytes` more read; drops what lies behind once a step of it has gathered, or everything at the end.
    func advance(by bytes: Int, atEnd: Bool = false) {
        read += Int64(bytes)
        guard read - dropped >= DroppedBehind.step || (atEnd && read > dropped) else { return }
        #if os(Linux)
        // Advice only: a kernel that ignores it leaves the pages cached, as before.
        _ = posix_fadvise(descriptor, off_t(dropped), off_t(read - dropped), POSIX_FADV_DONTNEED)
        #endif
        dropped = read
    }
}
