import GRDB

/// The searchable text of one paper, as the index reads it.
struct SearchFields: Equatable, Sendable {
    var title: String
    var abstract: String
    var authors: [String]
    var categories: [String]

    init(title: String, abstract: String, authors: [String], categories: [String]) {
        self.title = title
        self.abstract = abstract
        self.authors = authors
        self.categories = categories
    }

    init(_ paper: PaperInput) {
        self.init(title: paper.title, abstract: paper.abstract, authors: paper.authors, categories: paper.categories)
    }

    /// From a `paper` row's `title`, `abstract`, `authors` and `categories` columns.
    init(row: Row) {
        self.init(title: row["title"], abstract: row["abstract"], authors: StringList.decode(row["authors"]),
                  categories: StringList.decode(row["categories"]))
    }
}

/// The fields a key names. Word keys are `t:word`; the words' first one and two characters are also keys
/// (`t1:r`, `t2:re`), so the first keystrokes of a prefix read one list instead of thousands.
enum SearchKey {
    static let title = "t", abstract = "a", author = "u", category = "c"
    static let textFields = [title, abstract, author]
    /// In the order of `SearchTermTable` field numbers.
    static let fields = [title, abstract, author, category]

    static func word(_ field: String, _ word: String) -> String { field + wordSeparator + word }
    static func prefix(_ field: String, _ prefix: String, length: Int) -> String { field + prefixSeparator(length: length) + prefix }
    /// What comes between the field name and the word (or prefix) in a key.
    static let wordSeparator = ":"
    static func prefixSeparator(length: Int) -> String { "\(length):" }
    /// Categories are matched whole and case-insensitively (`cs.LG`), so the key is the lowercased name.
    static func category(_ name: String) -> String { category + ":" + name.lowercased() }

    static func field(_ field: TextField) -> String {
        switch field {
        case .title: title
        case .abstract: abstract
        case .author: author
        }
    }
}

/// One segment being built in memory during an import: each distinct (field, word) once, and for each
/// paper the terms it has. Papers come split into words (`SplitPaper`), the same words
/// `TextNormalizer.searchWords` gives, with no String per word.
struct SearchSegmentBuilder {
    private var table = SearchTermTable()
    /// One entry per (term, paper), the term in the high half: one append per word, grouped by term when finished.
    private var entries: [UInt64] = []
    /// Per term: the last paper that had it, so a word repeated in one paper counts once.
    private var lastNum: [UInt32] = []
    private(set) var docs: Set<UInt32> = []
    /// Papers indexed by an earlier segment whose text this one replaces.
    private(set) var replaced: [UInt32] = []

    var isEmpty: Bool { docs.isEmpty }
    /// How many words ahead the term table's slots are prefetched: enough for the load to arrive.
    private static let lookAhead = 8

    /// `replacing`: the paper was indexed before (its text changed).
    mutating func add(num: UInt32, fields: SearchFields, replacing: Bool) {
        add(num: num, split: SplitPaper(fields), replacing: replacing)
    }

    mutating func add(num: UInt32, split: SplitPaper, replacing: Bool) {
        docs.insert(num)
        if replacing { replaced.append(num) }
        split.bytes.withUnsafeBufferPointer { bytes in
            var start = 0
            let words = split.words
            for i in words.indices {
                let word = words[i]
                if i + SearchSegmentBuilder.lookAhead < words.count { table.prefetch(hash: words[i + SearchSegmentBuilder.lookAhead].hash) }
                let end = Int(word.end)
                add(term: table.term(UnsafeBufferPointer(rebasing: bytes[start..<end]), field: word.field, hash: word.hash), num: num)
                start = end
            }
        }
        for (text, field) in split.other {
            for word in TextNormalizer.searchWords(text) {
                var word = word
                word.withUTF8 { add(term: table.term($0, field: field), num: num) }
            }
        }
        for category in split.categories {
            var name = category.lowercased()
            name.withUTF8 { add(term: table.term($0, field: 3), num: num) }
        }
    }

    private mutating func add(term: UInt32, num: UInt32) {
        if Int(term) == lastNum.count { lastNum.append(.max) }
        guard lastNum[Int(term)] != num else { return }
        lastNum[Int(term)] = num
        entries.append(UInt64(term) << 32 | UInt64(num))
    }

    /// Every key with its encoded list, in the byte order of the keys (so they are appended to the
    /// table's B-tree): per field name, its 1-character prefix keys (`a1:r`), its 2-character ones
    /// (`a2:re`), then its words (`a:retrieval`). Words sorted by their bytes keep the words sharing a
    /// prefix together, and their prefixes in order too, so nothing else is sorted.
    /// Handed over in parts of `partSize` keys, so they can be written while the rest is encoded; the
    /// last part (`isLast`, possibly empty) is always handed over.
    func finished(partSize: Int, _ emit: (_ postings: PackedPostings, _ isLast: Bool) -> Void) {
        var out = PackedPostings()
        defer { emit(out, true) }
        guard let low = docs.min(), let high = docs.max() else { return }
        let lists = groupedByTerm()
        let postings = min(partSize, table.count + table.count / 8)
        out.reserve(postings: postings, bytes: postings * 24)
        func append(_ field: String, _ separator: String, _ word: ArraySlice<UInt8>, _ encodeList: (inout [UInt8]) -> Void) {
            if out.count >= partSize {
                emit(out, false)
                out.removeAll()
            }
            out.append(field: field, separator: separator, word: word, encodeList: encodeList)
        }
        let byName = SearchKey.fields.indices.sorted { SearchKey.fields[$0] < SearchKey.fields[$1] }
        for field in byName {
            let name = SearchKey.fields[field]
            let terms = table.sortedTerms(field: UInt8(field))
            if field < 3 {
                for length in 1...2 {
                    let separator = SearchKey.prefixSeparator(length: length)
                    var run: [ArraySlice<UInt32>] = []
                    var runPrefix: ArraySlice<UInt8> = []
                    func endRun() {
                        guard !run.isEmpty else { return }
                        append(name, separator, runPrefix) { union(run, low: low, high: high, into: &$0) }
                        run.removeAll(keepingCapacity: true)
                    }
                    for term in terms {
                        let word = table.wordBytes(term)
                        guard let end = SearchSegmentBuilder.prefixEnd(word, scalars: length) else { continue }
                        let prefix = word[..<end]
                        if !prefix.elementsEqual(runPrefix) {
                            endRun()
                            runPrefix = prefix
                        }
                        run.append(lists[Int(term)])
                    }
                    endRun()
                }
            }
            for term in terms {
                append(name, SearchKey.wordSeparator, table.wordBytes(term)) { PostingList.encode(lists[Int(term)], into: &$0) }
            }
        }
    }

    /// Every key with its encoded list, in one piece.
    func finished() -> [(key: String, docs: [UInt8])] {
        var all: [(key: String, docs: [UInt8])] = []
        finished(partSize: .max) { postings, _ in all += postings.pairs }
        return all
    }

    /// Where the first `scalars` characters of a word's UTF-8 bytes end, or nil when it is shorter.
    static func prefixEnd(_ word: ArraySlice<UInt8>, scalars: Int) -> Int? {
        var seen = 0
        var end = word.startIndex
        while end != word.endIndex {
            if word[end] & 0xC0 != 0x80 {  // not a continuation byte: a scalar starts here
                if seen == scalars { break }
                seen += 1
            }
            end += 1
        }
        return seen == scalars ? end : nil
    }

    /// Each term's nums, ascending: a counting sort of the entries by term.
    private func groupedByTerm() -> [ArraySlice<UInt32>] {
        var starts = [Int](repeating: 0, count: table.count + 1)
        for entry in entries { starts[Int(entry >> 32) + 1] += 1 }
        for i in 0..<table.count { starts[i + 1] += starts[i] }
        var next = starts
        var nums = [UInt32](repeating: 0, count: entries.count)
        // Through pointers: the checked subscripts were most of this loop's time, and every index is in range by construction.
        nums.withUnsafeMutableBufferPointer { nums in
            next.withUnsafeMutableBufferPointer { next in
                entries.withUnsafeBufferPointer { entries in
                    for entry in entries {
                        let term = Int(entry >> 32)
                        nums[next[term]] = UInt32(truncatingIfNeeded: entry)
                        next[term] += 1
                    }
                }
            }
        }
        return (0..<table.count).map { term in
            let list = nums[starts[term]..<starts[term + 1]]
            // Papers arrive in num order unless an import changed older ones.
            return SearchSegmentBuilder.isAscending(list) ? list : ArraySlice(list.sorted())
        }
    }

    private static func isAscending(_ list: ArraySlice<UInt32>) -> Bool {
        list.withUnsafeBufferPointer { list in
            var i = 1
            while i < list.count {
                if list[i - 1] >= list[i] { return false }
                i += 1
            }
            return true
        }
    }

    /// Appends the union of lists within [low, high], encoded: marked in a bitmap, stored as one if dense.
    private func union(_ lists: [ArraySlice<UInt32>], low: UInt32, high: UInt32, into out: inout [UInt8]) {
        if lists.count == 1 { return PostingList.encode(lists[0], into: &out) }
        let firstWord = Int(low >> 6)
        var words = [UInt64](repeating: 0, count: Int(high >> 6) - firstWord + 1)
        for list in lists {
            for num in list { words[Int(num >> 6) - firstWord] |= 1 << UInt64(num & 63) }
        }
        let count = words.reduce(0) { $0 + $1.nonzeroBitCount }
        if 5 + words.count * 8 < 1 + count * 4 {
            return PostingList.encodeBitmap(firstWord: UInt32(firstWord), words: words[...], into: &out)
        }
        var nums: [UInt32] = []
        nums.reserveCapacity(count)
        for (i, word) in words.enumerated() {
            var bits = word
            while bits != 0 {
                nums.append(UInt32((firstWord + i) * 64 + bits.trailingZeroBitCount))
                bits &= bits - 1
            }
        }
        PostingList.encode(nums, into: &out)
    }
}
