import FolioCore
import Foundation

/// Papers as lines of the arXiv metadata dump (`arxiv-metadata-oai-snapshot.json`), so the benchmark
/// imports through the same reader and code as `folio import`.
enum DumpFile {
    static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// `2024-03-18` as the dump's version date, `Mon, 18 Mar 2024 00:00:00 GMT` (the weekday is not read).
    static func created(_ day: String) -> String {
        let parts = day.split(separator: "-")
        guard parts.count == 3, let month = Int(parts[1]), let date = Int(parts[2]) else { return "" }
        return "Mon, \(date) \(months[month - 1]) \(parts[0]) 00:00:00 GMT"
    }

    static func line(_ paper: PaperInput) -> String {
        let authors = paper.authors.map { name -> String in
            let parts = name.split(separator: " ")
            let first = parts.dropLast().joined(separator: " ")
            return "[" + JSONText.quote(String(parts.last ?? "")) + "," + JSONText.quote(first) + ",\"\"]"
        }
        return "{\"id\":" + JSONText.quote(paper.arxivID ?? "") + ",\"submitter\":null"
            + ",\"authors\":" + JSONText.quote(paper.authors.joined(separator: ", "))
            + ",\"title\":" + JSONText.quote(paper.title) + ",\"comments\":null,\"journal-ref\":null,\"doi\":null,\"report-no\":null"
            + ",\"categories\":" + JSONText.quote(paper.categories.joined(separator: " ")) + ",\"license\":null"
            + ",\"abstract\":" + JSONText.quote(paper.abstract)
            + ",\"versions\":[{\"version\":\"v1\",\"created\":" + JSONText.quote(created(paper.published ?? "")) + "}]"
            + ",\"update_date\":" + JSONText.quote(paper.published ?? "") + ",\"authors_parsed\":[" + authors.joined(separator: ",") + "]}\n"
    }

    /// Writes `papers` to `path`, a megabyte or so at a time, and waits until they are on disk.
    static func write(_ papers: some Sequence<PaperInput>, to path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil), let handle = FileHandle(forWritingAtPath: path) else {
            throw CocoaError(.fileWriteNoPermission)
        }
        defer { try? handle.close() }
        var buffer = ""
        for paper in papers {
            buffer += line(paper)
            if buffer.utf8.count > 1 << 20 {
                try handle.write(contentsOf: Data(buffer.utf8))
                buffer = ""
            }
        }
        try handle.write(contentsOf: Data(buffer.utf8))
        // On disk before the import is timed, as a downloaded dump is: not written back while it runs.
        try handle.synchronize()
    }
}
