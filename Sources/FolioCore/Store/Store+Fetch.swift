import Foundation
import GRDB

/// What a server said about a URL's content, sent back so an unchanged answer costs one 304.
public struct FetchValidator: Sendable, Equatable {
    public var url: String
    public var etag: String?
    public var lastModified: String?

    public init(url: String, etag: String?, lastModified: String?) {
        self.url = url
        self.etag = etag
        self.lastModified = lastModified
    }
}

/// One source's history: when it last worked, and the last problem.
public struct SourceFetchState: Sendable, Equatable {
    public var lastSuccessAt: String?
    /// `YYYY-MM-DD` (UTC) of the last success: the Daily Papers source resumes from this day.
    public var lastSuccessDay: String?
    public var lastError: String?
}

/// Fetch state lives in tables of its own (see the `v2` migration), never in `paper`.
extension Store {
    public func fetchState(source: String) throws -> SourceFetchState? {
        try pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM fetch_source WHERE name = ?", arguments: [source]).map {
                SourceFetchState(lastSuccessAt: $0["last_success_at"], lastSuccessDay: $0["last_success_day"], lastError: $0["last_error"])
            }
        }
    }

    public func validator(url: String) throws -> FetchValidator? {
        try pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM fetch_validator WHERE url = ?", arguments: [url]).map {
                FetchValidator(url: $0["url"], etag: $0["etag"], lastModified: $0["last_modified"])
            }
        }
    }

    /// A source's papers, its validators and its success, in one transaction: all or nothing.
    public func recordFetch(source: String, papers: [PaperInput], validators: [FetchValidator], day: String) throws -> ImportCounts {
        defer { mergeSearchSegmentsAfterImport() }
        return try journaled(origin: .fetch, { db in
            let now = Timestamp.now()
            let counts = try ImportSession.run(db: db, source: "fetch:\(source)", now: now) { session in
                for paper in papers { try session.add(paper) }
            }
            for v in validators where v.etag != nil || v.lastModified != nil {
                try db.execute(sql: """
                    INSERT INTO fetch_validator (url, source, etag, last_modified, stored_at) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT(url) DO UPDATE SET source = excluded.source, etag = excluded.etag,
                      last_modified = excluded.last_modified, stored_at = excluded.stored_at
                    """, arguments: [v.url, source, v.etag, v.lastModified, now])
            }
            if counts.new + counts.updated > 0 { try ImportJournal.recordFetchState(db, source: source) }
            try db.execute(sql: """
                INSERT INTO fetch_source (name, last_success_at, last_success_day, last_attempt_at, last_error) VALUES (?, ?, ?, ?, NULL)
                ON CONFLICT(name) DO UPDATE SET last_success_at = excluded.last_success_at,
                  last_success_day = excluded.last_success_day, last_attempt_at = excluded.last_attempt_at, last_error = NULL
                """, arguments: [source, now, day, now])
            return counts
        }, summary: { ChangeWords.imported($0.new, updated: $0.updated, from: "fetch:\(source)") })
    }

    /// A failed fetch changes no paper; only the source's last problem is kept.
    public func recordFetchFailure(source: String, message: String) throws {
        try pool.write { db in
            try db.execute(sql: """
                INSERT INTO fetch_source (name, last_attempt_at, last_error) VALUES (?, ?, ?)
                ON CONFLICT(name) DO UPDATE SET last_attempt_at = excluded.last_attempt_at, last_error = excluded.last_error
                """, arguments: [source, Timestamp.now(), message])
        }
    }
}

/// The reader's sessions, for "new since your last session".
extension Store {
    /// Starts a session and returns the moment papers count as new after: the end of the previous
    /// session, or now for the first one.
    public func startReaderSession() throws -> String {
        try pool.write { db in
            let now = Timestamp.now()
            let previous = try String.fetchOne(db, sql: "SELECT at FROM reader_session WHERE event = 'closed'")
            try db.execute(sql: "INSERT OR REPLACE INTO reader_session (event, at) VALUES ('opened', ?)", arguments: [now])
            return previous ?? now
        }
    }

    /// When the reader last closed on this library; nil when it never has.
    public func readerClosedAt() throws -> String? {
        try pool.read { db in try String.fetchOne(db, sql: "SELECT at FROM reader_session WHERE event = 'closed'") }
    }

    /// What the reader kept of its place when it last closed (`reader_memory`), by key.
    public func readerMemory() throws -> [String: String] {
        try pool.read { db in
            Dictionary(try Row.fetchAll(db, sql: "SELECT key, value FROM reader_memory").map { ($0[0], $0[1]) }) { a, _ in a }
        }
    }

    /// Replaces what the reader keeps of its place.
    public func setReaderMemory(_ values: [String: String]) throws {
        try pool.write { db in
            try db.execute(sql: "DELETE FROM reader_memory")
            for (key, value) in values {
                try db.execute(sql: "INSERT INTO reader_memory (key, value) VALUES (?, ?)", arguments: [key, value])
            }
        }
    }

    public func endReaderSession() throws {
        try pool.write { db in
            try db.execute(sql: "INSERT OR REPLACE INTO reader_session (event, at) VALUES ('closed', ?)", arguments: [Timestamp.now()])
        }
    }
}
