import GRDB

/// A paper's note: the user's own text, one per paper, kept like a star (journaled, undone, synced).
extension Store {
    /// Sets the note of the paper `id` (an id, arXiv id or earlier id); text that is empty once trimmed
    /// removes it. One journal entry; returns whether the note changed.
    @discardableResult
    public func setNote(_ id: String, _ raw: String) throws -> Bool {
        guard let paper = try paper(id: id) else { throw LibraryError("no paper with id \(id)") }
        let text = NoteText.normalized(raw)
        return try journaled({ db in
            if text.isEmpty {
                try db.execute(sql: "DELETE FROM note WHERE paper_id = ?", arguments: [paper.id])
            } else {
                try db.execute(sql: "INSERT INTO note (paper_id, text) VALUES (?1, ?2) ON CONFLICT (paper_id) DO UPDATE SET text = ?2 WHERE text IS NOT ?2",
                               arguments: [paper.id, text])
            }
            return db.changesCount > 0
        }, summary: { _ in text.isEmpty ? "removed the note of \(paper.id)" : "noted \(paper.id)" })
    }
}
