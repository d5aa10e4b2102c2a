import GRDB

/// A paper's note: the user's own text, one per paper, kept like a star (journaled, undone, synced).
extension Store {
    /// The note as stored: line ends as `\n`, trailing white space of each line and blank lines at either
    /// end dropped, so an editor's final newline does not count as a change.
    public static func noteText(_ raw: String) -> String {
        let lines = raw.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
            .split(separator: "\n", omittingEmptySubsequences: false)
            .map { String($0.reversed().drop { $0 == " " || $0 == "\t" }.reversed()) }
        return lines.drop { $0.isEmpty }.reversed().drop { $0.isEmpty }.reversed().joined(separator: "\n")
    }

    /// Sets the note of the paper `id` (an id, arXiv id or earlier id); text that is empty once trimmed
    /// removes it. One journal entry; returns whether the note changed.
    @discardableResult
    public func setNote(_ id: String, _ raw: String) throws -> Bool {
        guard let paper = try paper(id: id) else { throw LibraryError("no paper with id \(id)") }
        let text = Store.noteText(raw)
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
