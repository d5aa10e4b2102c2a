import FolioTestSupport
import Foundation
import Testing

/// Marks, `;`, catch-up, undo and redo in the built reader, checked on the screen and in the library.
@Suite("bulk actions and undo end to end")
struct BulkEndToEndTests {
    static func count(_ library: TestLibrary, _ query: String) throws -> Int {
        try library.list([query, "--limit", "1000"]).count
    }

    /// The Daily Papers page's 54 papers in a library, and the reader open on them in tmux.
    static func readerOnThePage() throws -> (TestLibrary, Tmux) {
        let library = try TestLibrary()
        try library.ok(["import", CLI.fixture("hf-daily-papers-page.txt")])
        let tmux = try Tmux()
        try tmux.start(width: 120, height: 40)
        _ = try openReader(tmux, library, position: "1/54")
        return (library, tmux)
    }

    @Test func markThreeTagThemUndoRedoAndUndoAcrossTheCommandLine() throws {
        let (library, tmux) = try Self.readerOnThePage()

        try tmux.send(keys: "m", "m", "m")
        try tmux.waitFor({ status($0).contains("3 marked") && $0.filter { $0.contains("•") }.count == 3 },
                         "three rows marked and counted")
        try tmux.send(keys: "t")
        try tmux.type("rl")
        try tmux.send(keys: "Enter")
        try tmux.waitFor({ status($0).hasPrefix("Tag 3 papers with rl? (y/n)") }, "the question with the count")
        #expect(try Self.count(library, "tag:rl") == 0, "nothing is tagged before the answer")
        try tmux.send(keys: "y")
        try tmux.waitFor({ status($0).hasSuffix("tagged 3 papers rl") }, "tagged 3 papers")
        #expect(try Self.count(library, "tag:rl") == 3)

        try tmux.send(keys: "u")
        try tmux.waitFor({ status($0).hasSuffix("undid: tagged 3 papers rl") }, "the undo said")
        #expect(try Self.count(library, "tag:rl") == 0)
        try tmux.send(keys: "C-r")
        try tmux.waitFor({ status($0).hasSuffix("redid: tagged 3 papers rl") && $0.contains { $0.contains("│ rl ") } },
                         "the redo said, the tag in the sidebar")
        #expect(try Self.count(library, "tag:rl") == 3)

        #expect(try library.ok(["history"]).lines.first?.hasSuffix("\treader\ttagged 3 papers rl") == true)
        // The command line undoes the reader's change, and the reader shows it.
        #expect(try library.ok(["undo"]).stdout == "undid: tagged 3 papers rl\n")
        try tmux.waitFor({ !$0.contains { $0.contains("│ rl ") } && status($0).contains("3 marked") }, "the tag gone from the sidebar")
        // The reader undoes the command line's change.
        let id = try #require(try library.list(["--limit", "1"]).first?["id"] as? String)
        try library.ok(["star", id])
        try tmux.waitFor({ $0.contains { $0.contains("│Starred") && $0.contains(" 1│") } }, "the star counted in the sidebar")
        try tmux.send(keys: "u")
        try tmux.waitFor({ status($0).hasSuffix("undid: starred 1 paper") }, "the reader undid the star")
        #expect(try Self.count(library, "is:starred") == 0)
        // The command line's star ended what could be redone: the tagging, undone, is gone from the journal.
        let history = try library.ok(["history"]).lines
        #expect(history.count == 2 && history[0].hasSuffix("\tcli\tstarred 1 paper (undone)"), "\(history)")
        #expect(history[1].hasSuffix("\tcli\timported 54 papers from hf-page:hf-daily-papers-page.txt (54 new, 0 updated)"), "\(history)")
        // The import itself, undone from the reader and redone.
        try tmux.send(keys: "u")
        try tmux.waitFor({ status($0).hasSuffix("undid: imported 54 papers from hf-page:hf-daily-papers-page.txt (54 new, 0 updated)") },
                         "the reader undid the import")
        #expect(try library.list(["--limit", "1000"]).isEmpty)
        try tmux.send(keys: "C-r")
        try tmux.waitFor({ status($0).hasPrefix(" 1/54 ") }, "the papers back")
        #expect(try library.list(["--limit", "1000"]).count == 54)
        try quitReader(tmux)
    }

    @Test func semicolonTagsTheFilteredViewAfterTheQuestion() throws {
        let (library, tmux) = try Self.readerOnThePage()
        try tmux.send(keys: "/")
        try tmux.type("retriev*")
        try tmux.send(keys: "Enter")
        try tmux.waitFor({ status($0).hasPrefix(" 1/18 ") }, "the kept filter: 1/18")
        try tmux.send(keys: "\\;", "t")  // `;` alone ends a tmux command
        try tmux.type("ir")
        try tmux.send(keys: "Enter")
        try tmux.waitFor({ status($0).hasPrefix("Tag 18 papers with ir? (y/n)") }, "the question for the 18 papers of the view")
        try tmux.send(keys: "y")
        try tmux.waitFor({ status($0).hasSuffix("tagged 18 papers ir") }, "18 papers tagged")
        #expect(try Self.count(library, "tag:ir") == 18)
        #expect(try library.list(["tag:ir", "--limit", "1000"]).map { $0["id"] as? String }
                == (try library.list(["retriev*", "--limit", "1000"]).map { $0["id"] as? String }))
        try quitReader(tmux)
    }

    @Test func catchUpThenUndo() throws {
        let (library, tmux) = try Self.readerOnThePage()
        try tmux.send(keys: "A")
        try tmux.waitFor({ status($0).hasPrefix("Mark 54 papers read? (y/n)") }, "the catch-up question")
        try tmux.send(keys: "y")
        try tmux.waitFor({ status($0).hasSuffix("marked 54 papers read") }, "54 papers read")
        #expect(try Self.count(library, "is:read") == 54)
        try tmux.send(keys: "u")
        try tmux.waitFor({ status($0).hasSuffix("undid: marked 54 papers read") }, "the catch-up undone")
        #expect(try Self.count(library, "is:read") == 0)
        try quitReader(tmux)
    }
}
