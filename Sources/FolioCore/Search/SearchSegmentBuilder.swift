/// The searchable text of one paper, as the index reads it.
struct SearchFields: Equatable {
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

/// One segment being built in memory during an import: key → ascending nums.
struct SearchSegmentBuilder {
    /// Per field (title, abstract, author, category): word → position in `postings`.
    private var terms: [[String: Int]] = [[:], [:], [:], [:]]
    private var postings: [[UInt32]] = []
    private var termNames: [(field: Int, word: String)] = []
    private(set) var docs: Set<UInt32> = []
    /// Papers indexed by an earlier segment whose text this one replaces.
    private(set) var replaced: [UInt32] = []

    var isEmpty: Bool { docs.isEmpty }

    /// `replacing`: the paper was indexed before (its text changed).
    mutating func add(num: UInt32, fields: SearchFields, replacing: Bool) {
        docs.insert(num)
        if replacing { replaced.append(num) }
        addWords(TextNormalizer.searchWords(fields.title), field: 0, num: num)
        addWords(TextNormalizer.searchWords(fields.abstract), field: 1, num: num)
        for author in fields.authors { addWords(TextNormalizer.searchWords(author), field: 2, num: num) }
        for category in fields.categories { addWords([category.lowercased()], field: 3, num: num) }
    }

    private mutating func addWords(_ words: [String], field: Int, num: UInt32) {
        for word in words {
            if let term = terms[field][word] {
                // A paper is added whole before the next one, so a repeat is always the last entry.
                if postings[term].last != num { postings[term].append(num) }
            } else {
                terms[field][word] = postings.count
                postings.append([num])
                termNames.append((field, word))
            }
        }
    }

    /// Every key with its encoded list: words, then the 1- and 2-character prefixes of the text fields.
    func finished() -> [(key: String, docs: [UInt8])] {
        let fieldNames = [SearchKey.title, SearchKey.abstract, SearchKey.author, SearchKey.category]
        var out: [(key: String, docs: [UInt8])] = []
        out.reserveCapacity(postings.count * 2)
        var sorted = postings
        for i in sorted.indices where !isAscending(sorted[i]) { sorted[i].sort() }
        for (i, name) in termNames.enumerated() {
            out.append((SearchKey.word(fieldNames[name.field], name.word), PostingList.encode(sorted[i])))
        }
        guard let low = docs.min(), let high = docs.max() else { return out }
        for field in 0..<3 {
            for length in 1...2 {
                var groups: [String: [Int]] = [:]
                for (i, name) in termNames.enumerated() where name.field == field {
                    let scalars = name.word.unicodeScalars
                    guard scalars.count >= length else { continue }
                    groups[String(String.UnicodeScalarView(scalars.prefix(length))), default: []].append(i)
                }
                for (prefix, members) in groups {
                    let docs = union(members.map { sorted[$0] }, low: low, high: high)
                    out.append((SearchKey.prefix(fieldNames[field], prefix, length: length), docs))
                }
            }
        }
        return out
    }

    private func isAscending(_ nums: [UInt32]) -> Bool {
        zip(nums, nums.dropFirst()).allSatisfy { $0 < $1 }
    }

    /// The union of lists within [low, high], already encoded: marked in a bitmap, stored as one if dense.
    private func union(_ lists: [[UInt32]], low: UInt32, high: UInt32) -> [UInt8] {
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
