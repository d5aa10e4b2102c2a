import Foundation
import Testing
@testable import FolioCore

/// Every input `scripts/fuzz` found that crashed a reader: now an error, never a crash.
@Suite("fuzz regressions")
struct FuzzRegressionTests {
    static let readers: [String: any DocumentReader] = [
        "arxiv-atom": ArxivAtomReader(), "arxiv-rss": ArxivRSSReader(), "hf-json": HFJSONReader(),
        "hf-page": HFPageReader(), "bibtex": BibTeXReader(),
    ]

    @Test func everyCrashFoundIsNowAnError() throws {
        let folder = Fixtures.url("fuzz-crashes")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0 != "README.md" }.sorted()
        #expect(!files.isEmpty)
        for file in files {
            let reader = try #require(Self.readers.first { file.hasPrefix($0.key + "-") }?.value, "no reader for \(file)")
            let data = try Data(contentsOf: folder.appendingPathComponent(file))
            #expect(throws: ImportError.self, "\(file)") {
                try reader.read(data, context: ImportContext()) { _ in }
            }
        }
    }
}
