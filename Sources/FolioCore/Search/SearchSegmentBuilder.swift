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
}

/// The fields a key names. Word keys are `t:word`; the words' first one and two characters are also keys
/// (`t1:r`, `t2:re`), so the first keystrokes of a prefix read one list instead of thousands.
enum SearchKey {
    static let title = "t", abstract = "a", author = "u", category = "c"
    static let textFields = [title, abstract, author]
    /// In the order of `SearchTermTable` field numbers.
    static let fields = [title, abstract, author, category]

    static func word(_ field: String, _ word: String) -> String { field + ":" + word }
    static func prefix(_ field: String, _ prefix: String, length: Int) -> String { field + "\(length):" + prefix }
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
/// paper the terms it has. Import speed is bounded by this loop, so ASCII text is split on bytes
/// straight into the term table (the same words `TextNormalizer.searchWords` gives), with no String per word.
struct SearchSegmentBuilder {
    private var table = SearchTermTable()
    /// One entry per (term, paper): parallel arrays, grouped by term when finished.
    private var entryTerms: [UInt32] = []
    private var entryNums: [UInt32] = []
    /// Per term: the last paper that had it, so a word repeated in one paper counts once.
    private var lastNum: [UInt32] = []
    private var scratch: [UInt8] = []
    private(set) var docs: Set<UInt32> = []
    /// Papers indexed by an earlier segment whose text this one replaces.
    private(set) var replaced: [UInt32] = []

    var isEmpty: Bool { docs.isEmpty }

    /// `replacing`: the paper was indexed before (its text changed).
    mutating func add(num: UInt32, fields: SearchFields, replacing: Bool) {
        docs.insert(num)
        if replacing { replaced.append(num) }
        addText(fields.title, field: 0, num: num)
        addText(fields.abstract, field: 1, num: num)
        for author in fields.authors { addText(author, field: 2, num: num) }
        for category in fields.categories {
            var name = category.lowercased()
            name.withUTF8 { add(term: table.term($0, field: 3), num: num) }
        }
    }

    private mutating func add(term: UInt32, num: UInt32) {
        if Int(term) == lastNum.count { lastNum.append(.max) }
        guard lastNum[Int(term)] != num else { return }
        lastNum[Int(term)] = num
        entryTerms.append(term)
        entryNums.append(num)
    }

    private mutating func addText(_ text: String, field: UInt8, num: UInt32) {
        var text = text
        let isASCII = text.withUTF8 { bytes in
            guard !bytes.contains(where: { $0 >= 0x80 }) else { return false }
            addASCII(bytes, field: field, num: num)
            return true
        }
        guard !isASCII else { return }
        for word in TextNormalizer.searchWords(text) {
            var word = word
            word.withUTF8 { add(term: table.term($0, field: field), num: num) }
        }
    }

    /// Words of ASCII text, lowercased and hashed in one pass over the bytes.
    private mutating func addASCII(_ bytes: UnsafeBufferPointer<UInt8>, field: UInt8, num: UInt32) {
        if scratch.count < bytes.count { scratch = [UInt8](repeating: 0, count: max(bytes.count, 2 * scratch.count)) }
        var words: [(start: Int, end: Int, hash: UInt32)] = []
        scratch.withUnsafeMutableBufferPointer { lower in
            var length = 0, start = 0
            var hash = SearchTermTable.hashStart(field: field)
            for byte in bytes {
                var folded = byte
                if folded &- UInt8(ascii: "A") < 26 { folded |= 0x20 }
                if folded &- UInt8(ascii: "a") < 26 || folded &- UInt8(ascii: "0") < 10 {
                    lower[length] = folded
                    length += 1
                    hash = SearchTermTable.hash(hash, folded)
                } else if length > start {
                    words.append((start, length, hash))
                    start = length
                    hash = SearchTermTable.hashStart(field: field)
                }
            }
            if length > start { words.append((start, length, hash)) }
        }
        scratch.withUnsafeBufferPointer { lower in
            for word in words {
                let term = table.term(UnsafeBufferPointer(rebasing: lower[word.start..<word.end]), field: field, hash: word.hash)
                add(term: term, num: num)
            }
        }
    }

    /// Every key with its encoded list: words, then the 1- and 2-character prefixes of the text fields.
    func finished() -> [(key: String, docs: [UInt8])] {
        let lists = groupedByTerm()
        let words = (0..<table.count).map { table.word(UInt32($0)) }
        var out: [(key: String, docs: [UInt8])] = []
        out.reserveCapacity(lists.count * 2)
        for term in 0..<table.count {
            out.append((SearchKey.word(SearchKey.fields[Int(table.field(UInt32(term)))], words[term]), PostingList.encode(lists[term])))
        }
        guard let low = docs.min(), let high = docs.max() else { return out }
        for field in 0..<3 {
            for length in 1...2 {
                var groups: [String: [Int]] = [:]
                for term in 0..<table.count where table.field(UInt32(term)) == field {
                    let scalars = words[term].unicodeScalars
                    guard scalars.count >= length else { continue }
                    groups[String(String.UnicodeScalarView(scalars.prefix(length))), default: []].append(term)
                }
                for (prefix, members) in groups {
                    let docs = union(members.map { lists[$0] }, low: low, high: high)
                    out.append((SearchKey.prefix(SearchKey.fields[field], prefix, length: length), docs))
                }
            }
        }
        return out
    }

    /// Each term's nums, ascending: a counting sort of the entries by term.
    private func groupedByTerm() -> [ArraySlice<UInt32>] {
        var starts = [Int](repeating: 0, count: table.count + 1)
        for term in entryTerms { starts[Int(term) + 1] += 1 }
        for i in 0..<table.count { starts[i + 1] += starts[i] }
        var next = starts
        var nums = [UInt32](repeating: 0, count: entryNums.count)
        for (term, num) in zip(entryTerms, entryNums) {
            nums[next[Int(term)]] = num
            next[Int(term)] += 1
        }
        return (0..<table.count).map { term in
            let list = nums[starts[term]..<starts[term + 1]]
            // Papers arrive in num order unless an import changed older ones.
            return zip(list, list.dropFirst()).allSatisfy({ $0 < $1 }) ? list : ArraySlice(list.sorted())
        }
    }

    /// The union of lists within [low, high], already encoded: marked in a bitmap, stored as one if dense.
    private func union(_ lists: [ArraySlice<UInt32>], low: UInt32, high: UInt32) -> [UInt8] {
        if lists.count == 1 { return PostingList.encode(lists[0]) }
        let firstWord = Int(low >> 6)
        var words = [UInt64](repeating: 0, count: Int(high >> 6) - firstWord + 1)
        for list in lists {
            for num in list { words[Int(num >> 6) - firstWord] |= 1 << UInt64(num & 63) }
        }
        let count = words.reduce(0) { $0 + $1.nonzeroBitCount }
        if 5 + words.count * 8 < 1 + count * 4 {
            return PostingList.encodeBitmap(firstWord: UInt32(firstWord), words: words[...])
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
        return PostingList.encode(nums)
    }
}
