import Foundation
import FolioTestSupport
import Testing

/// Every bad file exits 1, names the file and where, and leaves the library byte for byte as it was.
@Suite("bad input changes nothing")
struct BadInputCLITests {
    enum Case: String, CaseIterable, CustomTestStringConvertible {
        case truncatedJSON, invalidXML, emptyFile, binaryFile, wrongForcedFormat, truncatedJSONL, unbalancedBibTeX
        var testDescription: String { rawValue }
    }

    /// Writes the bad file and returns its path, the extra arguments, and what the message must say.
    func make(_ kind: Case, in folder: URL) throws -> (path: String, arguments: [String], where: String) {
        let path = folder.appendingPathComponent("bad-\(kind.rawValue).input").path
        let json = try Data(contentsOf: URL(fileURLWithPath: CLI.fixture("hf-daily-papers/daily_papers_2026-06-12.json")))
        switch kind {
        case .truncatedJSON:
            try json.prefix(json.count / 2).write(to: URL(fileURLWithPath: path))
            return (path, [], "line")
        case .invalidXML:
            let xml = try String(contentsOfFile: CLI.fixture("arxiv-atom/search_au_del_maestro.xml"), encoding: .utf8)
            try xml.replacingOccurrences(of: "</title>", with: "</titel>").write(toFile: path, atomically: true, encoding: .utf8)
            return (path, [], "line")
        case .emptyFile:
            _ = FileManager.default.createFile(atPath: path, contents: Data())
            return (path, [], "empty")
        case .binaryFile:
            var bytes = [UInt8](repeating: 0, count: 4096)
            for i in bytes.indices { bytes[i] = UInt8(truncatingIfNeeded: i &* 7919 &+ 13) }
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            return (path, [], "NUL")
        case .wrongForcedFormat:
            try json.write(to: URL(fileURLWithPath: path))
            return (path, ["--format", "arxiv-atom"], "line")
        case .truncatedJSONL:
            let lines = try String(contentsOfFile: CLI.fixture("arxiv-oai-jsonl/snapshot_head50.jsonl"), encoding: .utf8)
            let cut = lines.prefix(lines.count * 2 / 3)  // 30-odd good lines, then half a record
            try String(cut).write(toFile: path, atomically: true, encoding: .utf8)
            return (path, [], "line")
        case .unbalancedBibTeX:
            let bib = try String(contentsOfFile: CLI.fixture("bibtex/pmlr_v224_automl23.bib"), encoding: .utf8)
            try (bib + "\n@InProceedings{broken,\n  title = {Never {closed},\n").write(toFile: path, atomically: true, encoding: .utf8)
            return (path, [], "line")
        }
    }

    @Test(arguments: Case.allCases)
    func badFileExitsOneNamesFileAndPlaceAndChangesNothing(kind: Case) throws {
        let lib = try TestLibrary()
        try lib.ok(["import", CLI.fixture("hf-daily-papers-page.txt")])
        try lib.ok(["star", try #require(try lib.list().first?["id"] as? String)])
        let before = try lib.bytes()
        let listBefore = try lib.ok(["list", "--json"]).stdout
        let bad = try make(kind, in: lib.folder)
        let result = try lib.run(["import", bad.path] + bad.arguments)
        #expect(result.status == 1)
        #expect(result.stderr.contains(bad.path), "message names the file: \(result.stderr)")
        #expect(result.stderr.contains(bad.where), "message says where: \(result.stderr)")
        #expect(!result.stderr.contains("Fatal error"))
        #expect(try lib.bytes() == before)
        #expect(try lib.ok(["list", "--json"]).stdout == listBefore)
    }

    @Test func unknownIDIsAnErrorNamingIt() throws {
        let lib = try TestLibrary()
        let result = try lib.run(["star", "9999.99999"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("9999.99999"))
    }

    @Test func badUsageExitsTwo() throws {
        let lib = try TestLibrary()
        #expect(try lib.run(["list", "--limit", "many"]).status == 2)
        #expect(try lib.run(["import"]).status == 2)
        #expect(try lib.run(["no-such-command"]).status == 2)
    }
}
