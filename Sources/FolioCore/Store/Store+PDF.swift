import Foundation
import GRDB

/// PDFs the reader downloaded (`pdf_file`, migration `v15-notes-pdfs-reader-memory`): the library keeps where each
/// paper's file is; the files themselves live in the PDF folder, outside the library.
/// Not in the journal or sync: a file is on this device only.
extension Store {
    /// Records (or replaces) the downloaded file of paper `id`.
    public func recordPDF(paperID id: String, path: String, bytes: Int) throws {
        try pool.write { db in
            try db.execute(sql: """
                INSERT INTO pdf_file (paper_id, path, bytes, downloaded_at) VALUES (?, ?, ?, ?)
                ON CONFLICT(paper_id) DO UPDATE SET path = excluded.path, bytes = excluded.bytes, downloaded_at = excluded.downloaded_at
                """, arguments: [id, path, bytes, Timestamp.now()])
        }
    }

    /// Forgets paper `id`'s file (it was removed from the folder); returns whether one was recorded.
    @discardableResult
    public func forgetPDF(paperID id: String) throws -> Bool {
        try pool.write { db in
            try db.execute(sql: "DELETE FROM pdf_file WHERE paper_id = ?", arguments: [id])
            return db.changesCount > 0
        }
    }
}
