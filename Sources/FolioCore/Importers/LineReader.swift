import Foundation

/// Reads a file line by line in fixed-size chunks: memory stays bounded by the longest line allowed,
/// whatever the file's size.
public final class LineReader {
    public static let maxLineBytes = 64 << 20
    private static let chunkSize = 1 << 20

    private let readChunk: (Int) throws -> Data
    private var buffer = Data()
    private var start = 0
    private var scanned = 0
    private var atEnd = false
    public private(set) var lineNumber = 0

    /// Lines of what `read(n)` gives, up to n bytes at a time and empty at the end.
    init(read: @escaping (Int) throws -> Data) {
        readChunk = read
    }

    /// Lines of bytes already in memory.
    public convenience init(data: Data) {
        var offset = data.startIndex
        self.init { count in
            let end = min(offset + count, data.endIndex)
            defer { offset = end }
            return data[offset..<end]
        }
    }

    /// The next line without its newline, or nil at the end of the file.
    public func next() throws -> Data? {
        while true {
            if let newline = newlineIndex(from: start + scanned) {
                let line = buffer[start..<newline]
                start = newline + 1
                scanned = 0
                lineNumber += 1
                return line.last == UInt8(ascii: "\r") ? line.dropLast() : line
            }
            // Bytes already searched are not searched again: a long line costs one pass, not one per chunk.
            scanned = buffer.count - start
            if scanned > LineReader.maxLineBytes {
                throw ImportError(.line(lineNumber + 1), "line is longer than \(LineReader.maxLineBytes >> 20) MB")
            }
            if atEnd {
                guard start < buffer.count else { return nil }
                let line = buffer[start...]
                start = buffer.count
                lineNumber += 1
                return line
            }
            let chunk = try readChunk(LineReader.chunkSize)
            if chunk.isEmpty { atEnd = true; continue }
            // Lines already returned are dropped once per line, so a long line is not copied per chunk.
            if start > 0 {
                buffer.removeSubrange(0..<start)
                start = 0
            }
            buffer.append(chunk)
        }
    }

    private func newlineIndex(from offset: Int) -> Int? {
        guard offset < buffer.count else { return nil }
        return buffer.withUnsafeBytes { bytes -> Int? in
            guard let base = bytes.baseAddress, let found = memchr(base + offset, 0x0A, bytes.count - offset) else { return nil }
            return base.distance(to: UnsafeRawPointer(found))
        }
    }
}
