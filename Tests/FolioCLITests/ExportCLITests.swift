import Foundation
import FolioTestSupport
import Testing

@Suite("folio export")
struct ExportCLITests {
    @Test func backupRoundTripsIntoAFreshLibrary() throws {
        let lib = try TestLibrary()
        try lib.ok(["import", CLI.fixture("hf-daily-papers-page.txt"), CLI.fixture("hf-daily-papers/daily_papers_2026-06-12.json"),
                    CLI.fixture("arxiv-atom/search_au_del_maestro.xml"), CLI.fixture("bibtex/pmlr_v224_automl23.bib")])
        let ids = try lib.list().compactMap { $0["id"] as? String }
        try lib.ok(["star", ids[0], ids[5], ids[40]])
        try lib.ok(["tag", ids[5], "lasso", "theory"])
        try lib.ok(["tag", ids[77], "to-read"])
        let backup = lib.folder.appendingPathComponent("backup.json").path
        try lib.ok(["export", "--format", "folio-json", "-o", backup])

        let fresh = try TestLibrary()
        let result = try fresh.ok(["import", backup, "--json"])
        #expect(result.stdout.contains("\"format\":\"folio-json\""))
        #expect(try fresh.ok(["list", "--json"]).stdout == (try lib.ok(["list", "--json"]).stdout))
        #expect(try fresh.ok(["tags", "--json"]).stdout == (try lib.ok(["tags", "--json"]).stdout))
        #expect(try fresh.list(["--starred"]).count == 3)
        // And a second import of the same backup changes nothing.
        #expect(try fresh.ok(["import", backup, "--json"]).stdout.contains("\"new\":0,\"updated\":0"))
    }

    @Test func exportNeverOverwritesWithoutForce() throws {
        let lib = try TestLibrary()
        try lib.ok(["import", CLI.fixture("hf-daily-papers-page.txt")])
        let out = lib.folder.appendingPathComponent("papers.md").path
        try "keep me".write(toFile: out, atomically: true, encoding: .utf8)
        let refused = try lib.run(["export", "--format", "markdown", "-o", out])
        #expect(refused.status == 1)
        #expect(try String(contentsOfFile: out, encoding: .utf8) == "keep me")
        try lib.ok(["export", "--format", "markdown", "-o", out, "--force"])
        let markdown = try String(contentsOfFile: out, encoding: .utf8)
        #expect(markdown.contains("## Improved Active Multi-Task Representation Learning via Lasso"))
    }

    @Test(arguments: ["jsonl", "bibtex", "markdown"])
    func exportsToStdoutEveryPaper(format: String) throws {
        let lib = try TestLibrary()
        try lib.ok(["import", CLI.fixture("hf-daily-papers/daily_papers_2026-06-12.json")])
        let out = try lib.ok(["export", "--format", format]).stdout
        let marker = ["jsonl": "{\"id\":", "bibtex": "@misc{", "markdown": "\n## "][format]!
        #expect(out.components(separatedBy: marker).count - 1 == 30)
    }

    @Test func bibtexExportImportsBack() throws {
        let lib = try TestLibrary()
        try lib.ok(["import", CLI.fixture("hf-daily-papers/daily_papers_2026-06-12.json")])
        let out = lib.folder.appendingPathComponent("out.bib").path
        try lib.ok(["export", "--format", "bibtex", "-o", out])
        let fresh = try TestLibrary()
        try fresh.ok(["import", out])
        let ids = Set(try fresh.list().compactMap { $0["arxiv_id"] as? String })
        #expect(ids == Set(try lib.list().compactMap { $0["arxiv_id"] as? String }))
    }
}
