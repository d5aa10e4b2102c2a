import Foundation
import FolioTestSupport
import Testing

@Suite("notes from the command line")
struct NoteCLITests {
    /// `folio note ID` prints, `--set` replaces or removes, `--edit` goes through `$EDITOR`, `--json` says
    /// the note as saved; a failing editor and an unknown id change nothing.
    @Test func setShowEditAndRemoveANote() throws {
        let library = try TestLibrary()
        try library.ok(["import", CLI.fixture("arxiv-oai-jsonl/snapshot_head50.jsonl")])
        #expect(try library.ok(["note", "0704.0001"]).stdout.isEmpty)
        #expect(try library.ok(["note", "0704.0001", "--set", "First look:\nthe QCD part."]).stdout == "saved the note of 0704.0001\n")
        #expect(try library.ok(["note", "arXiv:0704.0001v2"]).stdout == "First look:\nthe QCD part.\n")
        #expect(try library.ok(["note", "0704.0001", "--json"]).stdout == "{\"id\":\"0704.0001\",\"note\":\"First look:\\nthe QCD part.\"}\n")
        #expect(try library.ok(["note", "0704.0001", "--set", "First look:\nthe QCD part.\n"]).stdout == "note unchanged\n")

        // The editor gets the note in a file and leaves the new one there.
        let editor = library.folder.appendingPathComponent("editor.sh")
        try """
            #!/bin/sh
            { cat "$1"; printf '\\nAnd a second look.\\n'; } > "$1.new" && mv "$1.new" "$1"
            """.write(to: editor, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: editor.path)
        #expect(try library.ok(["note", "0704.0001", "--edit"], environment: ["EDITOR": editor.path]).stdout == "saved the note of 0704.0001\n")
        #expect(try library.ok(["note", "0704.0001"]).stdout == "First look:\nthe QCD part.\nAnd a second look.\n")
        #expect(try library.ok(["list", "note:\"second look\""]).stdout.contains("0704.0001"))

        let failing = try library.run(["note", "0704.0001", "--edit"], environment: ["VISUAL": "false"])
        #expect(failing.status != 0 && failing.stderr.contains("the editor false failed (status 1): the note is unchanged"), "\(failing.stderr)")
        #expect(try library.ok(["note", "0704.0001"]).stdout == "First look:\nthe QCD part.\nAnd a second look.\n")
        #expect(try library.run(["note", "9999.99999", "--set", "x"]).stderr.contains("no paper with id 9999.99999"))

        // Undone as one entry, removed by an empty note.
        try library.ok(["undo"])
        #expect(try library.ok(["note", "0704.0001"]).stdout == "First look:\nthe QCD part.\n")
        #expect(try library.ok(["note", "0704.0001", "--set", ""]).stdout == "removed the note of 0704.0001\n")
        #expect(try library.ok(["show", "0704.0001"]).stdout.contains("note:") == false)
        #expect(try library.list(["has:note"]).isEmpty)
    }
}
