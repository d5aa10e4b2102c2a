import Foundation
import FolioTestSupport
import Testing

/// Bulk actions by query, the journal, undo and redo, tags renamed and removed, from the command line.
@Suite("journal and bulk actions")
struct JournalCLITests {
    /// The arXiv snapshot: 50 papers, 6 of them with `quantum` in their text.
    static func library() throws -> TestLibrary {
        let lib = try TestLibrary()
        try lib.ok(["import", CLI.fixture("arxiv-oai-jsonl/snapshot_head50.jsonl")])
        return lib
    }

    static func ids(_ lib: TestLibrary, _ arguments: [String]) throws -> Set<String> {
        Set(try lib.list(arguments + ["--limit", "1000"]).compactMap { $0["id"] as? String })
    }

    @Test func bulkByQueryDryRunChangesNothingThenActs() throws {
        let lib = try Self.library()
        let quantum = try Self.ids(lib, ["quantum"])
        #expect(quantum.count > 2)
        let dry = try lib.ok(["tag", "--query", "quantum", "rl", "--dry-run"]).stdout
        #expect(dry == "tagged \(quantum.count) papers rl (\(quantum.count) tags) (dry run: nothing changed)\n")
        #expect(try Self.ids(lib, ["tag:rl"]).isEmpty)
        #expect(try lib.ok(["history"]).lines.count == 1, "the import alone")

        #expect(try lib.ok(["tag", "--query", "quantum", "rl"]).stdout == "tagged \(quantum.count) papers rl (\(quantum.count) tags)\n")
        #expect(try Self.ids(lib, ["tag:rl"]) == quantum)
        for (command, query, check) in [("star", "is:starred", true), ("read", "is:read", true)] {
            let said = command == "star" ? "starred \(quantum.count) papers" : "marked \(quantum.count) papers read"
            #expect(try lib.ok([command, "--query", "quantum"]).stdout == said + "\n")
            #expect(try Self.ids(lib, [query]) == (check ? quantum : []))
        }
        #expect(try lib.ok(["unstar", "--query", "quantum", "--dry-run"]).stdout.contains("unstarred \(quantum.count) papers (dry run"))
        #expect(try Self.ids(lib, ["is:starred"]) == quantum)
        #expect(try lib.ok(["untag", "--query", "tag:rl", "rl"]).stdout.hasPrefix("untagged \(quantum.count) papers rl"))
        #expect(try Self.ids(lib, ["tag:rl"]).isEmpty)

        // Ids and a query at once, neither, or a query that does not parse: refused, nothing changed.
        for bad in [["star", "0704.0001", "--query", "x"], ["star"], ["star", "--query", "(x"], ["tag", "--query", "x"]] {
            let result = try lib.run(bad)
            #expect(result.status == 1, "\(bad)")
            #expect(!result.stderr.isEmpty, "\(bad)")
        }
        #expect(try lib.ok(["history"]).lines.count == 5)  // import, tag, star, read, untag
    }

    @Test func historyJSONAndUndoRedoAnyNumberOfSteps() throws {
        let lib = try Self.library()
        try lib.ok(["tag", "0704.0001", "0704.0002", "rl", "to read"])
        try lib.ok(["star", "0704.0003"])
        try lib.ok(["topic", "add", "q", "quantum"])
        let entries = try lib.ok(["history", "--json"]).lines.map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        #expect(entries.map { $0["summary"] as? String } == ["saved topic q: quantum", "starred 1 paper", "tagged 2 papers rl, to read",
                                                             "imported 50 papers from arxiv-jsonl:snapshot_head50.jsonl (50 new, 0 updated)"])
        #expect(entries.map { $0["origin"] as? String } == ["cli", "cli", "cli", "cli"])
        #expect(entries.map { $0["changes"] as? Int } == [1, 1, 4, 50])
        #expect(entries.map { $0["undone"] as? Bool } == [false, false, false, false])
        #expect(entries.allSatisfy { ($0["at"] as? String)?.hasSuffix("Z") == true && $0["seq"] is Int })

        #expect(try lib.ok(["undo", "--steps", "2"]).lines == ["undid: saved topic q: quantum", "undid: starred 1 paper"])
        #expect(try lib.ok(["topic", "list"]).stdout.isEmpty)
        #expect(try Self.ids(lib, ["is:starred"]).isEmpty)
        #expect(try Self.ids(lib, ["tag:rl"]) == ["0704.0001", "0704.0002"])
        #expect(try lib.ok(["history", "--limit", "1"]).lines.first?.hasSuffix("saved topic q: quantum (undone)") == true)
        #expect(try lib.ok(["redo"]).lines == ["redid: starred 1 paper"])
        #expect(try Self.ids(lib, ["is:starred"]) == ["0704.0003"])
        // A new change ends what could be redone.
        try lib.ok(["read", "0704.0004"])
        #expect(try lib.ok(["redo"]).lines == ["nothing to redo"])
        #expect(try lib.ok(["undo", "--steps", "3"]).lines.count == 3)
        #expect(try Self.ids(lib, ["tag:rl OR is:starred OR is:read"]).isEmpty)
        #expect(try lib.ok(["undo", "--steps", "10"]).lines == ["undid: imported 50 papers from arxiv-jsonl:snapshot_head50.jsonl (50 new, 0 updated)"])
        #expect(try lib.ok(["undo"]).lines == ["nothing to undo"])
        #expect(try lib.run(["undo", "--steps", "0"]).status != 0)
    }

    @Test func tagRenameMergesTwoTagsAndRemoveSaysHowMany() throws {
        let lib = try Self.library()
        try lib.ok(["tag", "0704.0001", "0704.0002", "ML"])
        try lib.ok(["tag", "0704.0002", "0704.0003", "machine learning"])
        #expect(try lib.ok(["tag", "rename", "ml", "Machine Learning"]).stdout == "renamed tag ml to Machine Learning on 2 papers\n")
        #expect(try lib.ok(["tags"]).lines == ["machine learning\t3"])
        #expect(try lib.ok(["undo"]).lines == ["undid: renamed tag ML to machine learning on 2 papers"])
        #expect(try lib.ok(["tags"]).lines == ["ML\t2", "machine learning\t2"])
        #expect(try lib.ok(["tag", "rm", "machine learning"]).stdout == "removed tag machine learning from 2 papers\n")
        #expect(try lib.ok(["tags"]).lines == ["ML\t2"])
        let missing = try lib.run(["tag", "rm", "nosuch"])
        #expect(missing.status == 1 && missing.stderr.contains("no tag named nosuch"))
        #expect(try lib.run(["tag", "rename", "nosuch", "x"]).status == 1)
        try lib.ok(["undo"])
        #expect(try lib.ok(["tags"]).lines == ["ML\t2", "machine learning\t2"])
    }

    /// An import undone takes its papers out (those without a star, tag or read mark) and puts back the
    /// ones it changed; redone, all of it again; a search finds what the library holds.
    @Test func undoOfAnImport() throws {
        let lib = try Self.library()
        try lib.ok(["star", "0704.0002"])
        let day = try lib.file("day.jsonl", """
            {"id": "0704.0002", "title": "Sparsity-certifying graph decompositions, revised", "abstract": "New words.", "authors": "Ileana Streinu", "categories": "math.CO", "versions": [{"version": "v2", "created": "Sat, 13 Dec 2008 17:26:00 GMT"}]}
            {"id": "2612.00001", "title": "A paper of the day", "abstract": "About quantum graphs.", "authors": "A. Author", "categories": "quant-ph", "versions": [{"version": "v1", "created": "Tue, 1 Dec 2026 10:00:00 GMT"}]}
            """)
        let before = try lib.list(["--limit", "1000"])
        try lib.ok(["import", day])
        #expect(try Self.ids(lib, ["revised OR \"paper of the day\""]) == ["0704.0002", "2612.00001"])
        let after = try lib.list(["--limit", "1000"])
        #expect(try lib.ok(["undo"]).lines == ["undid: imported 2 papers from arxiv-jsonl:day.jsonl (1 new, 1 updated)"])
        #expect(try lib.list(["--limit", "1000"]).map(NSDictionary.init) == before.map(NSDictionary.init))
        #expect(try Self.ids(lib, ["revised OR \"paper of the day\""]).isEmpty)
        #expect(try Self.ids(lib, ["is:starred"]) == ["0704.0002"])
        #expect(try lib.ok(["redo"]).lines == ["redid: imported 2 papers from arxiv-jsonl:day.jsonl (1 new, 1 updated)"])
        #expect(try lib.list(["--limit", "1000"]).map(NSDictionary.init) == after.map(NSDictionary.init))
        #expect(try Self.ids(lib, ["quantum graph*"]).contains("2612.00001"))
    }
}
