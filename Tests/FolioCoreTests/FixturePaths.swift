import Foundation
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
