import Foundation
import Testing
@testable import FolioCore

struct ArxivAtomReaderTests {
    let reader = ArxivAtomReader()

    func papers(_ fixture: String) throws -> [PaperInput] {
        try asImported(reader.readAll(Fixtures.data("arxiv-atom/\(fixture)")))
    }

    func importError(_ data: Data) -> ImportError? {
        FolioCoreTests.importError(with: reader, reading: data)
    }

    // Counts are the `<entry>` elements in each file; the two `id_list` queries for missing ids come back empty.
    @Test(arguments: [
        ("2026_id_0000.0000_s0_m100_8b51d9633a68.xml", 0),
        ("2026_id_0808.05394_s0_m100_7b0c7d0a7cdd.xml", 0),
        ("2026_id_0808.05394_1707.08567_s0_m100_42e5aa0ec3af.xml", 1),
        ("2026_id_1605.08386_s0_m100_199195aa31ad.xml", 1),
        ("2026_id_1707.08567_s0_m100_6a1afebfc6a3.xml", 1),
        ("2026_id_2104.12255v1_s0_m100_6ae69987ffe1.xml", 1),
        ("2026_id_astro-ph_0601001_s0_m100_3150dca9dc76.xml", 1),
        ("2026_id_quant-ph_0201082v1_s0_m100_86989fe779ef.xml", 1),
        ("arxiv_transformer.xml", 5),
        ("id_list_1111.2011v2.xml", 1),
        ("search_au_del_maestro.xml", 10),
        ("search_au_del_maestro_ANDNOT_checkerboard_OR_pyrochlore.xml", 10),
        ("search_au_del_maestro_AND_ti_checkerboard.xml", 1),
        ("search_au_del_maestro_AND_ti_quantum_criticality.xml", 2),
    ])
    func entryCount(fixture: String, expected: Int) throws {
        #expect(try papers(fixture).count == expected)
    }

    @Test func errorFeedThrowsWithArxivsMessage() throws {
        let data = try Fixtures.data("arxiv-atom/2026_id_abc_s0_m100_b79c8dcf6bc3.xml")
        let error = try #require(importError(data))
        #expect(error.location == .whole)
        #expect(error.message == "arXiv API error: incorrect id format for abc")
    }

    @Test func format2016EntryReadsEveryField() throws {
        let paper = try #require(papers("id_list_1111.2011v2.xml").first)
        // The title is hard-wrapped over two lines in the XML.
        #expect(paper.title == "Quantum Criticality for Extended Nodes on a Bethe Lattice in the Large Connectivity Limit")
        #expect(paper.arxivID == "1111.2011")
        #expect(paper.version == "v2")
        #expect(paper.authors == ["James M. Murray", "Adrian Del Maestro", "Zlatko Tesanovic"])
        #expect(paper.published == "2011-11-08")
        #expect(paper.updated == "2012-04-02")
        #expect(paper.categories == ["cond-mat.str-el", "cond-mat.stat-mech"])
        #expect(paper.primaryCategory == "cond-mat.str-el")
        #expect(paper.doi == "10.1103/PhysRevB.85.115117")
        #expect(paper.journalRef == "Phys. Rev. B 85, 115117 (2012)")
        #expect(paper.comments == "8 pages, 3 figures. Published version")
        #expect(paper.absURL == "http://arxiv.org/abs/1111.2011v2")
        #expect(paper.pdfURL == "http://arxiv.org/pdf/1111.2011v2")
        #expect(paper.abstract.hasPrefix("Theoretical description of anisotropic systems, such as layered superconductors and coupled spin chains"))
        #expect(paper.abstract.hasSuffix("similar to adding a single extra dimension to the theory describing a single node."))
        #expect(!paper.abstract.contains("\n"))
        #expect(!paper.abstract.contains("  "))
    }

    @Test func searchResultsKeepOrderAndJoinWrappedTitles() throws {
        let results = try papers("search_au_del_maestro.xml")
        #expect(results.map(\.arxivID) == [
            "1201.4869", "cond-mat/0412498", "cond-mat/0603029", "1005.5383", "1303.6954",
            "1312.6177", "1412.6529", "cond-mat/0607501", "cond-mat/0702661", "0807.2873",
        ])
        #expect(results[0].title == "A Luttinger Liquid Core Inside Helium-4 Filled Nanopores")
        #expect(results[2].title == "From stripe to checkerboard order on the square lattice in the presence of quenched disorder")
        #expect(results[2].authors == ["Adrian Del Maestro", "Bernd Rosenow", "Subir Sachdev"])
        #expect(results[7].title == "A striped supersolid phase and the search for deconfined quantum criticality in hard-core bosons on the triangular lattice")
        #expect(results[7].version == "v2")
    }

    @Test func oldStyleAstroPhID() throws {
        let paper = try #require(papers("2026_id_astro-ph_0601001_s0_m100_3150dca9dc76.xml").first)
        #expect(paper.arxivID == "astro-ph/0601001")
        #expect(paper.version == "v1")
        #expect(paper.title == "Frequency of Hot Jupiters and Very Hot Jupiters from the OGLE-III Transit Surveys Toward the Galactic Bulge and Carina")
        #expect(paper.authors == ["Andrew Gould", "Susan Dorsher", "B. Scott Gaudi", "Andrzej Udalski"])
        #expect(paper.categories == ["astro-ph"])
        #expect(paper.primaryCategory == "astro-ph")
        #expect(paper.published == "2006-01-02")
        #expect(paper.journalRef == "ActaAstron.56:1-50,2006")
        #expect(paper.doi == nil)
        #expect(paper.absURL == "https://arxiv.org/abs/astro-ph/0601001v1")
        #expect(paper.pdfURL == "https://arxiv.org/pdf/astro-ph/0601001v1")
        // `&amp;` and `&lt;` in the XML come out as characters.
        #expect(paper.abstract.contains("following Gould & Morgan (2003)"))
        #expect(paper.abstract.contains("V_max<17.5"))
        #expect(paper.abstract.hasPrefix("We derive the frequencies"))
    }

    @Test func oldStyleQuantPhID() throws {
        let paper = try #require(papers("2026_id_quant-ph_0201082v1_s0_m100_86989fe779ef.xml").first)
        #expect(paper.arxivID == "quant-ph/0201082")
        #expect(paper.version == "v1")
        #expect(paper.authors == ["Stephen Blaha"])
        #expect(paper.categories == ["quant-ph", "cs.PL"])
        #expect(paper.primaryCategory == "quant-ph")
        #expect(paper.published == "2002-01-18")
        #expect(paper.updated == "2002-01-18")
        #expect(paper.comments == "32 pages")
    }

    @Test func currentFormatCategoriesAndPrimary() throws {
        let results = try papers("arxiv_transformer.xml")
        let mana = try #require(results.first)
        #expect(mana.arxivID == "2606.13677")
        #expect(mana.title == "Mana: Dexterous Manipulation of Articulated Tools")
        #expect(mana.categories == ["cs.RO", "cs.AI", "cs.CV", "cs.LG"])
        #expect(mana.primaryCategory == "cs.RO")
        #expect(mana.authors == ["Zhao-Heng Yin", "Guanya Shi", "Pieter Abbeel", "C. Karen Liu"])
        #expect(mana.comments == "Project Page: https://zhaohengyin.github.io/mana")
        #expect(mana.published == "2026-06-11")
        #expect(mana.abstract.contains("(<1 minute per tool)"))
        let gfDiT = results[4]
        #expect(gfDiT.title == "GF-DiT: Scheduling Parallelism for Diffusion Transformer Serving")
        #expect(gfDiT.authors.count == 9)
        #expect(gfDiT.abstract.contains("service quality. This paper argues"))
        #expect(gfDiT.abstract.hasSuffix("approximately 60 $μ$s."))
    }

    @Test func titleThatIsJustANumber() throws {
        let paper = try #require(papers("2026_id_2104.12255v1_s0_m100_6ae69987ffe1.xml").first)
        #expect(paper.title == "0")
        #expect(paper.arxivID == "2104.12255")
        #expect(paper.comments == nil)
        #expect(paper.journalRef == nil)
    }

    @Test func mojibakeIsPutRightOnTheWayIn() throws {
        let read = try #require(reader.readAll(Fixtures.data("arxiv-atom/2026_id_1707.08567_s0_m100_6a1afebfc6a3.xml")).first)
        #expect(read.authors.contains("Dirk WÃ¼bben"), "the reader gives the capture as recorded")
        let paper = try #require(papers("2026_id_1707.08567_s0_m100_6a1afebfc6a3.xml").first)
        #expect(paper.authors.count == 34)
        #expect(paper.authors.first == "Kees A. Schouhamer Immink")
        #expect(paper.authors.contains("Dirk Wübben"))
        #expect(paper.authors.last == "Hirosuke Yamamoto")
    }

    @Test func truncatedXMLThrowsWithLineNumber() throws {
        let whole = try Fixtures.data("arxiv-atom/search_au_del_maestro.xml")
        let error = try #require(importError(whole.prefix(whole.count / 2)))
        guard let line = lineOfLineColumnError(error) else { return }
        #expect(line > 100)
        #expect(error.message.hasPrefix("invalid XML: "))
    }

    @Test func mismatchedTagNamesTheProblem() throws {
        let error = try #require(importError(Data("<feed>\n<entry><title>x</entry>\n</feed>".utf8)))
        guard let line = lineOfLineColumnError(error) else { return }
        #expect(line == 2)
        #expect(error.message.contains("closing tag does not match"))
    }

    @Test func rssDocumentIsNotAFeed() throws {
        let error = try #require(importError(Fixtures.data("arxiv-rss/cs_LG_sample.xml")))
        #expect(error.location == .whole)
        #expect(error.message.contains("<rss>"))
        #expect(error.message.contains("<feed>"))
    }

    @Test func emptyDataIsInvalid() throws {
        #expect(importError(Data()) != nil)
    }

    @Test func entryWithoutTitleNamesItsNumber() throws {
        let xml = """
        <feed xmlns="http://www.w3.org/2005/Atom">
          <entry><id>http://arxiv.org/abs/2104.12255v1</id><title>First</title></entry>
          <entry><id>http://arxiv.org/abs/1605.08386v1</id><summary>no title here</summary></entry>
        </feed>
        """
        let error = try #require(importError(Data(xml.utf8)))
        #expect(error.location == .record(2))
    }

    @Test func entryWithUnparseableIDStillImports() throws {
        let xml = """
        <feed xmlns="http://www.w3.org/2005/Atom">
          <entry><id>urn:uuid:1234</id><title>Kept</title></entry>
          <entry><title>No id at all</title></entry>
        </feed>
        """
        let results = try reader.readAll(Data(xml.utf8))
        #expect(results.map(\.title) == ["Kept", "No id at all"])
        #expect(results.map(\.arxivID) == [nil, nil])
    }

    @Test func externalEntityIsNeverRead() throws {
        let xml = """
        <?xml version="1.0"?>
        <!DOCTYPE feed [<!ENTITY x SYSTEM "file:///etc/passwd">]>
        <feed><entry><title>Hello &x; world</title></entry></feed>
        """
        do {
            let results = try reader.readAll(Data(xml.utf8))
            #expect(results.allSatisfy { !$0.title.contains("root:") })
        } catch let error as ImportError {
            #expect(error.message == "XML entity declarations are not accepted")
            #expect(!error.description.contains("root:"))
        }
    }

    @Test func billionLaughsFinishesQuickly() throws {
        var xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE feed [\n<!ENTITY lol0 \"lol\">\n"
        for level in 1...10 {
            xml += "<!ENTITY lol\(level) \"" + String(repeating: "&lol\(level - 1);", count: 10) + "\">\n"
        }
        xml += "]>\n<feed><entry><title>&lol10;</title></entry></feed>"
        let start = Date()
        let error = importError(Data(xml.utf8))
        #expect(Date().timeIntervalSince(start) < 2)
        #expect(error == ImportError(.whole, "XML entity declarations are not accepted"))
    }
}
