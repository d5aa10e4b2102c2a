import Foundation
import FolioTestSupport
import Testing

/// `folio index stats` on the fixture imports, checked against what `sqlite3` and a rebuilt index say.
@Suite("folio index stats")
struct IndexStatsCLITests {
    static let fixtures = ["hf-daily-papers/daily_papers_2026-06-12.json", "arxiv-atom/search_au_del_maestro.xml",
                           "arxiv-oai-jsonl/snapshot_head50.jsonl", "hf-daily-papers-page.txt"].map(CLI.fixture)

    static func stats(_ lib: TestLibrary, environment: [String: String] = [:]) throws -> [String: Any] {
        let result = try CLI.run(["--library", lib.path, "index", "stats", "--json"], environment: environment)
        #expect(result.status == 0, "\(result.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    }

    static func segments(_ stats: [String: Any]) -> [[String: Any]] { stats["segment_list"] as? [[String: Any]] ?? [] }

    /// The first paper of the snapshot fixture again, with a new title: its next import re-indexes it.
    static func retitled(_ lib: TestLibrary) throws -> String {
        let line = try String(contentsOfFile: CLI.fixture("arxiv-oai-jsonl/snapshot_head50.jsonl"), encoding: .utf8).split(separator: "\n")[0]
        var paper = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        paper["title"] = "Retitled zebra quokka"
        let file = lib.folder.appendingPathComponent("retitled.jsonl")
        try JSONSerialization.data(withJSONObject: paper).write(to: file)
        return file.path
    }

    @Test func segmentsBytesAndStalePostingsOfTheFixtureImports() throws {
        let lib = try TestLibrary()
        try lib.ok(["import"] + Self.fixtures)
        try lib.ok(["import", try Self.retitled(lib)])
        let stats = try Self.stats(lib)
        let list = Self.segments(stats)
        // One segment per file, none merged: all are below the policy's first tier.
        #expect(stats["segments"] as? Int == 5 && list.count == 5)
        #expect(stats["merge_bound"] as? Int == 7)
        #expect(list.map { $0["id"] as? Int ?? 0 }.map(String.init).joined(separator: "\n")
                == (try LibraryProbe.query(lib.path, "SELECT id FROM search_segment ORDER BY id")))
        #expect(stats["postings_bytes"] as? Int == Int(try LibraryProbe.query(lib.path, "SELECT sum(length(docs)) FROM search_postings")))
        #expect(list.reduce(0) { $0 + ($1["postings_bytes"] as? Int ?? 0) } == stats["postings_bytes"] as? Int)
        // The retitled paper: the last segment holds it alone and re-indexes it; its old postings are stale.
        #expect(list.last?["papers"] as? Int == 1 && list.last?["replaced"] as? Int == 1)
        let postings = try #require(stats["postings"] as? Int), stale = try #require(stats["stale_postings"] as? Int)
        #expect(stale > 0 && stale < postings && list.last?["stale_postings"] as? Int == 0)
        #expect(abs((stats["stale_fraction"] as? Double ?? -1) - Double(stale) / Double(postings)) < 1e-9)

        let text = try lib.ok(["index", "stats"]).lines
        #expect(text.first == "segments: 5 (the merge policy keeps at most 7)")
        #expect(text.count == 7 && text[1].hasPrefix("segment \(list[0]["id"] as? Int ?? 0): \(list[0]["papers"] as? Int ?? 0) papers, 0 re-indexed, "))
        #expect(text.last?.hasPrefix("postings: \(stats["postings_bytes"] as? Int ?? 0) bytes, \(postings) postings, \(stale) stale (") == true)

        // Rebuilt, the index is one segment of the live postings: what was not stale before.
        try lib.ok(["index", "rebuild"])
        let rebuilt = try Self.stats(lib)
        #expect(rebuilt["segments"] as? Int == 1 && rebuilt["stale_postings"] as? Int == 0)
        #expect(rebuilt["postings"] as? Int == postings - stale)
        #expect(Self.segments(rebuilt).first?["papers"] as? Int == Int(try LibraryProbe.query(lib.path, "SELECT count(*) FROM paper")))
    }

    /// Imports that merge at nearly every step (the crash tests' setting) keep within the bound, and
    /// their merges leave the same live postings and no stale ones in merged segments.
    @Test func mergingImportsStayWithinTheBoundWithTheSameLivePostings() throws {
        let lib = try TestLibrary()
        let merging = ["FOLIO_TESTING_MERGE_FAN_OUT": "2"]
        for file in Self.fixtures + [try Self.retitled(lib)] {
            let result = try CLI.run(["--library", lib.path, "import", file], environment: merging)
            #expect(result.status == 0, "\(result.stderr)")
        }
        let stats = try Self.stats(lib, environment: merging)
        let count = try #require(stats["segments"] as? Int)
        #expect(count <= stats["merge_bound"] as? Int ?? 0 && count < 5)
        let live = (stats["postings"] as? Int ?? 0) - (stats["stale_postings"] as? Int ?? 0)
        try lib.ok(["index", "rebuild"])
        #expect(try Self.stats(lib)["postings"] as? Int == live)
    }
}
