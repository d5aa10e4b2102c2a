import Foundation

/// A note's text as the library keeps it (the reader, the command line and imports agree on it).
public enum NoteText {
    /// The note as stored: line ends as `\n`, trailing white space of each line and blank lines at either
    /// end dropped, so an editor's final newline does not count as a change.
    public static func normalized(_ raw: String) -> String {
        let lines = raw.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
            .split(separator: "\n", omittingEmptySubsequences: false)
            .map { String($0.reversed().drop { $0 == " " || $0 == "\t" }.reversed()) }
        return lines.drop { $0.isEmpty }.reversed().drop { $0.isEmpty }.reversed().joined(separator: "\n")
    }
}
