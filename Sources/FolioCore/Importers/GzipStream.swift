import CZlib
import Foundation

/// A gzip file read as the bytes it holds, a chunk at a time: the arXiv dump is often kept gzipped
/// (1.4 GB for 4.5 GB of lines), and is imported without being unpacked first.
final class GzipStream {
    /// The two bytes every gzip file begins with.
    static func isGzip(_ head: Data) -> Bool { head.starts(with: [0x1F, 0x8B]) }

    private var stream = z_stream()
    private let readCompressed: (Int) throws -> Data
    private var input = Data()
    private var ended = false

    /// `readCompressed(n)` gives up to n bytes of the file, empty at its end.
    init(_ readCompressed: @escaping (Int) throws -> Data) throws {
        self.readCompressed = readCompressed
        guard folio_inflate_init(&stream) == Z_OK else { throw ImportError(.whole, "cannot read gzip (zlib did not start)") }
    }

    deinit { inflateEnd(&stream) }

    /// Up to `count` bytes of what the file holds; empty at its end. Concatenated gzip members are read on.
    func read(_ count: Int) throws -> Data {
        var out = Data(count: count)
        var produced = 0
        while produced == 0 && !ended {
            if input.isEmpty {
                input = try readCompressed(1 << 20)
                if input.isEmpty { throw ImportError(.whole, "the gzip file ends before its data does (truncated?)") }
            }
            let (code, used, made) = input.withUnsafeMutableBytes { inBytes in
                out.withUnsafeMutableBytes { outBytes -> (Int32, Int, Int) in
                    stream.next_in = inBytes.baseAddress!.assumingMemoryBound(to: Bytef.self)
                    stream.avail_in = uInt(inBytes.count)
                    stream.next_out = outBytes.baseAddress!.assumingMemoryBound(to: Bytef.self)
                    stream.avail_out = uInt(outBytes.count)
                    let code = inflate(&stream, Z_NO_FLUSH)
                    return (code, inBytes.count - Int(stream.avail_in), outBytes.count - Int(stream.avail_out))
                }
            }
            input.removeFirst(used)
            produced = made
            if code == Z_STREAM_END {
                // Another member may follow (as `cat a.gz b.gz` makes); else the file is done.
                if input.isEmpty { input = try readCompressed(1 << 20) }
                if input.isEmpty { ended = true } else { inflateReset(&stream) }
            } else if code != Z_OK && !(code == Z_BUF_ERROR && (used > 0 || made > 0)) {
                let reason = stream.msg.map { String(cString: $0) } ?? "code \(code)"
                throw ImportError(.whole, "not a readable gzip file (zlib: \(reason))")
            }
        }
        return out.prefix(produced)
    }
}
