import Foundation
import GRDB

/// A problem with the library file itself (not an input file).
public struct LibraryError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// The library: one SQLite file in WAL mode. Paper metadata lives in `paper`; what the user did
/// (stars, tags, read marks, topics) lives in tables of its own that imports never overwrite.
public final class Store: Sendable {
    public let path: String
    let pool: DatabaseQueue
    /// When imports merge the search index's segments (`mergeSearchSegments`).
    public let mergePolicy: SegmentMergePolicy
    /// Who changes user state through this store, as the journal records it.
    public let origin: JournalOrigin
    public let journalBounds: JournalBounds

    /// Reads go through a memory map of the file (up to SQLite's usual limit of 2 GB): copying 16 KiB
    /// pages out of the kernel's cache with `pread` was half of a keystroke's time and of refreshing
    /// twenty topics' counts at a million papers. Imports turn it off (see `importPapers`).
    static let readMapSize = 2_147_418_112

    /// How long a statement waits for another connection's lock before it fails.
    static let busySeconds = 10

    /// Opens the library at `path`, creating it and its folder (owner-only) when missing.
    /// A file that is not a Folio library, or one written by a newer Folio, is refused untouched.
    public init(path: String, mergePolicy: SegmentMergePolicy = .standard, origin: JournalOrigin = .cli,
                journalBounds: JournalBounds = JournalBounds()) throws {
        self.path = path
        self.mergePolicy = mergePolicy
        self.origin = origin
        self.journalBounds = journalBounds
        let fm = FileManager.default
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty && !fm.fileExists(atPath: folder) {
            try fm.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        }
        // The file is not read here before SQLite opens it: closing any descriptor of a file drops every
        // POSIX lock the process holds on it, those of a Store already open on it included.
        let isNew = !fm.fileExists(atPath: path)
        if isNew {
            // Created before SQLite opens it so it is never readable by others, even briefly.
            guard fm.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
                throw LibraryError("cannot create library \(path)")
            }
        }
        var config = Configuration()
        config.busyMode = .timeout(TimeInterval(Store.busySeconds))
        config.foreignKeysEnabled = true
        // FULL: a commit is on disk before Folio says it is done, even across a power cut.
        // secure_delete FAST: Debian builds SQLite with it on, which zeroed and journaled every page a
        // merge freed; FAST still clears deleted rows from the pages written anyway (DECISIONS.md).
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = FULL; PRAGMA secure_delete = FAST")
            try db.execute(sql: "PRAGMA mmap_size = \(Store.readMapSize)")
        }
        do {
            pool = try DatabaseQueue(path: path, configuration: config)
            let migrator = Store.migrator
            let upToDate = try pool.read { db in
                let known = Set(migrator.migrations)
                if try db.tableExists("grdb_migrations") {
                    let applied = try migrator.appliedIdentifiers(db)
                    if applied == known { return true }
                    if !applied.isSubset(of: known) {
                        throw LibraryError("\(path) was written by a newer version of Folio (schema \(applied.subtracting(known).sorted().joined(separator: ", "))); this Folio knows up to \(migrator.migrations.last ?? "none"). Upgrade Folio to open it.")
                    }
                } else if try !Store.isEmptyDatabase(db) {
                    throw LibraryError("\(path) is an SQLite database of another program, not a Folio library")
                }
                return false
            }
            // Only once the file is known to be Folio's: switching another program's database to WAL
            // would rewrite its header. Set here rather than through GRDB's `.wal` journal mode, which
            // creates and drops a table at every open and so rewrites the file even for a read.
            try pool.writeWithoutTransaction { db in
                // Pages of 16 KiB (SQLite's default is 4): a library is mostly 1–2 KB rows written in bulk,
                // and a commit with 4 times fewer WAL frames took a third less time. Only a new file can have it.
                if isNew { try db.execute(sql: "PRAGMA page_size = 16384") }
                try db.execute(sql: "PRAGMA journal_mode = WAL")
            }
            // Only when needed: migrating even with nothing to do rewrites the schema cookie.
            if !upToDate { try migrator.migrate(pool) }
            try PendingUpgrade.run(pool)
        } catch let error as LibraryError {
            throw error
        } catch let error as DatabaseError where error.resultCode == .SQLITE_NOTADB {
            throw LibraryError("\(path) is not a Folio library (not an SQLite database)")
        } catch let error as DatabaseError {
            throw LibraryError("cannot open library \(path): \(error.message ?? "\(error)")")
        }
    }

    private static func isEmptyDatabase(_ db: Database) throws -> Bool {
        try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master") == 0
    }

    /// The default library: `$FOLIO_LIBRARY`, else `$XDG_DATA_HOME/folio/library.sqlite`,
    /// else `~/.local/share/folio/library.sqlite`.
    public static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let explicit = environment["FOLIO_LIBRARY"], !explicit.isEmpty { return explicit }
        let dataHome: String
        if let xdg = environment["XDG_DATA_HOME"], !xdg.isEmpty {
            dataHome = xdg
        } else {
            let home = environment["HOME"] ?? NSHomeDirectory()
            dataHome = (home as NSString).appendingPathComponent(".local/share")
        }
        return ((dataHome as NSString).appendingPathComponent("folio") as NSString).appendingPathComponent("library.sqlite")
    }

    /// Drops the memory map's pages from the process (they stay in the kernel's cache) by turning the map
    /// off and on: a ranking reads tens of megabytes of postings once, which would otherwise stay resident
    /// for the session (ten More like this took a million-paper reader from 180 to 560 MB).
    public func releaseMappedPages() throws {
        try pool.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA mmap_size = 0; PRAGMA mmap_size = \(Store.readMapSize)")
        }
    }

    /// Changes whenever another connection (another process included) commits. Cheap to poll.
    public func dataVersion() throws -> Int {
        try pool.read { db in try Int.fetchOne(db, sql: "PRAGMA data_version") ?? 0 }
    }
}
