import Foundation

public struct FileImportResult: Sendable {
    public var file: String
    public var format: ImportFormat
    public var counts: ImportCounts
}

/// Imports files into a store: one file, one transaction, whole or not at all.
public struct LibraryImport {
    /// Whole-document formats larger than this are refused rather than read into memory.
    public static let maxDocumentBytes = 512 << 20
    /// Files at least this large import in bulk (`Store.importPapers(bulk:)`); tests set
    /// `FOLIO_TESTING_BULK_BYTES` to try it on small files.
    static let bulkBytes = ProcessInfo.processInfo.environment["FOLIO_TESTING_BULK_BYTES"].flatMap(Int.init) ?? 64 << 20

    public let store: Store
    public var context: ImportContext

    public init(store: Store, context: ImportContext = ImportContext()) {
        self.store = store
        self.context = context
    }

    static func reader(for format: ImportFormat) -> (any DocumentReader)? {
        switch format {
        case .hfPage: return HFPageReader()
        case .hfJSON: return HFJSONReader()
        case .arxivAtom: return ArxivAtomReader()
        case .arxivRSS: return ArxivRSSReader()
        case .bibtex: return BibTeXReader()
        case .arxivJSONL, .folioJSON: return nil
        }
    }

    /// Detects the format unless `format` is given. `-` is standard input. Errors name the file.
    public func importFile(
        _ path: String, format forced: ImportFormat? = nil, source: String? = nil,
        progress: (Int, Int64) -> Void = { _, _ in }
    ) throws -> FileImportResult {
        do {
            if UserPath.kind(path) == .directory { throw ImportError(.whole, "is a folder; name the files in it") }
            guard let handle = path == "-" ? FileHandle.standardInput : FileHandle(forReadingAtPath: path) else {
                throw ImportError(.whole, "cannot open the file")
            }
            defer { if path != "-" { try? handle.close() } }
            let bulk = path != "-" && UserPath.size(path).map { $0 >= LibraryImport.bulkBytes } == true
            // Read once, never sought back: standard input is a pipe. A gzip file is read through zlib.
            let fileBytes = ReadCount()
            let cache = bulk ? DroppedBehind(descriptor: handle.fileDescriptor) : nil
            var read: (Int) throws -> Data = { count in
                let chunk = try handle.read(upToCount: count) ?? Data()
                fileBytes.add(chunk.count)
                cache?.advance(by: chunk.count, atEnd: chunk.isEmpty)
                return chunk
            }
            var head = try read(FormatDetector.sniffBytes)
            if GzipStream.isGzip(head) {
                read = try GzipStream(LibraryImport.reading(head, then: read)).read
                head = try LibraryImport.readFully(FormatDetector.sniffBytes, read)
            }
            if let forced { try FormatDetector.check(head, isA: forced) }
            let format = try forced ?? FormatDetector.detect(head)
            let name = path == "-" ? "stdin" : (path as NSString).lastPathComponent
            let sourceName = source ?? "\(format.rawValue):\(name)"
            let counts: ImportCounts
            if format == .arxivJSONL {
                let lines = LineReader(read: LibraryImport.reading(head, then: read))
                counts = try store.importPapers(source: sourceName, bulk: bulk) { session in
                    // Progress in bytes of the file, not of what it holds: a gzip file's size is its compressed one.
                    try ArxivJSONLReader().readAhead(lines, progress: { progress($0, fileBytes.total) }) { try session.add($0) }
                }
            } else {
                let data = try LibraryImport.readDocument(LibraryImport.reading(head, then: read))
                counts = try importDocument(data, format: format, source: sourceName, bulk: bulk)
            }
            return FileImportResult(file: path, format: format, counts: counts)
        } catch let error as ImportError {
            throw error.naming(file: path)
        }
    }

    /// Imports content already in memory (a fetched body, a test's bytes).
    public func importDocument(_ data: Data, format: ImportFormat, source: String, bulk: Bool = false) throws -> ImportCounts {
        try LibraryImport.checkText(data)
        switch format {
        case .folioJSON:
            let contents = try FolioBackup.parse(data)
            return try store.importPapers(source: source, bulk: bulk) { try FolioBackup.apply(contents, to: $0) }
        case .bibtex:
            let contents = try BibTeXReader().contents(data)
            return try store.importPapers(source: source, bulk: bulk) { try FolioBackup.apply(contents, to: $0) }
        case .arxivJSONL:
            return try store.importPapers(source: source, bulk: bulk) { session in
                try ArxivJSONLReader().readAhead(LineReader(data: data)) { try session.add($0) }
            }
        default:
            // Parsed whole before the write transaction starts: a bad file never holds the lock.
            let papers = try self.papers(in: data, format: format)
            return try store.importPapers(source: source, bulk: bulk) { session in
                for paper in papers { try session.add(paper) }
            }
        }
    }

    /// The papers in a document, read whole without touching the store (a fetched body is
    /// parsed before its transaction). A backup holds more than papers and is refused here.
    public func papers(in data: Data, format: ImportFormat) throws -> [PaperInput] {
        try LibraryImport.checkText(data)
        var papers: [PaperInput] = []
        if format == .arxivJSONL {
            try ArxivJSONLReader().read(LineReader(data: data)) { papers.append($0) }
        } else if let reader = LibraryImport.reader(for: format) {
            try reader.read(data, context: context) { papers.append($0) }
        } else {
            throw ImportError(.whole, "a \(format.rawValue) backup is restored with `folio import`, not fetched")
        }
        return papers
    }

    /// `read`, giving `head` (bytes read already) first.
    static func reading(_ head: Data, then read: @escaping (Int) throws -> Data) -> (Int) throws -> Data {
        var pending = head
        return { count in
            guard pending.isEmpty else {
                defer { pending = Data() }
                return pending
            }
            return try read(count)
        }
    }

    /// Up to `limit` bytes, reading until the end: a pipe or zlib gives less than asked before the end.
    static func readFully(_ limit: Int, _ read: (Int) throws -> Data) throws -> Data {
        var data = Data()
        while data.count < limit {
            let chunk = try read(min(limit - data.count, 1 << 20))
            if chunk.isEmpty { break }
            data.append(chunk)
        }
        return data
    }

    static func readDocument(_ read: (Int) throws -> Data) throws -> Data {
        let data = try readFully(maxDocumentBytes + 1, read)
        if data.count > maxDocumentBytes {
            throw ImportError(.whole, "the file is larger than \(maxDocumentBytes >> 20) MB")
        }
        return data
    }

    /// Every format Folio reads is UTF-8 text.
    static func checkText(_ data: Data) throws {
        if data.isEmpty { throw ImportError(.whole, "the file is empty") }
        if let nul = data.firstIndex(of: 0) {
            throw ImportError(.line(lineNumber(in: data, at: nul)), "not a text file (NUL byte at byte \(nul - data.startIndex + 1))")
        }
        if String(data: data, encoding: .utf8) == nil {
            throw ImportError(.whole, "not valid UTF-8 text")
        }
    }

    static func lineNumber(in data: Data, at index: Data.Index) -> Int {
        data[data.startIndex..<index].reduce(1) { $1 == UInt8(ascii: "\n") ? $0 + 1 : $0 }
    }
}

/// Here rather than beside `read`: it hands the store normalized papers, and the fuzz build has no store.
extension ArxivJSONLReader {
    /// Papers parsed a batch at a time, with the lines read by the end of the batch.
    struct ParsedBatch: Sendable {
        var papers: [NormalizedPaper] = []
        var lines = 0
    }

    /// `read` with the lines parsed, and the papers normalized for the store, on a second thread while
    /// `emit` runs on this one; `progress` gets the lines read. `lines` is used only by that thread until this returns.
    func readAhead(_ lines: LineReader, progress: (Int) -> Void = { _ in }, emit: (NormalizedPaper) throws -> Void) throws {
        let handed = HandedOver(value: lines)
        try ReadAhead<ParsedBatch>.run(produce: { channel in
            var batch = ParsedBatch()
            try self.read(handed.value, progress: { batch.lines = $0 }) { paper in
                batch.papers.append(ImportSession.normalized(paper))
                if batch.papers.count == 512 {
                    try channel.put(batch)
                    batch.papers.removeAll(keepingCapacity: true)
                }
            }
            try channel.put(batch)
        }, consume: { batch in
            for paper in batch.papers { try emit(paper) }
            if batch.lines > 0 { progress(batch.lines) }
        })
    }
}

/// Bytes read from a file so far: counted on the thread that reads, shown by the progress bar on another.
final class ReadCount: @unchecked Sendable {
    private let lock = NSLock()
    private var count: Int64 = 0

    func add(_ bytes: Int) { lock.withLock { count += Int64(bytes) } }
    var total: Int64 { lock.withLock { count } }
}
