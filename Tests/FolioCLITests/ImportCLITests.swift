import Foundation
import FolioTestSupport
import Testing

@Suite("folio import")
struct ImportCLITests {
    /// The page's paragraphs after its chrome and date line: title, abstract, title, abstract…
    static func pageParagraphs() throws -> [String] {
        let text = try String(contentsOfFile: CLI.fixture("hf-daily-papers-page.txt"), encoding: .utf8)
        let paragraphs = text.components(separatedBy: "\n\n").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
        let start = try #require(paragraphs.firstIndex(of: "Mar 18")) + 1
        return Array(paragraphs[start...])
    }

    @Test func dailyPapersPageGives54PapersExactlyAsOnThePage() throws {
        let lib = try TestLibrary()
        let result = try lib.ok(["import", CLI.fixture("hf-daily-papers-page.txt"), "--json"])
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(summary["format"] as? String == "hf-page")
        #expect(summary["new"] as? Int == 54)
        let papers = try lib.list(["--sort", "date"])
        #expect(papers.count == 54)
        let paragraphs = try Self.pageParagraphs()
        #expect(paragraphs.count == 108)
        // Papers of one day keep the page's order.
        for (i, paper) in papers.enumerated() {
            #expect(paper["title"] as? String == paragraphs[2 * i])
            #expect(paper["abstract"] as? String == paragraphs[2 * i + 1])
            #expect(paper["published"] as? String == "2026-03-18")
            #expect(paper["arxiv_id"] is NSNull)
        }
    }

    @Test func huggingFaceJSONGives30PapersWithIDsAuthorsAndUpvotes() throws {
        let lib = try TestLibrary()
        try lib.ok(["import", CLI.fixture("hf-daily-papers/daily_papers_2026-06-12.json")])
        let papers = try lib.list()
        #expect(papers.count == 30)
        for paper in papers {
            #expect((paper["arxiv_id"] as? String)?.isEmpty == false)
            #expect((paper["authors"] as? [String])?.isEmpty == false)
            #expect(paper["upvotes"] is Int)
        }
        let first = try #require(papers.first { $0["arxiv_id"] as? String == "2606.00467" })
        #expect(first["authors"] as? [String] == ["Etienne Casanova", "Rafal Kocielnik", "R. Michael Alvarez"])
    }

    @Test(arguments: [
        ("arxiv-atom/2026_id_1605.08386_s0_m100_199195aa31ad.xml", 1),
        ("arxiv-atom/2026_id_astro-ph_0601001_s0_m100_3150dca9dc76.xml", 1),
        ("arxiv-atom/2026_id_quant-ph_0201082v1_s0_m100_86989fe779ef.xml", 1),
        ("arxiv-atom/search_au_del_maestro.xml", 10),
        ("arxiv-atom/id_list_1111.2011v2.xml", 1),
    ])
    func atomFeedsGiveTheirEntries(file: String, count: Int) throws {
        let lib = try TestLibrary()
        let result = try lib.ok(["import", CLI.fixture(file)])
        #expect(result.stdout.contains("\(count) new"))
        let papers = try lib.list()
        #expect(papers.count == count)
        for paper in papers {
            let title = try #require(paper["title"] as? String)
            #expect(!title.contains("\n") && !title.contains("  "))
        }
    }

    @Test func oldStyleArxivIDsAreKept() throws {
        let lib = try TestLibrary()
        try lib.ok(["import", CLI.fixture("arxiv-atom/2026_id_astro-ph_0601001_s0_m100_3150dca9dc76.xml"),
                    CLI.fixture("arxiv-atom/2026_id_quant-ph_0201082v1_s0_m100_86989fe779ef.xml")])
        let ids = Set(try lib.list().compactMap { $0["arxiv_id"] as? String })
        #expect(ids == ["astro-ph/0601001", "quant-ph/0201082"])
        #expect(try lib.ok(["show", "quant-ph/0201082v1", "--json"]).stdout.contains("\"version\":\"v1\""))
    }

    @Test func errorFeedExitsOneWithArxivsMessageAndChangesNothing() throws {
        let lib = try TestLibrary()
        try lib.ok(["import", CLI.fixture("hf-daily-papers-page.txt")])
        let before = try lib.bytes()
        let result = try lib.run(["import", CLI.fixture("arxiv-atom/2026_id_abc_s0_m100_b79c8dcf6bc3.xml")])
        #expect(result.status == 1)
        #expect(result.stderr.contains("incorrect id format for abc"))
        #expect(result.stderr.contains("2026_id_abc_s0_m100_b79c8dcf6bc3.xml"))
        #expect(try lib.bytes() == before)
    }

    @Test(arguments: ["arxiv-atom/2026_id_0000.0000_s0_m100_8b51d9633a68.xml", "arxiv-atom/2026_id_0808.05394_s0_m100_7b0c7d0a7cdd.xml"])
    func emptyFeedsImportNothingAndSucceed(file: String) throws {
        let lib = try TestLibrary()
        let result = try lib.ok(["import", CLI.fixture(file), "--json"])
        #expect(result.stdout.contains("\"new\":0"))
        #expect(try lib.list().isEmpty)
    }

    @Test func arxivSnapshotGives50() throws {
        let lib = try TestLibrary()
        let result = try lib.ok(["import", CLI.fixture("arxiv-oai-jsonl/snapshot_head50.jsonl")])
        #expect(result.stdout.contains("50 new"))
        #expect(result.stderr.isEmpty, "no progress bar when stderr is not a terminal")
        let first = try #require(try lib.list().first { $0["arxiv_id"] as? String == "0704.0001" })
        #expect(first["title"] as? String == "Calculation of prompt diphoton production cross sections at Tevatron and LHC energies")
        #expect((first["authors"] as? [String])?.first == "C. Balázs")
        #expect(first["published"] as? String == "2007-04-02")
    }

    /// JSON gives the names as the file wrote them (TeX is data); `show` renders them.
    @Test func bibtexGives24PapersShownWithDecodedAccents() throws {
        let lib = try TestLibrary()
        try lib.ok(["import", CLI.fixture("bibtex/pmlr_v224_automl23.bib")])
        let papers = try lib.list()
        #expect(papers.count == 24)
        let xiang = try #require(papers.first { ($0["authors"] as? [String] ?? []).contains("{\\L}ukasz Dudziak") })
        let shown = try lib.ok(["show", try #require(xiang["id"] as? String)]).stdout
        #expect(shown.contains("Łukasz Dudziak"))
        #expect(!shown.contains("\\L"))
        #expect(try lib.ok(["list", "author:lukasz"]).stdout.contains("Zero-Cost NAS"))
    }

    @Test func importingTwiceChangesNothingAndKeepsStarsAndTags() throws {
        let lib = try TestLibrary()
        let file = CLI.fixture("hf-daily-papers/daily_papers_2026-06-12.json")
        try lib.ok(["import", file])
        try lib.ok(["star", "2606.00467"])
        try lib.ok(["tag", "2606.00467", "lasso", "theory"])
        let before = try lib.ok(["list", "--json"]).stdout
        let again = try lib.ok(["import", file, "--json"]).stdout
        #expect(again.contains("\"new\":0") && again.contains("\"updated\":0") && again.contains("\"unchanged\":30"))
        #expect(try lib.ok(["list", "--json"]).stdout == before)
        let starred = try lib.list(["--starred"])
        #expect(starred.count == 1)
        #expect(starred.first?["tags"] as? [String] == ["lasso", "theory"])
    }

    @Test func pagePaperMergesWithTheSamePaperArrivingWithAnArxivID() throws {
        let lib = try TestLibrary()
        try lib.ok(["import", CLI.fixture("hf-daily-papers-page.txt")])
        let first = try #require(try lib.list().first)
        let pageID = try #require(first["id"] as? String)
        #expect(pageID.hasPrefix("t-"))
        try lib.ok(["star", pageID])
        try lib.ok(["tag", pageID, "keep"])
        // The same title arriving from arXiv with an id.
        let title = try #require(first["title"] as? String)
        let atom = lib.folder.appendingPathComponent("same.xml")
        try """
            <?xml version="1.0" encoding="UTF-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom" xmlns:arxiv="http://arxiv.org/schemas/atom">
              <entry><id>http://arxiv.org/abs/2403.01234v2</id><title>\(title.uppercased())</title>
              <summary>From arXiv.</summary><published>2024-03-02T00:00:00Z</published>
              <author><name>A. Author</name></author></entry>
            </feed>
            """.write(to: atom, atomically: true, encoding: .utf8)
        let result = try lib.ok(["import", atom.path, "--json"])
        #expect(result.stdout.contains("\"updated\":1"))
        let papers = try lib.list()
        #expect(papers.count == 54)
        let merged = try #require(papers.first { $0["arxiv_id"] as? String == "2403.01234" })
        #expect(merged["id"] as? String == "2403.01234")
        #expect(merged["starred"] as? Bool == true)
        #expect(merged["tags"] as? [String] == ["keep"])
        // The page's id still names the paper, in every command and in `id:`.
        #expect(try lib.ok(["show", pageID, "--json"]).stdout.contains("\"id\":\"2403.01234\""))
        #expect(try lib.list(["id:\(pageID)"]).compactMap { $0["id"] as? String } == ["2403.01234"])
        // And in a topic: counted through the index, listed on the paper through the matcher.
        #expect(try lib.ok(["topic", "add", "old", "id:\(pageID)"]).stdout == "topic old: 1 paper\n")
        #expect(try lib.ok(["show", "2403.01234", "--json"]).stdout.contains("\"topics\":[\"old\"]"))
        try lib.ok(["tag", pageID, "again"])
        try lib.ok(["read", pageID])
        try lib.ok(["unstar", pageID])
        let after = try #require(try lib.list(["id:2403.01234"]).first)
        #expect(after["tags"] as? [String] == ["again", "keep"] && after["read"] as? Bool == true && after["starred"] as? Bool == false)
    }
}
