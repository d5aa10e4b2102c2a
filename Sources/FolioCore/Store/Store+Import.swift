import Foundation
import GRDB

public enum ImportOutcome: Sendable, Equatable {
    case new, updated, unchanged
}

/// A paper ready for the store (`ImportSession.normalized`), and whether its text was mojibake put right.
struct NormalizedPaper: Sendable {
    var input: PaperInput
    var repaired: Bool
}

/// Adds papers inside one write transaction; see `Store.importPapers`.
public final class ImportSession {
    let db: Database
    let source: String
    let now: String
    public private(set) var counts = ImportCounts()
    let searchIndex = SearchIndexWriter()
    private let findByArxivID: RawStatement
    private let insertPaper: RawStatement
    /// Whether some paper lacks an arXiv id: only then can an arXiv paper be one seen before by title.
    private var hasPapersWithoutArxivID: Bool
    /// Made when the first paper without an arXiv id arrives; it knows the papers of earlier imports.
    private var titleWords: TitleWordLookup?
    /// Title hash → num of the arXiv papers this import wrote, which the search index has not yet; kept
    /// only from the first paper without an arXiv id on (a large arXiv import never needs it).
    private var arxivTitles: [Int64: Int64]?
    /// Nums from here on were inserted by this import.
    private let firstNewNum: Int64
    /// arXiv papers this import updated (their title may have changed), for `arxivTitles`.
    private var updatedArxivNums: [Int64] = []
    /// Earlier papers this import changed, whose rows as they were the journal has.
    private var journaledNums: Set<Int64> = []
    private let recordBefore: RawStatement

    private init(db: Database, source: String, now: String) throws {
        self.db = db
        self.source = source
        self.now = now
        findByArxivID = try RawStatement(db, "SELECT num FROM paper WHERE arxiv_id = ?")
        insertPaper = try RawStatement(db, PaperRecord.insertSQL)
        recordBefore = try RawStatement(db, ImportJournal.recordBeforeSQL)
        hasPapersWithoutArxivID = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM paper WHERE arxiv_id IS NULL)") ?? true
        firstNewNum = (try Int64.fetchOne(db, sql: "SELECT max(num) FROM paper") ?? 0) + 1
    }

    /// The only way to make a session: papers added by `body` reach the search index when it returns.
    static func run(db: Database, source: String, now: String, _ body: (ImportSession) throws -> Void) throws -> ImportCounts {
        let session = try ImportSession(db: db, source: source, now: now)
        try body(session)
        try ImportJournal.recordAdded(db, firstNewNum: session.firstNewNum)
        try session.searchIndex.finish(db)
        return session.counts
    }

    /// Adds or merges one paper and returns its Folio id and what happened to it.
    @discardableResult
    public func add(_ input: PaperInput) throws -> (id: String, outcome: ImportOutcome) {
        try add(ImportSession.normalized(input))
    }

    /// `add` for a paper already passed through `ImportSession.normalized` (on a reading thread).
    @discardableResult
    func add(_ paper: NormalizedPaper) throws -> (id: String, outcome: ImportOutcome) {
        let result = try upsert(paper.input)
        count(result.outcome)
        if paper.repaired { counts.repaired += 1 }
        return result
    }

    /// Counts a paper whose text was mojibake put right, added by the caller through `upsert`.
    func countRepair() { counts.repaired += 1 }

    /// Counts a paper the caller changed in another way (user state from a backup).
    func count(_ outcome: ImportOutcome) {
        switch outcome {
        case .new: counts.new += 1
        case .updated: counts.updated += 1
        case .unchanged: counts.unchanged += 1
        }
    }

    /// `input` is normalized already.
    func upsert(_ input: PaperInput) throws -> (id: String, outcome: ImportOutcome) {
        let key = TextNormalizer.titleKey(input.title)
        if let arxiv = input.arxivID {
            if let num = try findByArxivID.integer([.text(arxiv)]), let existing = try row(sql: "SELECT * FROM paper WHERE num = ?", num) {
                return try merge(input, into: existing, titleKey: key, newID: nil)
            }
            // First seen without an arXiv id (the Daily Papers page): it becomes this paper.
            if hasPapersWithoutArxivID, !key.isEmpty, let orphan = try row(sql: "SELECT * FROM paper WHERE title_hash = ? AND title_key = ? AND arxiv_id IS NULL ORDER BY num LIMIT 1", PaperRecord.titleHash(key), key) {
                return try merge(input, into: orphan, titleKey: key, newID: arxiv)
            }
            try insert(input, id: arxiv, titleKey: key)
            return (arxiv, .new)
        }
        if !key.isEmpty, let known = try paper(titled: key, words: TextNormalizer.searchWords(input.title)) {
            return try merge(input, into: known, titleKey: key, newID: nil)
        }
        var id = TitleID.make(titleKey: key)
        var attempt = 1
        while try row(sql: "SELECT id FROM paper WHERE id = ?", id) != nil {  // two titles, one hash
            attempt += 1
            id = TitleID.make(titleKey: key + "#\(attempt)")
        }
        try insert(input, id: id, titleKey: key)
        return (id, .new)
    }

    /// The paper a source without arXiv ids means by this title: the first arXiv paper with it, else the
    /// first paper without an arXiv id. The arXiv papers come from the search index's title words (and
    /// this import's own), those without an id from the small index on their title hash.
    private func paper(titled key: String, words: [String]) throws -> Row? {
        let hash = PaperRecord.titleHash(key)
        if titleWords == nil { titleWords = try TitleWordLookup(db, capacity: Int(firstNewNum)) }
        var candidates = try titleWords?.papers(withTitleWords: words) ?? []
        if let num = try titlesWrittenHere()[hash] { candidates.append(num) }
        if !candidates.isEmpty, let known = try row(sql: """
            SELECT * FROM paper WHERE num IN (SELECT value FROM json_each(?)) AND title_hash = ? AND title_key = ? AND arxiv_id IS NOT NULL
            ORDER BY num LIMIT 1
            """, Store.jsonList(candidates), hash, key) {
            return known
        }
        return try row(sql: "SELECT * FROM paper WHERE title_hash = ? AND title_key = ? AND arxiv_id IS NULL ORDER BY num LIMIT 1", hash, key)
    }

    /// `arxivTitles`, made from the rows this import wrote so far when first asked for.
    private func titlesWrittenHere() throws -> [Int64: Int64] {
        if let arxivTitles { return arxivTitles }
        arxivTitles = [:]
        let written = try Row.fetchAll(db, sql: """
            SELECT num, title_hash FROM paper WHERE arxiv_id IS NOT NULL AND title_key != ''
              AND (num >= ? OR num IN (SELECT value FROM json_each(?)))
            """, arguments: [firstNewNum, Store.jsonList(updatedArxivNums)])
        for row in written { record(num: row["num"], hash: row["title_hash"]) }
        return arxivTitles ?? [:]
    }

    /// An arXiv paper written by this import, for `paper(titled:words:)`.
    private func wrote(num: Int64, _ paper: PaperInput, titleKey: String, updated: Bool) {
        guard paper.arxivID != nil, !titleKey.isEmpty else { return }
        if arxivTitles != nil {
            record(num: num, hash: PaperRecord.titleHash(titleKey))
        } else if updated {
            updatedArxivNums.append(num)
        }
    }

    private func record(num: Int64, hash: Int64) {
        if arxivTitles?[hash].map({ num < $0 }) ?? true { arxivTitles?[hash] = num }
    }

    private func row(sql: String, _ arguments: any DatabaseValueConvertible...) throws -> Row? {
        try Row.fetchOne(db.cachedStatement(sql: sql), arguments: StatementArguments(arguments))
    }

    /// A paper as the store keeps its text: mojibake put right (before white space is touched: the
    /// garbled `à` ends in a no-break space), then `TextNormalizer.clean`.
    static func normalized(_ p: PaperInput) -> NormalizedPaper {
        var p = p
        var repaired = false
        func clean(_ text: String) -> String {
            guard let fixed = Mojibake.repaired(text) else { return TextNormalizer.clean(text) }
            repaired = true
            return TextNormalizer.clean(fixed)
        }
        func cleanList(_ items: [String]) -> [String] { items.map(clean).filter { !$0.isEmpty } }
        p.title = clean(p.title)
        p.abstract = clean(p.abstract)
        p.authors = cleanList(p.authors)
        p.affiliations = cleanList(p.affiliations)
        p.categories = p.categories.map(TextNormalizer.clean).filter { !$0.isEmpty }
        p.aiKeywords = cleanList(p.aiKeywords)
        p.comments = p.comments.map(clean)
        p.journalRef = p.journalRef.map(clean)
        return NormalizedPaper(input: p, repaired: repaired)
    }

    /// Fields the incoming paper carries win; fields it lacks keep what is known. A source
    /// without an arXiv id only fills gaps in a paper that has one: arXiv's text is the reference.
    static func merged(_ old: PaperInput, _ new: PaperInput) -> PaperInput {
        let fillOnly = new.arxivID == nil && old.arxivID != nil
        func pick<T>(_ a: T?, _ b: T?) -> T? { fillOnly ? (a ?? b) : (b ?? a) }
        func pickText(_ a: String, _ b: String) -> String { (fillOnly ? a.isEmpty : !b.isEmpty) ? b : a }
        func pickList(_ a: [String], _ b: [String]) -> [String] { (fillOnly ? a.isEmpty : !b.isEmpty) ? b : a }
        var m = old
        m.arxivID = old.arxivID ?? new.arxivID
        m.version = pick(old.version, new.version)
        m.title = pickText(old.title, new.title)
        m.abstract = pickText(old.abstract, new.abstract)
        m.authors = pickList(old.authors, new.authors)
        m.affiliations = pickList(old.affiliations, new.affiliations)
        m.published = DateText.morePrecise(old.published, new.published) ?? pick(old.published, new.published)
        m.updated = pick(old.updated, new.updated)
        m.categories = pickList(old.categories, new.categories)
        m.primaryCategory = pick(old.primaryCategory, new.primaryCategory)
        m.versions = pickList(old.versions, new.versions)
        m.absURL = pick(old.absURL, new.absURL)
        m.pdfURL = pick(old.pdfURL, new.pdfURL)
        m.comments = pick(old.comments, new.comments)
        m.journalRef = pick(old.journalRef, new.journalRef)
        m.doi = pick(old.doi, new.doi)
        m.upvotes = pick(old.upvotes, new.upvotes)
        m.commentCount = pick(old.commentCount, new.commentCount)
        m.githubStars = pick(old.githubStars, new.githubStars)
        m.githubRepo = pick(old.githubRepo, new.githubRepo)
        m.aiKeywords = pickList(old.aiKeywords, new.aiKeywords)
        m.announceType = pick(old.announceType, new.announceType)
        m.announced = pick(old.announced, new.announced)
        return m
    }

    private func merge(_ input: PaperInput, into row: Row, titleKey: String, newID: String?) throws -> (id: String, outcome: ImportOutcome) {
        let oldID: String = row["id"]
        let old = PaperRecord.metadata(from: row)
        let merged = ImportSession.merged(old, input)
        if merged == old && newID == nil { return (oldID, .unchanged) }
        let id = newID ?? oldID
        let num: Int64 = row["num"]
        if num < firstNewNum, journaledNums.insert(num).inserted { try recordBefore.run([.int(num)]) }
        let mergedKey = TextNormalizer.titleKey(merged.title)
        wrote(num: num, merged, titleKey: mergedKey, updated: true)
        if SearchFields(merged) != SearchFields(old) {
            try searchIndex.indexed(num: num, fields: SearchFields(merged), replacing: true, db: db)
        }
        if merged.published != old.published { searchIndex.dated(num: num, published: merged.published) }
        let record = PaperRecord(id: id, metadata: merged, titleKey: mergedKey, source: source, time: now)
        try db.cachedStatement(sql: PaperRecord.mergeSQL).execute(arguments: record.mergeValues(replacing: oldID))
        if id != oldID {
            try db.execute(sql: "INSERT OR REPLACE INTO paper_alias (alias, paper_id) VALUES (?, ?)", arguments: [oldID, id])
        }
        return (id, .updated)
    }

    private func insert(_ input: PaperInput, id: String, titleKey: String) throws {
        if input.arxivID == nil { hasPapersWithoutArxivID = true }
        try insertPaper.run(PaperRecord(id: id, metadata: input, titleKey: titleKey, source: source, time: now).insertValues)
        let num = db.lastInsertedRowID
        wrote(num: num, input, titleKey: titleKey, updated: false)
        try searchIndex.indexed(num: num, fields: SearchFields(input), replacing: false, db: db)
        searchIndex.dated(num: num, published: input.published)
    }
}

extension Store {
    /// Runs `body` in one write transaction and one journal entry: if it throws, nothing it added stays.
    /// `bulk` (a large file): written through a rollback journal when no other connection has the library open.
    public func importPapers(source: String, bulk: Bool = false, _ body: (ImportSession) throws -> Void) throws -> ImportCounts {
        // The segment builder's thread frees its memory into an arena of its own, which glibc keeps
        // until asked: without this, imports one after another kept a hundred megabytes more.
        defer { Memory.returnFreedMemory() }
        let rollback = bulk && enterRollbackJournal()
        defer { if rollback { leaveRollbackJournal() } }
        let counts = try journaled { db in
            try Store.withBulkPragmas(db) { try ImportSession.run(db: db, source: source, now: Timestamp.now(), body) }
        } summary: { ChangeWords.imported($0.new, updated: $0.updated, from: source) }
        // Through the rollback journal too, which was faster than WAL for merges (DECISIONS.md).
        mergeSearchSegmentsAfterImport()
        return counts
    }

    /// In WAL mode every page an import writes is written twice, into the log and then into the file at
    /// the checkpoint: for a large import into a new library that doubled the writes and the kernel's
    /// copying (DECISIONS.md has the figures). A rollback journal keeps only the pages that were there
    /// before (new pages need none), so a bulk import writes each page once and is as safe: a killed
    /// import's journal is rolled back at the next open. Leaving WAL needs the library to itself, so with
    /// another connection open (the reader, in another terminal) this says no at once and the import runs
    /// in WAL mode as any other; while it runs, another process that opens the library waits for it
    /// (`busy` timeout) instead of reading beside it.
    private func enterRollbackJournal() -> Bool {
        (try? pool.writeWithoutTransaction { db -> Bool in
            try db.execute(sql: "PRAGMA busy_timeout = 0")
            defer { try? db.execute(sql: "PRAGMA busy_timeout = \(Store.busySeconds * 1000)") }
            return try String.fetchOne(db, sql: "PRAGMA journal_mode = DELETE") == "delete"
        }) ?? false
    }

    /// Back to WAL; should that fail (another process holds a lock past the timeout), the next open does it.
    private func leaveRollbackJournal() {
        try? pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA journal_mode = WAL") }
    }

    /// Runs `body` with the settings of a large write. SQLite's default 2 MB page cache re-reads the
    /// paper indexes of a large library from disk at every insert; back to the default afterwards,
    /// which frees the pages. The memory map is off meanwhile: the pages an import reads and writes
    /// stayed mapped and counted against the process (400 MB at a million papers, against 270 without).
    static func withBulkPragmas<T>(_ db: Database, _ body: () throws -> T) throws -> T {
        try db.execute(sql: "PRAGMA cache_size = -65536; PRAGMA mmap_size = 0")
        defer { try? db.execute(sql: "PRAGMA cache_size = -2000; PRAGMA mmap_size = \(Store.readMapSize)") }
        return try body()
    }
}

enum Memory {
    /// glibc's `malloc_trim`, which Swift's Glibc module does not declare; absent elsewhere.
    private static let trim: (@convention(c) (Int) -> Int32)? = {
        #if os(Linux)
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (Int) -> Int32).self)
        #else
        return nil
        #endif
    }()

    /// One call at a time: the first call sets glibc's allocator up, and a second thread calling while
    /// it does read its bins half made (an AddressSanitizer run, where glibc's allocator is otherwise
    /// unused, crashed so with two imports ending together).
    private static let trimming = NSLock()

    static func returnFreedMemory() {
        trimming.withLock { _ = trim?(0) }
    }
}
