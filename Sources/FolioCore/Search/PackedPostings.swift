/// Keys and their encoded lists back to back in one buffer: a segment has a hundred thousand keys, and
/// a String and an array for each was most of encoding it and of writing it.
struct PackedPostings: Sendable {
    private(set) var bytes: [UInt8] = []
    /// Per posting: where its key ends and where its list ends in `bytes`. Its key starts where the
    /// list before it ends.
    private(set) var ends: [(key: UInt32, docs: UInt32)] = []

    var count: Int { ends.count }
    var isEmpty: Bool { ends.isEmpty }

    mutating func reserve(postings: Int, bytes byteCount: Int) {
        ends.reserveCapacity(postings)
        bytes.reserveCapacity(byteCount)
    }

    mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
    }

    /// Appends a posting: `key` is the field name, `separator` (`:`, `1:`, `2:`) and the word's bytes;
    /// `encodeList` appends the list's encoding to the buffer it is given.
    mutating func append(field: String, separator: String, word: some Collection<UInt8>, encodeList: (inout [UInt8]) -> Void) {
        bytes.append(contentsOf: field.utf8)
        bytes.append(contentsOf: separator.utf8)
        bytes.append(contentsOf: word)
        let keyEnd = UInt32(bytes.count)
        encodeList(&bytes)
        ends.append((keyEnd, UInt32(bytes.count)))
    }

    /// Appends a posting whose key is already bytes (a merge copies keys from the segments it reads).
    mutating func append(key: UnsafeRawBufferPointer, encodeList: (inout [UInt8]) -> Void) {
        bytes.append(contentsOf: key)
        let keyEnd = UInt32(bytes.count)
        encodeList(&bytes)
        ends.append((keyEnd, UInt32(bytes.count)))
    }

    /// Each posting's key (UTF-8) and list, valid only inside `body`.
    func forEach(_ body: (_ key: UnsafeRawBufferPointer, _ docs: UnsafeRawBufferPointer) throws -> Void) rethrows {
        try bytes.withUnsafeBytes { raw in
            var start = 0
            for end in ends {
                let keyEnd = Int(end.key), docsEnd = Int(end.docs)
                try body(UnsafeRawBufferPointer(rebasing: raw[start..<keyEnd]), UnsafeRawBufferPointer(rebasing: raw[keyEnd..<docsEnd]))
                start = docsEnd
            }
        }
    }

    /// As key and list pairs (tests, and callers that want them whole).
    var pairs: [(key: String, docs: [UInt8])] {
        var out: [(key: String, docs: [UInt8])] = []
        out.reserveCapacity(count)
        forEach { key, docs in out.append((String(decoding: key, as: UTF8.self), Array(docs))) }
        return out
    }
}
