import Foundation

/// Part of a finished segment, ready to be written: keys in byte order, each with its encoded list.
struct SegmentPart: Sendable {
    /// On a segment's first part: the papers it replaces. A part with it starts a new segment.
    var replaced: [UInt32]?
    /// On a segment's first part: its number of papers, when known then.
    var papers: Int?
    var postings: PackedPostings
    /// The segment's last part.
    var isLast: Bool
}

/// Builds search segments on a second core while the import's thread writes the rows: done one after
/// the other, splitting words and writing rows took about equal time. The import's thread decides where
/// a segment ends (so a paper indexed twice in one import lands in two segments) and writes the parts of
/// finished segments as they come, while the builder encodes the rest. The builder is touched only on `queue`.
final class SegmentPipeline: @unchecked Sendable {
    /// A paper's text as handed over: split into words already, or for the builder to split.
    enum Text: Sendable {
        case fields(SearchFields)
        case split(SplitPaper)
    }
    typealias Entry = (num: UInt32, text: Text, replacing: Bool)

    private let papersPerSegment: Int
    private let queue = DispatchQueue(label: "folio.search-segments")
    private static let batchSize = 256
    /// Batches handed over and not yet built, at most: bounds the memory a fast writer can queue up.
    private static let maxQueued = 16
    private static let partSize = 4096

    /// Guards `parts` and `queued`; signalled when a part arrives or a batch is built (only the
    /// caller's thread ever waits on it).
    private let progress = NSCondition()
    private var parts: [SegmentPart] = []
    /// Batches handed over and not yet built.
    private var queued = 0
    /// Splitting words is a third of the builder's work. When this many batches wait for it, the
    /// import's thread splits the next batch itself, so neither thread waits for the other for long.
    private static let builderBehind = 4
    /// On `queue` only.
    private var builder = SearchSegmentBuilder()
    /// On the caller's thread only: the batch being filled, the papers of the segment being built, and
    /// how many segments were ended and how many of them were handed back whole.
    private var batch: [Entry] = []
    private var segmentNums = Set<UInt32>()
    private var splitHere = false
    private var segmentsEnded = 0
    private var segmentsTaken = 0

    init(papersPerSegment: Int) {
        self.papersPerSegment = papersPerSegment
    }

    func add(num: UInt32, fields: SearchFields, replacing: Bool) {
        if segmentNums.contains(num) || segmentNums.count >= papersPerSegment { endSegment() }
        segmentNums.insert(num)
        if batch.isEmpty { splitHere = batchesQueued() >= SegmentPipeline.builderBehind }
        batch.append((num, splitHere ? .split(SplitPaper(fields)) : .fields(fields), replacing))
        if batch.count >= SegmentPipeline.batchSize { handOver() }
    }

    /// Parts that arrived since the last call, in order; does not wait.
    func takeParts() -> [SegmentPart] {
        progress.lock()
        let out = parts
        parts.removeAll()
        progress.unlock()
        return counted(out)
    }

    /// Ends the last segment and hands every remaining part to `write` as it arrives.
    func finish(_ write: (SegmentPart) throws -> Void) rethrows {
        endSegment()
        while segmentsTaken < segmentsEnded {
            progress.lock()
            while parts.isEmpty { progress.wait() }
            let taken = parts
            parts.removeAll()
            progress.unlock()
            for part in counted(taken) { try write(part) }
        }
    }

    private func batchesQueued() -> Int {
        progress.lock()
        defer { progress.unlock() }
        return queued
    }

    private func counted(_ taken: [SegmentPart]) -> [SegmentPart] {
        segmentsTaken += taken.count { $0.isLast }
        return taken
    }

    private func handOver() {
        guard !batch.isEmpty else { return }
        let entries = batch
        batch.removeAll(keepingCapacity: true)
        progress.lock()
        while queued >= SegmentPipeline.maxQueued { progress.wait() }
        queued += 1
        progress.unlock()
        queue.async {
            for entry in entries {
                switch entry.text {
                case .fields(let fields): self.builder.add(num: entry.num, fields: fields, replacing: entry.replacing)
                case .split(let split): self.builder.add(num: entry.num, split: split, replacing: entry.replacing)
                }
            }
            self.progress.lock()
            self.queued -= 1
            self.progress.signal()
            self.progress.unlock()
        }
    }

    /// Ends the segment being built (if any): the builder starts encoding it.
    func endSegment() {
        handOver()
        guard !segmentNums.isEmpty else { return }
        segmentNums.removeAll(keepingCapacity: true)
        segmentsEnded += 1
        queue.async {
            do {
                let segment = self.builder
                self.builder = SearchSegmentBuilder()
                var replaced: [UInt32]? = segment.replaced.sorted()
                segment.finished(partSize: SegmentPipeline.partSize) { postings, isLast in
                    self.deliver(SegmentPart(replaced: replaced, papers: segment.docs.count, postings: postings, isLast: isLast))
                    replaced = nil
                }
            }
            // The segment's tables are freed: glibc keeps this thread's arena at its high-water mark unless asked.
            Memory.returnFreedMemory()
        }
    }

    private func deliver(_ part: SegmentPart) {
        progress.lock()
        parts.append(part)
        progress.signal()
        progress.unlock()
    }
}
