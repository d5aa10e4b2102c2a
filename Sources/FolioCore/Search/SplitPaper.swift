/// A paper's searchable text split into words, ready for a segment's term table. Made on the import's
/// thread, so the builder's thread (the slower of the two) only looks the words up: ASCII text is
/// lowercased and hashed in one pass over its bytes, the words back to back in `bytes`; other text is
/// kept whole and split on the builder's thread by `TextNormalizer.searchWords`.
struct SplitPaper: Sendable {
    /// Lowercased words of ASCII text, back to back.
    private(set) var bytes: [UInt8] = []
    /// Per word: where it ends in `bytes` (it starts where the one before ends), its hash and field.
    private(set) var words: [(end: UInt32, hash: UInt32, field: UInt8)] = []
    /// Text with non-ASCII characters, and its field.
    private(set) var other: [(text: String, field: UInt8)] = []
    private(set) var categories: [String]

    init(_ fields: SearchFields) {
        categories = fields.categories
        bytes.reserveCapacity(fields.title.utf8.count + fields.abstract.utf8.count + 64)
        add(fields.title, field: 0)
        add(fields.abstract, field: 1)
        for author in fields.authors { add(author, field: 2) }
    }

    /// Per byte: `TextNormalizer.asciiWordByte`, 0 for a byte between words, `leavesASCII` for one that
    /// `TextNormalizer.leavesASCIIPath`: one load per byte in the loop below instead of a dozen comparisons.
    static let byteClasses: [UInt8] = (0...255).map { value in
        let byte = UInt8(value)
        return TextNormalizer.leavesASCIIPath(byte) ? leavesASCII : TextNormalizer.asciiWordByte(byte) ?? 0
    }
    static let leavesASCII: UInt8 = 0xFF

    /// Writes through a pointer into room made beforehand: appending byte by byte was most of the split.
    private mutating func add(_ text: String, field: UInt8) {
        var text = text
        let isASCII = text.withUTF8 { text -> Bool in
            let base = bytes.count, wordsBefore = words.count
            bytes.append(contentsOf: repeatElement(0, count: text.count))
            var written = base
            let ascii = bytes.withUnsafeMutableBufferPointer { out -> Bool in
                SplitPaper.byteClasses.withUnsafeBufferPointer { classes -> Bool in
                    var start = written
                    var hash = SearchTermTable.hashStart(field: field)
                    for byte in text {
                        let folded = classes[Int(byte)]
                        if folded == SplitPaper.leavesASCII { return false }
                        if folded != 0 {
                            out[written] = folded
                            written += 1
                            hash = SearchTermTable.hash(hash, folded)
                        } else if written > start {
                            words.append((UInt32(written), hash, field))
                            start = written
                            hash = SearchTermTable.hashStart(field: field)
                        }
                    }
                    if written > start { words.append((UInt32(written), hash, field)) }
                    return true
                }
            }
            if !ascii {
                written = base
                words.removeLast(words.count - wordsBefore)
            }
            bytes.removeLast(bytes.count - written)
            return ascii
        }
        if !isASCII { other.append((text, field)) }
    }
}
