import Foundation
import Testing
@testable import FolioCore

/// Test inputs in `Tests/Fixtures`, found from this file's own path so tests run from any directory.
enum Fixtures {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()
        .deletingLastPathComponent()
        .appendingPathComponent("Fixtures")

    static func url(_ relative: String) -> URL {
        root.appendingPathComponent(relative)
    }

    static func data(_ relative: String) throws -> Data {
        try Data(contentsOf: url(relative))
    }
}

extension DocumentReader {
    /// Every paper the reader emits for `data`, in order.
    func readAll(_ data: Data, context: ImportContext = ImportContext()) throws -> [PaperInput] {
        var papers: [PaperInput] = []
        try read(data, context: context) { papers.append($0) }
        return papers
    }
}

/// The line of an error that must carry a line and column; records an issue otherwise.
func lineOfLineColumnError(_ error: ImportError, sourceLocation: SourceLocation = #_sourceLocation) -> Int? {
    guard case .lineColumn(let line, _) = error.location else {
        Issue.record("expected a line and column, got \(error.location)", sourceLocation: sourceLocation)
        return nil
    }
    return line
}
