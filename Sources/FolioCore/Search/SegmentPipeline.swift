import Foundation

/// A segment ready to be written: its keys in byte order, each with its encoded list.
struct FinishedSegment: Sendable {
    var replaced: [UInt32]
    var postings: [(key: String, docs: [UInt8])]
}

/// Builds search segments on a second core while the import's thread writes the rows: done one after
/// the other, splitting words and writing rows took about equal time. The import's thread decides where
/// a segment ends (so a paper indexed twice in one import lands in two segments) and picks up finished
/// segments to write at its next call; the builder itself is touched only on `queue`.
final class SegmentPipeline: @unchecked Sendable {
    typealias Entry = (num: UInt32, fields: SearchFields, replacing: Bool)

    private let papersPerSegment: Int
    private let queue = DispatchQueue(label: "folio.search-segments")
    /// Batches handed over and not yet built: bounds the memory a fast writer can queue up.
    private let batchesInFlight = DispatchSemaphore(value: 16)
    private static let batchSize = 256

    private let lock = NSLock()
    /// Under `lock`.
    private var finished: [FinishedSegment] = []
    /// On `queue` only.
    private var builder = SearchSegmentBuilder()
    /// On the caller's thread only: the batch being filled and the papers of the segment being built.
    private var batch: [Entry] = []
    private var segmentNums = Set<UInt32>()

    init(papersPerSegment: Int) {
        self.papersPerSegment = papersPerSegment
    }

    func add(num: UInt32, fields: SearchFields, replacing: Bool) {
        if segmentNums.contains(num) || segmentNums.count >= papersPerSegment { endSegment() }
        segmentNums.insert(num)
        batch.append((num, fields, replacing))
        if batch.count >= SegmentPipeline.batchSize { handOver() }
    }

    /// Segments finished since the last call, in the order they were ended.
    func takeFinished() -> [FinishedSegment] {
        lock.lock()
        defer { lock.unlock() }
        let out = finished
        finished.removeAll()
        return out
    }

    /// Ends the last segment, waits for the builder, and returns every segment not yet taken.
    func finish() -> [FinishedSegment] {
        endSegment()
        queue.sync {}
        return takeFinished()
    }

    private func handOver() {
        guard !batch.isEmpty else { return }
        let entries = batch
        batch.removeAll(keepingCapacity: true)
        batchesInFlight.wait()
        queue.async {
            for entry in entries { self.builder.add(num: entry.num, fields: entry.fields, replacing: entry.replacing) }
            self.batchesInFlight.signal()
        }
    }

    private func endSegment() {
        handOver()
        guard !segmentNums.isEmpty else { return }
        segmentNums.removeAll(keepingCapacity: true)
        queue.async {
            let segment = self.builder
            self.builder = SearchSegmentBuilder()
            let done = FinishedSegment(replaced: segment.replaced.sorted(), postings: segment.finished().sorted { $0.key < $1.key })
            self.lock.lock()
            self.finished.append(done)
            self.lock.unlock()
        }
    }
}
