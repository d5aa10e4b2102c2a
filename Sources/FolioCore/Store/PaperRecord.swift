import GRDB

/// A row of the `paper` table (its rowid `num` aside). `Columns` is the one list of the table's columns:
/// the import's INSERT, a merge's UPDATE and the order their values are bound in are made from it, rows
/// are read by it, and `value(_:)` gives every column's value (the compiler holds its switch whole).
/// Migrations keep their own SQL: a shipped migration never changes with this list.
struct PaperRecord {
    enum Columns: String, CaseIterable {
        case arxivID = "arxiv_id", title, titleKey = "title_key", titleHash = "title_hash", abstract, authors,
             published, updated, categories, primaryCategory = "primary_category", version, versions,
             absURL = "abs_url", pdfURL = "pdf_url", comments, journalRef = "journal_ref", doi, upvotes,
             githubRepo = "github_repo", aiKeywords = "ai_keywords", announceType = "announce_type",
             affiliations, announced, commentCount = "comment_count", githubStars = "github_stars",
             id, firstSource = "first_source", firstImportedAt = "first_imported_at",
             lastSource = "last_source", lastImportedAt = "last_imported_at"

        /// What a merge rewrites: everything but where the paper was first seen.
        static let merged = allCases.filter { $0 != .firstSource && $0 != .firstImportedAt }
    }

    var id: String
    /// Normalized (`ImportSession.normalized`).
    var metadata: PaperInput
    var titleKey: String
    var firstSource: String
    var firstImportedAt: String
    var lastSource: String
    var lastImportedAt: String

    /// A paper written by an import from `source` at `time` (`first_…` count only for a new row).
    init(id: String, metadata: PaperInput, titleKey: String, source: String, time: String) {
        self.id = id
        self.metadata = metadata
        self.titleKey = titleKey
        firstSource = source
        firstImportedAt = time
        lastSource = source
        lastImportedAt = time
    }

    /// The `title_hash` column: SQLite integers are signed.
    static func titleHash(_ titleKey: String) -> Int64 { Int64(bitPattern: TitleID.hash(titleKey: titleKey)) }

    func value(_ column: Columns) -> RawValue {
        let p = metadata
        switch column {
        case .arxivID: return RawValue(p.arxivID)
        case .title: return .text(p.title)
        case .titleKey: return .text(titleKey)
        case .titleHash: return .int(PaperRecord.titleHash(titleKey))
        case .abstract: return .text(p.abstract)
        case .authors: return .text(StringList.encode(p.authors))
        case .published: return RawValue(p.published)
        case .updated: return RawValue(p.updated)
        case .categories: return .text(StringList.encode(p.categories))
        case .primaryCategory: return RawValue(p.primaryCategory)
        case .version: return RawValue(p.version)
        case .versions: return .text(StringList.encode(p.versions))
        case .absURL: return RawValue(p.absURL)
        case .pdfURL: return RawValue(p.pdfURL)
        case .comments: return RawValue(p.comments)
        case .journalRef: return RawValue(p.journalRef)
        case .doi: return RawValue(p.doi)
        case .upvotes: return RawValue(p.upvotes)
        case .githubRepo: return RawValue(p.githubRepo)
        case .aiKeywords: return .text(StringList.encode(p.aiKeywords))
        case .announceType: return RawValue(p.announceType)
        case .affiliations: return .text(StringList.encode(p.affiliations))
        case .announced: return RawValue(p.announced)
        case .commentCount: return RawValue(p.commentCount)
        case .githubStars: return RawValue(p.githubStars)
        case .id: return .text(id)
        case .firstSource: return .text(firstSource)
        case .firstImportedAt: return .text(firstImportedAt)
        case .lastSource: return .text(lastSource)
        case .lastImportedAt: return .text(lastImportedAt)
        }
    }

    /// Every column's name, in `Columns` order.
    static let columnList = Columns.allCases.map(\.rawValue).joined(separator: ", ")

    static let insertSQL = "INSERT INTO paper (\(columnList)) VALUES (" + Columns.allCases.map { _ in "?" }.joined(separator: ", ") + ")"

    /// `insertSQL`'s values, in its order.
    var insertValues: [RawValue] { Columns.allCases.map(value) }

    /// Rewrites the row with the id bound last (its id too: the cascade carries stars, tags and read marks over).
    static let mergeSQL = "UPDATE paper SET " + Columns.merged.map { "\($0.rawValue) = ?" }.joined(separator: ", ") + " WHERE id = ?"

    /// `mergeSQL`'s values, the old id last.
    func mergeValues(replacing oldID: String) -> StatementArguments {
        StatementArguments(Columns.merged.map { value($0).databaseValue } + [oldID.databaseValue])
    }

    /// A whole row (its num too) as one JSON object: the journal keeps what an import changed this way.
    static let asJSON = "json_object('num', num, "
        + Columns.allCases.map { "'\($0.rawValue)', \($0.rawValue)" }.joined(separator: ", ") + ")"

    /// Each column's value read back from the JSON object `json` (an SQL expression), in `Columns` order.
    static func columns(fromJSON json: String) -> String {
        Columns.allCases.map { "json_extract(\(json), '$.\($0.rawValue)')" }.joined(separator: ", ")
    }

    /// `column = value, …` for an UPDATE that rewrites a row from the JSON object `json`.
    static func assignments(fromJSON json: String) -> String {
        Columns.allCases.map { "\($0.rawValue) = json_extract(\(json), '$.\($0.rawValue)')" }.joined(separator: ", ")
    }

    static func metadata(from row: some ColumnSource) -> PaperInput {
        PaperInput(
            arxivID: row[.arxivID], version: row[.version], title: row[.title], abstract: row[.abstract],
            authors: StringList.decode(row[.authors]), affiliations: StringList.decode(row[.affiliations]), published: row[.published], updated: row[.updated],
            categories: StringList.decode(row[.categories]), primaryCategory: row[.primaryCategory],
            versions: StringList.decode(row[.versions]), absURL: row[.absURL], pdfURL: row[.pdfURL],
            comments: row[.comments], journalRef: row[.journalRef], doi: row[.doi], upvotes: row[.upvotes],
            githubRepo: row[.githubRepo], aiKeywords: StringList.decode(row[.aiKeywords]), announceType: row[.announceType],
            announced: row[.announced], commentCount: row[.commentCount], githubStars: row[.githubStars])
    }
}

/// A row whose columns are read by name: GRDB's `Row`, or a row with the names looked up once per query.
protocol ColumnSource {
    subscript<Value: DatabaseValueConvertible>(_ name: String) -> Value { get }
}

extension ColumnSource {
    subscript<Value: DatabaseValueConvertible>(_ column: PaperRecord.Columns) -> Value { self[column.rawValue] }
}

extension Row: ColumnSource {}

/// Column names resolved once per statement: looking names up in every row was most of reading a row.
struct IndexedRow: ColumnSource {
    let row: Row
    let indexes: [String: Int]

    static func indexes(_ statement: Statement) -> [String: Int] {
        Dictionary(statement.columnNames.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
    }

    subscript<Value: DatabaseValueConvertible>(_ name: String) -> Value {
        row[indexes[name]!]
    }
}
