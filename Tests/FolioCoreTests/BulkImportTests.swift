import Foundation
import GRDB
import Testing
@testable import FolioCore

/// The pieces that make a large import fast: segments built on another thread, words split on bytes,
/// rows written through SQLite's C API, papers found by a hash of their title, 16 KiB pages.
@Suite("bulk import")
struct BulkImportTests {
    /// Words as the query side splits them, written the slow, obvious way.
    static func referenceWords(_ text: String) -> [String] {
        var words: [String] = [], word = ""
        for character in text.lowercased() {
            if character.isLetter || character.isNumber { word.append(character) } else if !word.isEmpty {
                words.append(word)
                word = ""
            }
        }
        if !word.isEmpty { words.append(word) }
        return words
    }

    static func randomASCII(_ random: inout SystemRandomNumberGenerator, length: Int) -> String {
        let alphabet = Array("abcXYZ019 -_.,:;!?()'\"\t\n/")
        return String((0..<length).map { _ in alphabet.randomElement(using: &random)! })
    }

    @Test func asciiWordsAreTheWordsQueriesUse() {
        var random = SystemRandomNumberGenerator()
        for _ in 0..<500 {
            let title = BulkImportTests.randomASCII(&random, length: Int.random(in: 0..<40, using: &random))
            let abstract = BulkImportTests.randomASCII(&random, length: Int.random(in: 0..<200, using: &random))
            var builder = SearchSegmentBuilder()
            builder.add(num: 7, fields: SearchFields(title: title, abstract: abstract, authors: [], categories: []), replacing: false)
            let keys = Set(builder.finished().map(\.key).filter { $0.hasPrefix("t:") || $0.hasPrefix("a:") })
            let expected = Set(BulkImportTests.referenceWords(title).map { "t:" + $0 } + BulkImportTests.referenceWords(abstract).map { "a:" + $0 })
            #expect(keys == expected, "title \(title.debugDescription) abstract \(abstract.debugDescription)")
            #expect(TextNormalizer.titleKey(title) == BulkImportTests.referenceWords(title).joined(separator: " "))
        }
    }

    /// Text with TeX markup and other letters leaves every fast path; the keys, the title key and the
    /// matcher's words are then the words of the text as shown, folded.
    @Test func markedUpTextIsIndexedAsShown() {
        let pieces = ["a", "Zeta", "7", " ", "-", ".", "\\", "{", "}", "$", "~", "^", "_", "\\alpha", "\\'e", "\\L", "--",
                      "``", "''", "\\frac", "\\mathcal", "é", "ß", "α", "²", "\\unknown", "%"]
        var random = SplitMix(seed: 41)
        for _ in 0..<3_000 {
            let text = (0..<Int.random(in: 0...16, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
            let shown = SearchFold.words(TeXDisplay.render(text))
            #expect(TextNormalizer.searchWords(text) == shown, "\(text.debugDescription)")
            #expect(TextNormalizer.titleKey(text) == shown.joined(separator: " "), "\(text.debugDescription)")
            var builder = SearchSegmentBuilder()
            builder.add(num: 7, fields: SearchFields(title: text, abstract: "", authors: [], categories: []), replacing: false)
            let keys = Set(builder.finished().map(\.key).filter { $0.hasPrefix("t:") })
            #expect(keys == Set(shown.map { "t:" + $0 }), "\(text.debugDescription)")
        }
    }

    @Test func pipelineEndsSegmentsAtTheLimitAndAtARepeatedPaper() {
        let pipeline = SegmentPipeline(papersPerSegment: 3)
        func fields(_ word: String) -> SearchFields { SearchFields(title: word, abstract: "", authors: [], categories: []) }
        // 1, 2, 3 | 4 | 4 again (new text), 5: full at three, and a paper's second text starts a segment.
        for (num, word) in [(1, "alpha"), (2, "beta"), (3, "gamma"), (4, "delta"), (4, "omega"), (5, "beta")] {
            pipeline.add(num: UInt32(num), fields: fields(word), replacing: word == "omega")
        }
        // Parts put back together: a part with `replaced` starts a segment.
        var segments: [(replaced: [UInt32], postings: [(key: String, docs: [UInt8])])] = []
        var lastParts = 0
        pipeline.finish { part in
            if let replaced = part.replaced { segments.append((replaced, [])) }
            segments[segments.count - 1].postings += part.postings.pairs
            if part.isLast { lastParts += 1 }
        }
        #expect(segments.count == 3)
        #expect(lastParts == 3)
        func lists(_ segment: (replaced: [UInt32], postings: [(key: String, docs: [UInt8])])) -> [String: [Int64]] {
            Dictionary(uniqueKeysWithValues: segment.postings.filter { $0.key.hasPrefix("t:") }.map {
                ($0.key, PostingList.decode($0.docs, capacity: 64))
            })
        }
        #expect(lists(segments[0]) == ["t:alpha": [1], "t:beta": [2], "t:gamma": [3]])
        #expect(lists(segments[1]) == ["t:delta": [4]])
        #expect(lists(segments[2]) == ["t:omega": [4], "t:beta": [5]])
        #expect(segments.map { $0.replaced } == [[], [], [4]])
        for segment in segments {
            let keys = segment.postings.map { Array($0.key.utf8) }
            #expect(keys == keys.sorted { $0.lexicographicallyPrecedes($1) }, "keys are written in byte order")
        }
        var more = 0
        pipeline.finish { _ in more += 1 }
        #expect(more == 0)
    }

    @Test func aSegmentHandedOverInPartsIsTheWholeSegmentInByteOrder() {
        var builder = SearchSegmentBuilder()
        builder.add(num: 1, fields: SearchFields(title: "Zeta alpha Ωmega", abstract: "naïve beta-gamma 42", authors: ["Ana Núñez"], categories: ["cs.LG"]), replacing: false)
        builder.add(num: 2, fields: SearchFields(title: "alpha", abstract: "", authors: [], categories: ["cs.IR"]), replacing: false)
        var parts: [[(key: String, docs: [UInt8])]] = [], last: [Bool] = []
        builder.finished(partSize: 3) { postings, isLast in
            parts.append(postings.pairs)
            last.append(isLast)
        }
        #expect(last.filter { $0 } .count == 1 && last.last == true)
        #expect(parts.dropLast().allSatisfy { $0.count == 3 })
        let joined = parts.flatMap { $0 }
        #expect(joined.map(\.key) == builder.finished().map(\.key))
        let bytes = joined.map { Array($0.key.utf8) }
        // A Greek letter is a word of its own, spelled out: `Ωmega` is `omega` and `mega`.
        #expect(bytes == bytes.sorted { $0.lexicographicallyPrecedes($1) })
        #expect(Set(joined.map(\.key)).isSuperset(of: ["t1:a", "t2:al", "t:alpha", "t:omega", "t:mega", "t2:om", "a:naive", "u:nunez", "c:cs.lg"]))
        var empty: [Bool] = []
        SearchSegmentBuilder().finished(partSize: 3) { postings, isLast in empty.append(isLast && postings.isEmpty) }
        #expect(empty == [true])
    }

    /// Dates come from the stored date order (no index on `published`): boundaries, papers without a
    /// date, and a library whose irregular dates make the order's keys ranks (then SQLite answers).
    @Test(arguments: [false, true])
    func dateFiltersFromTheOrderAreTheMatchersAnswers(irregular: Bool) throws {
        let (store, folder) = try makeStore()
        defer { try? FileManager.default.removeItem(at: folder) }
        let dates: [String?] = ["2019-12-31", "2020-01-01", nil, "2020-06-15", "2020-12-31", "2021-01-01", "0999-05-05", "2020-06-15"]
            + (irregular ? ["2020", "2020-06-15T08:00"] : [])
        _ = try store.importPapers(source: "t") { session in
            for (i, date) in dates.enumerated() {
                try session.add(PaperInput(arxivID: String(format: "2401.%05d", i + 1), title: "Paper \(i)", published: date))
            }
        }
        let index = SearchIndex(store: store)
        #expect(try index.published(from: 0, through: .max) == nil ? irregular : !irregular)
        for text in ["year:2020", "year:2019", "year:0999", "after:2020-01-01", "after:2020-06-16", "before:2020-01-01",
                     "before:2020-06-15", "before:0001-01-01", "after:2020-06-15 before:2021-01-01", "-year:2020", "-after:2020-01-01"] {
            let matches = try expectIndexAgrees(store, index, text)
            if !irregular && text == "year:2020" { #expect(matches.count == 4) }
        }
    }

    /// Imports add to the stored date order through its table of recent changes, and fold them into the
    /// base once they are many; either way the order is the store's, re-dated papers included.
    @Test func theDateOrderThroughRecentChangesAndAfterFoldingThemIn() throws {
        let (store, folder) = try makeStore()
        defer { try? FileManager.default.removeItem(at: folder) }
        var library = RandomLibrary(seed: 5)
        func expectOrderAgrees(_ stage: String) throws {
            let index = SearchIndex(store: store)
            let newest = try index.first(10_000, of: index.all())
            let ids = try store.pool.read { db in
                try newest.map { try String.fetchOne(db, sql: "SELECT id FROM paper WHERE num = ?", arguments: [$0])! }
            }
            #expect(ids == (try store.papers(PaperFilter(), usingIndex: false).map(\.id)), "\(stage)")
            for text in ["graph", "after:2020-01-20", "-year:2020"] { _ = try expectIndexAgrees(store, index, text) }
        }
        func recentCount() throws -> Int { try store.pool.read { db in try SearchOrder.loadRecent(db)?.nums.count ?? 0 } }
        // More than 4,096 changes at once: straight into the base.
        try library.importBatches(into: store, batches: 1, papers: 4200)
        #expect(try recentCount() == 0)
        try library.importBatches(into: store, batches: 3, papers: 100)
        try library.changeSome(in: store, count: 80)  // re-dates papers of the base and of recent imports
        #expect(try (300...380).contains(recentCount()))
        try expectOrderAgrees("with recent changes")
        try library.importBatches(into: store, batches: 1, papers: 4200)
        #expect(try recentCount() == 0)
        try expectOrderAgrees("folded")
    }

    /// Merging an order's changes in through raw buffers gives what sorting the two together gives.
    @Test func mergingAnOrderIsSortingItWithTheChanges() {
        var random = SplitMix(seed: 31)
        func newestFirst(_ pairs: [(num: UInt32, key: Int32)]) -> [(num: UInt32, key: Int32)] {
            pairs.sorted { $0.key != $1.key ? $0.key > $1.key : $0.num < $1.num }
        }
        func order(_ nums: [UInt32]) -> SearchOrder {
            let keyed = newestFirst(nums.map { num in
                let key: Int32 = random.next() % 5 == 0 ? SearchOrder.noDate : 20200101 + Int32(random.next() % 40)
                return (num, key)
            })
            return SearchOrder(nums: keyed.map(\.num), keys: keyed.map(\.key), ranked: false)
        }
        for step in 0..<300 {
            let all = Array(UInt32(0)..<UInt32(1 + random.next() % 400)).shuffled(using: &random)
            let base = order(Array(all.prefix(Int(random.next() % UInt64(all.count + 1)))))
            // Changes: some papers of the base with new dates, and new papers.
            let changed = all.filter { _ in random.next() % 4 == 0 }
            let changes = order(changed)
            let merged = base.merging(changes)
            let kept = zip(base.nums, base.keys).filter { !changed.contains($0.0) }.map { (num: $0.0, key: $0.1) }
            let reference = newestFirst(kept + zip(changes.nums, changes.keys).map { (num: $0.0, key: $0.1) })
            #expect(merged.nums == reference.map(\.num) && merged.keys == reference.map(\.key), "step \(step)")
        }
    }

    /// `first` marks the positions of a sparse set instead of walking the order: the same papers in the
    /// same order for sets of every density, nums outside the index included.
    @Test func theFirstPapersOfASetAreThoseTheOrderGivesWhateverItsDensity() throws {
        let (store, folder) = try makeStore()
        defer { try? FileManager.default.removeItem(at: folder) }
        var library = RandomLibrary(seed: 23)
        try library.importBatches(into: store, batches: 2, papers: 1500)
        let index = try SearchIndex(store: store).loadedIndex()
        var random = SplitMix(seed: 29)
        var sparse = 0
        for step in 0..<300 {
            var docs = DocSet(capacity: index.order.count + 200)
            let wanted = Int(random.next() % UInt64([5, 40, 400, 3000][step % 4]))
            for _ in 0..<wanted { docs.insert(UInt32(random.next() % UInt64(docs.capacity))) }
            if docs.count <= index.order.count / 64 { sparse += 1 }
            let n = Int(random.next() % 80)
            #expect(index.first(n, of: docs) == index.walkingFirst(n, of: docs), "step \(step): \(docs.count) papers, first \(n)")
        }
        #expect(sparse > 100)
    }

    /// 700 papers: handed to the builder in several batches, with some papers changed in a second import.
    @Test func papersHandedOverInBatchesAreIndexedAsTheMatcherSees() throws {
        let (store, folder) = try makeStore()
        defer { try? FileManager.default.removeItem(at: folder) }
        var library = RandomLibrary(seed: 11)
        try library.importBatches(into: store, batches: 1, papers: 700)
        try library.changeSome(in: store, count: 300)
        let index = SearchIndex(store: store)
        for text in ["graph", "retriev*", "r*", "-graph", "title:model OR abstract:dense", "\"zero shot\"", "cat:cs.LG"] {
            _ = try expectIndexAgrees(store, index, text)
        }
    }

    @Test func aNewLibraryHasLargePagesAndFindsPapersByTitleHash() throws {
        let (store, folder) = try makeStore()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(try store.pool.read { db in try Int.fetchOne(db, sql: "PRAGMA page_size") } == 16384)
        let first = try store.importPapers(source: "page") { try $0.add(PaperInput(title: "Attention Is All You Need", abstract: "")) }
        #expect(first == ImportCounts(new: 1))
        // The same title from another source is the same paper; with an arXiv id it takes the paper over.
        let again = try store.importPapers(source: "page") { try $0.add(PaperInput(title: "attention is all you need!", abstract: "A")) }
        #expect(again == ImportCounts(updated: 1))
        let arxiv = try store.importPapers(source: "arxiv") { try $0.add(PaperInput(arxivID: "1706.03762", title: "Attention Is All You Need", abstract: "B")) }
        #expect(arxiv == ImportCounts(updated: 1))
        #expect(try store.papers().map(\.id) == ["1706.03762"])
        let hash = try store.pool.read { db in try Int64.fetchOne(db, sql: "SELECT title_hash FROM paper") }
        #expect(hash == PaperRecord.titleHash("attention is all you need"))
    }

    @Test func rawStatementErrorsNameSQLitesMessageAndRollBackTheImport() throws {
        let (store, folder) = try makeStore()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(throws: DatabaseError.self) { try store.pool.read { db in _ = try RawStatement(db, "SELECT nonsense FROM nowhere") } }
        _ = try store.importPapers(source: "t") { try $0.add(PaperInput(arxivID: "2401.00001", title: "One", abstract: "")) }
        do {
            _ = try store.importPapers(source: "t") { session in
                try session.add(PaperInput(arxivID: "2401.00002", title: "Two", abstract: ""))
                // Two papers with one Folio id cannot both be stored: SQLite refuses the second.
                try RawStatement(session.db, "INSERT INTO paper (id, title, title_key, abstract, authors, categories, versions, ai_keywords, first_source, first_imported_at, last_source, last_imported_at) VALUES ('2401.00002', '', '', '', '[]', '[]', '[]', '[]', 's', 'n', 's', 'n')").run([])
            }
            Issue.record("the duplicate id was accepted")
        } catch let error as DatabaseError {
            #expect(error.message?.contains("UNIQUE constraint failed: paper.id") == true)
        }
        #expect(try store.papers().map(\.id) == ["2401.00001"])
    }

    /// Words that share their first 16 bytes, differ only in length, or are the same in two fields are
    /// different terms, and each is found again after the table grew.
    @Test func termTableTellsApartWordsAlikeInTheirFirstBytes() {
        var table = SearchTermTable()
        let long = String(repeating: "a", count: 16)
        var words = ["a", "aa", long, long + "a", long + "aa", long + "b", "abcdefghijklmnop", "abcdefghijklmnoq", "é", "ωmega"]
        words += (0..<5000).map { "w\($0)" } + (0..<500).map { long + "x\($0)" }
        var terms: [String: UInt32] = [:]
        for field in UInt8(0)..<4 {
            for word in words {
                var word = word
                terms["\(field):\(word)"] = word.withUTF8 { table.term($0, field: field) }
            }
        }
        #expect(Set(terms.values).count == words.count * 4, "every (field, word) is a term of its own")
        #expect(table.count == words.count * 4)
        for (name, term) in terms {
            let field = UInt8(String(name.prefix(1)))!
            var word = String(name.dropFirst(2))
            #expect(word.withUTF8 { table.term($0, field: field) } == term)
            #expect(table.word(term) == word && table.field(term) == field)
        }
    }

    /// A source without arXiv ids finds the arXiv paper it means by the title: one from an earlier import
    /// (through the search index's title words), one from the same import, and never a paper whose title
    /// only shares words with it.
    @Test func titleOnlyPapersFindTheArxivPaperWithTheirTitle() throws {
        let (store, folder) = try makeStore()
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try store.importPapers(source: "arxiv") { session in
            try session.add(PaperInput(arxivID: "2401.00001", title: "Dense Retrieval at Scale", abstract: "a"))
            try session.add(PaperInput(arxivID: "2401.00002", title: "Dense Retrieval at Scale, Again", abstract: "b"))
        }
        let counts = try store.importPapers(source: "page") { session in
            #expect(try session.add(PaperInput(title: "DENSE RETRIEVAL — at scale", abstract: "")).id == "2401.00001")
            try session.add(PaperInput(arxivID: "2401.00003", title: "Sparse Experts Everywhere", abstract: "c"))
            #expect(try session.add(PaperInput(title: "sparse experts, everywhere", abstract: "")).id == "2401.00003")
            #expect(try session.add(PaperInput(title: "Dense Retrieval", abstract: "")).outcome == .new)
        }
        #expect(counts.new == 2)
        #expect(try store.papers().count == 4)
        // An arXiv paper whose title this import changed is found by its new title, which the index has
        // not yet, whether the import has looked titles up before or not.
        for lookedUpBefore in [false, true] {
            let id = lookedUpBefore ? "2401.00001" : "2401.00002"
            _ = try store.importPapers(source: "arxiv") { session in
                if lookedUpBefore { try session.add(PaperInput(title: "Unrelated Words", abstract: "")) }
                try session.add(PaperInput(arxivID: id, title: "Renamed \(id)", abstract: "new"))
                #expect(try session.add(PaperInput(title: "renamed \(id)", abstract: "")).id == id)
            }
        }
        #expect(try store.papers().count == 5)
    }

    /// Small lists are packed in block rows and big ones keep rows of their own; read back, every key has
    /// exactly the list the builder made, and a key that is not stored finds nothing.
    @Test func smallListsArePackedInBlocksAndReadBackWhole() throws {
        let (store, folder) = try makeStore()
        defer { try? FileManager.default.removeItem(at: folder) }
        let papers = (0..<600).map { i in
            PaperInput(arxivID: String(format: "2401.%05d", i), title: "Common w\(i) w\(i % 7)", abstract: "rare\(i) shared\(i % 50) half\(i % 2)")
        }
        _ = try store.importPapers(source: "t") { session in for paper in papers { try session.add(paper) } }
        var builder = SearchSegmentBuilder()
        for (i, paper) in papers.enumerated() {
            builder.add(num: UInt32(i + 1), fields: SearchFields(ImportSession.normalized(paper).input), replacing: false)
        }
        let expected = Dictionary(uniqueKeysWithValues: builder.finished().map { ($0.key, PostingList.decode($0.docs, capacity: 1 << 16)) })
        let stored = try postings(store)
        let segment = try #require(stored.keys.first)
        #expect(stored.count == 1 && stored[segment] == expected)
        let rows = try store.pool.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM search_postings") ?? 0 }
        #expect(rows * 10 < expected.count, "\(rows) rows for \(expected.count) keys")
        try store.pool.read { db in
            let reader = try PostingReader(db)
            for (key, nums) in expected {
                var found = DocSet(capacity: 1 << 16), missing = DocSet(capacity: 1 << 16)
                try reader.add(segment: segment, key: key, to: &found)
                try reader.add(segment: segment, key: key + "~", to: &missing)
                #expect(found.nums == nums && missing.isEmpty, "\(key)")
            }
        }
    }
}
