import Foundation
import Testing
@testable import FolioCore

struct ArxivRSSReaderTests {
    let reader = ArxivRSSReader()

    func samplePapers() throws -> [PaperInput] {
        try asImported(reader.readAll(Fixtures.data("arxiv-rss/cs_LG_sample.xml")))
    }

    func importError(_ data: Data) -> ImportError? {
        FolioCoreTests.importError(with: reader, reading: data)
    }

    @Test func sampleHasFourItemsWithTheirAnnounceTypes() throws {
        let papers = try samplePapers()
        #expect(papers.count == 4)
        #expect(papers.map(\.announceType) == ["new", "cross", "replace", "replace-cross"])
        #expect(papers.map(\.arxivID) == ["2606.13568", "2606.13677", "2606.13501", "2606.13591"])
        #expect(papers.map(\.version) == ["v1", "v1", "v2", "v2"])
        #expect(papers.allSatisfy { $0.announced == "2026-06-15" })
        // A listing's date is the day of the announcement; the paper itself was first published in its id's month.
        #expect(papers.allSatisfy { $0.published == "2026-06" })
    }

    @Test func newItemReadsEveryField() throws {
        let paper = try #require(samplePapers().first)
        #expect(paper.title == "Adjusted Cup-Product Neural Layer")
        #expect(paper.authors == ["Snigdha Chandan Khilar"])
        #expect(paper.categories == ["cs.LG", "math-ph"])
        #expect(paper.absURL == "https://arxiv.org/abs/2606.13568")
        #expect(paper.abstract.hasPrefix("Many important observables in physics and geometry are cup products of cochains."))
        #expect(paper.abstract.hasSuffix("exactly invariant under one and two gauge transformations."))
    }

    @Test func abstractLosesTheAnnouncePrefix() throws {
        for paper in try samplePapers() {
            #expect(!paper.abstract.contains("Announce Type"))
            #expect(!paper.abstract.hasPrefix("arXiv:"))
            #expect(!paper.abstract.contains("\n"))
        }
        let gfDiT = try samplePapers()[2]
        #expect(gfDiT.abstract.hasPrefix("Diffusion Transformers (DiTs) have become the dominant architecture"))
        #expect(gfDiT.abstract.contains("service quality. This paper argues"))
    }

    @Test func creatorsSplitIntoAuthors() throws {
        let papers = try samplePapers()
        #expect(papers[1].authors == ["Zhao-Heng Yin", "Guanya Shi", "Pieter Abbeel", "C. Karen Liu"])
        #expect(papers[2].authors.count == 9)
        #expect(papers[2].authors.first == "Xinwei Qiang")
        #expect(papers[2].authors.last == "Minyi Guo")
        #expect(papers[3].authors == ["Ali Elahi", "Barbara Di Eugenio"])
    }

    @Test func crossListingKeepsCategoryOrder() throws {
        let mana = try samplePapers()[1]
        #expect(mana.title == "Mana: Dexterous Manipulation of Articulated Tools")
        #expect(mana.categories == ["cs.RO", "cs.AI", "cs.CV", "cs.LG"])
        #expect(mana.abstract.contains("(<1 minute per tool)"))
    }

    @Test(arguments: [
        ("A. One, B. Two and C. Three", ["A. One", "B. Two", "C. Three"]),
        ("A. One, B. Two, and C. Three", ["A. One", "B. Two", "C. Three"]),
        ("A. One and B. Two", ["A. One", "B. Two"]),
        ("Sandra Anderson, Ola Andersen", ["Sandra Anderson", "Ola Andersen"]),
        ("Solo Author", ["Solo Author"]),
    ])
    func authorListSplitting(creators: String, expected: [String]) {
        #expect(ArxivRSSReader.authors(creators) == expected)
    }

    @Test(arguments: [
        ("Mon, 10 Jun 2024 00:00:00 -0400", "2024-06-10"),
        ("10 Jun 2024 00:00:00 -0400", "2024-06-10"),
        ("Tue, 1 Oct 2024 20:00:00 EDT", "2024-10-01"),
        ("Fri, 05 Jan 99 00:00:00 GMT", "1999-01-05"),
    ])
    func rfc822Dates(text: String, expected: String) {
        #expect(DateText.day(fromRFC822: text) == expected)
    }

    @Test func unreadableDateIsNil() {
        #expect(DateText.day(fromRFC822: "2024-06-10") == nil)
        #expect(DateText.day(fromRFC822: "Mon, 40 Jun 2024") == nil)
    }

    /// The byte reading of the common shape agrees with the general one wherever it answers, and answers
    /// for the dates the dump holds.
    @Test func theCommonDateShapeReadsAsTheGeneralReading() {
        var random = SplitMix(seed: 31)
        // Each part of the shape: mostly a right form, else a wrong one.
        let parts: [(right: [String], wrong: [String])] = [
            (["", "Mon, ", "Sun, "], ["Tue,", "Mon,  ", "Ab1, "]), (["2", "02", "31"], ["32", "0", "", "+5", "123"]), ([" "], ["  ", ""]),
            (["Apr", "apr", "APR", "Dec"], ["Sept", "Xyz", "Ma"]), ([" "], ["", "  "]), (["2007", "1999"], ["07", "20071", "2o07"]),
            (["", " 19:18:42 GMT", " -0400"], [",", "x"]),
        ]
        var answered = 0
        for _ in 0..<20_000 {
            let text = parts.map { part in
                (Int.random(in: 0..<10, using: &random) < 8 ? part.right : part.wrong).randomElement(using: &random)!
            }.joined()
            guard let fast = DateText.commonRFC822Day(text) else { continue }
            answered += 1
            #expect(fast == DateText.generalRFC822Day(text), "\(text)")
        }
        #expect(DateText.commonRFC822Day("Mon, 2 Apr 2007 19:18:42 GMT") == "2007-04-02")
        #expect(DateText.commonRFC822Day("Tue, 10 Jun 2024 00:00:00 -0400") == "2024-06-10")
        #expect(answered > 2_000, "\(answered) of 20,000 took the byte reading")
    }

    @Test func linkGivesTheIDWhenGuidIsMissing() throws {
        let xml = """
        <rss version="2.0"><channel>
          <item><title>From the link</title><link>https://arxiv.org/abs/quant-ph/0201082v1</link></item>
        </channel></rss>
        """
        let paper = try #require(reader.readAll(Data(xml.utf8)).first)
        #expect(paper.arxivID == "quant-ph/0201082")
        #expect(paper.version == "v1")
        #expect(paper.abstract == "")
        #expect(paper.authors == [])
    }

    @Test func emptyChannelEmitsNothing() throws {
        let xml = "<rss version=\"2.0\"><channel><title>cs.LG updates on arXiv.org</title></channel></rss>"
        #expect(try reader.readAll(Data(xml.utf8)).isEmpty)
    }

    @Test func itemWithoutTitleNamesItsNumber() throws {
        let xml = "<rss version=\"2.0\"><channel><item><title>One</title></item><item><link>x</link></item></channel></rss>"
        #expect(importError(Data(xml.utf8))?.location == .record(2))
    }

    @Test func truncatedXMLThrowsWithLineNumber() throws {
        let whole = try Fixtures.data("arxiv-rss/cs_LG_sample.xml")
        let error = try #require(importError(whole.prefix(whole.count / 2)))
        guard let line = lineOfLineColumnError(error) else { return }
        #expect(line > 20)
        #expect(error.message.hasPrefix("invalid XML: "))
    }

    @Test func atomFeedIsNotRSS() throws {
        let error = try #require(importError(Fixtures.data("arxiv-atom/id_list_1111.2011v2.xml")))
        #expect(error.location == .whole)
        #expect(error.message.contains("<feed>"))
        #expect(error.message.contains("<rss>"))
    }

    @Test func entityDeclarationsAreRefused() throws {
        let xml = """
        <?xml version="1.0"?>
        <!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/passwd">]>
        <rss version="2.0"><channel><item><title>&x;</title></item></channel></rss>
        """
        #expect(importError(Data(xml.utf8)) == ImportError(.whole, "XML entity declarations are not accepted"))
    }
}
