import Foundation
import Testing
@testable import FolioCore

/// Real captures imported as a user would: author names without affiliations, TeX kept as written and
/// shown rendered, BibTeX that goes out and comes back, dates that mean what they say, letters folded,
/// mojibake put right, BibTeX quotes.
@Suite("Real metadata")
struct RealMetadataTests {
    static func library(_ files: [(String, ImportFormat)]) throws -> (Store, URL, [ImportCounts]) {
        let (store, folder) = try makeStore()
        let counts = try files.map { try LibraryImport(store: store).importDocument(try Fixtures.data($0.0), format: $0.1, source: "test") }
        return (store, folder, counts)
    }

    static func paper(_ store: Store, _ id: String) throws -> Paper {
        try #require(try store.paper(id: id))
    }

    // MARK: 1. Authors and affiliations

    @Test func dumpAuthorsHaveNoAffiliationsInTheirNames() throws {
        let (store, folder, _) = try Self.library([("arxiv-oai-jsonl/snapshot_head50.jsonl", .arxivJSONL)])
        defer { try? FileManager.default.removeItem(at: folder) }
        let numbered = try Self.paper(store, "0704.0025").metadata
        #expect(numbered.authors == ["A. S. Mishchenko", "N. Nagaosa"])
        #expect(numbered.affiliations == ["CREST, Japan Science and Technology Agency", "Russian Research Centre ``Kurchatov Institute''",
                                          "The University of Tokyo"])
        let named = try Self.paper(store, "0704.0044").metadata
        #expect(named.authors.first == "A. A. Schekochihin")
        #expect(named.affiliations.prefix(3) == ["Oxford", "Culham", "Maryland"])
        #expect(try Self.paper(store, "0704.0009").metadata.authors.contains("Neal J. Evans II"))  // the suffix stays
        // Affiliations are not authors: neither `author:` nor a BibTeX key sees them.
        #expect(try Store.matchingIDs(store, "author:oxford").isEmpty)
        #expect(try Store.matchingIDs(store, "author:schekochihin") == ["0704.0044"])
        var keys = Set<String>()
        #expect(BibTeXWriter.key(try Self.paper(store, "0704.0031"), usedKeys: &keys).hasPrefix("biryukov2007"))
        let json = PaperJSON.object(try Self.paper(store, "0704.0031")).text
        #expect(json.contains(#""affiliations":["Serpukhov, IHEP"]"#))
    }

    @Test func anAuthorsStringAloneLosesItsParenthesisedAffiliations() {
        let numbered = AuthorAffiliations(text: """
            A. S. Mishchenko (1 and 2) and N. Nagaosa (1 and 3) ((1) CREST, Japan
              Science and Technology Agency, (2) Russian Research Centre ``Kurchatov
              Institute'', (3) The University of Tokyo)
            """)
        #expect(numbered.names == ["A. S. Mishchenko", "N. Nagaosa"])
        #expect(numbered.affiliations == ["CREST, Japan Science and Technology Agency", "Russian Research Centre ``Kurchatov Institute''",
                                          "The University of Tokyo"])
        let named = AuthorAffiliations(text: "A. A. Schekochihin (Oxford), S. C. Cowley (Culham), W. Dorland\n  (Maryland)")
        #expect(named.names == ["A. A. Schekochihin", "S. C. Cowley", "W. Dorland"])
        #expect(named.affiliations == ["Oxford", "Culham", "Maryland"])
    }

    @Test func atomAffiliationsAreKeptApart() throws {
        let (store, folder, _) = try Self.library([("arxiv-atom/2026_id_astro-ph_0601001_s0_m100_3150dca9dc76.xml", .arxivAtom)])
        defer { try? FileManager.default.removeItem(at: folder) }
        let paper = try Self.paper(store, "astro-ph/0601001").metadata
        #expect(paper.authors.contains("Andrew Gould"))
        #expect(paper.affiliations == ["Ohio State", "CfA", "Warsaw University Observatory"])
    }

    // MARK: 2. TeX

    @Test func texIsStoredAsWrittenShownRenderedAndFoundBothWays() throws {
        let (store, folder, _) = try Self.library([("arxiv-oai-jsonl/snapshot_head50.jsonl", .arxivJSONL)])
        defer { try? FileManager.default.removeItem(at: folder) }
        let paper = try Self.paper(store, "0704.0005").metadata
        #expect(paper.title == #"From dyadic $\Lambda_{\alpha}$ to $\Lambda_{\alpha}$"#)
        #expect(TeXDisplay.render(paper.title) == "From dyadic Λ_α to Λ_α" || TeXDisplay.render(paper.title) == "From dyadic Λ_{α} to Λ_{α}")
        #expect(try Store.matchingIDs(store, "alpha").contains("0704.0005"))
        #expect(try Store.matchingIDs(store, "α").contains("0704.0005"))
        #expect(try Store.matchingIDs(store, "title:λ") == ["0704.0005"])
        // `~` outside math was deleted with what followed it: now kept. After a space it means "about"
        // and is shown as typed; between two words it is TeX's tie (`Fig.~3`, TeXDisplayTests).
        let abstract = try Self.paper(store, "0704.0031").metadata.abstract
        #expect(abstract.contains("efficiency ~100-fold"))
        #expect(TeXDisplay.render(abstract).contains("efficiency ~100-fold"))
        #expect(try Store.matchingIDs(store, #""100 fold""#).contains("0704.0031"))
    }

    @Test func texAccentsAreFoundWithoutThem() throws {
        let (store, folder, _) = try Self.library([("bibtex/pmlr_v224_automl23.bib", .bibtex)])
        defer { try? FileManager.default.removeItem(at: folder) }
        let accented = try store.papers().filter { $0.metadata.authors.contains { $0.contains("\\") } }
        #expect(!accented.isEmpty)
        for paper in accented {
            for author in paper.metadata.authors where author.contains("\\") {
                let shown = TeXDisplay.render(author)
                #expect(!shown.contains("\\"), "\(author) shows as \(shown)")
                let surname = try #require(TextNormalizer.searchWords(shown).last)
                #expect(try Store.matchingIDs(store, "author:\(surname)").contains(paper.id), "author:\(surname)")
            }
        }
    }

    // MARK: 4. Dates

    static let rssWithOldPapers = """
        <?xml version="1.0" encoding="UTF-8"?>
        <rss xmlns:arxiv="http://arxiv.org/schemas/atom" xmlns:dc="http://purl.org/dc/elements/1.1/" version="2.0">
        <channel><title>cs.LG updates on arXiv.org</title><link>http://rss.arxiv.org/rss/cs.LG</link><description>cs.LG</description>
        <item><title>Some Cross-Listed Paper</title><link>https://arxiv.org/abs/2205.06398</link>
        <description>arXiv:2205.06398v2 Announce Type: cross
        Abstract: A paper first submitted in May 2022.</description>
        <guid isPermaLink="false">oai:arXiv.org:2205.06398v2</guid><category>cs.LG</category>
        <pubDate>Thu, 24 Sep 2026 00:00:00 -0400</pubDate><arxiv:announce_type>cross</arxiv:announce_type>
        <dc:creator>Ada Lovelace, Alan Turing</dc:creator></item>
        <item><title>Some Replaced Paper</title><link>https://arxiv.org/abs/2009.13987</link>
        <description>arXiv:2009.13987v3 Announce Type: replace
        Abstract: A paper first submitted in September 2020.</description>
        <guid isPermaLink="false">oai:arXiv.org:2009.13987v3</guid><category>cs.LG</category>
        <pubDate>Thu, 24 Sep 2026 00:00:00 -0400</pubDate><arxiv:announce_type>replace</arxiv:announce_type>
        <dc:creator>Grace Hopper</dc:creator></item>
        </channel></rss>
        """

    @Test func aFeedDateIsAnAnnouncementNotAPublication() throws {
        let (store, folder) = try makeStore()
        defer { try? FileManager.default.removeItem(at: folder) }
        let importer = LibraryImport(store: store)
        _ = try importer.importDocument(Data(Self.rssWithOldPapers.utf8), format: .arxivRSS, source: "rss")
        let cross = try Self.paper(store, "2205.06398").metadata
        #expect(cross.published == "2022-05")
        #expect(cross.announced == "2026-09-24")
        #expect(try Self.paper(store, "2009.13987").metadata.published == "2020-09")
        #expect(try Store.matchingIDs(store, "year:2022") == ["2205.06398"])
        #expect(try Store.matchingIDs(store, "after:2026-01-01").isEmpty)
        #expect(try store.papers().map(\.id) == ["2205.06398", "2009.13987"])  // newest first by publication
        // The first version's day, once a source gives it, replaces the month; a month never replaces a day.
        let day = PaperInput(arxivID: "2205.06398", title: "Some Cross-Listed Paper", published: "2022-05-13")
        _ = try store.importPapers(source: "api") { try $0.add(day) }
        #expect(try Self.paper(store, "2205.06398").metadata.published == "2022-05-13")
        _ = try importer.importDocument(Data(Self.rssWithOldPapers.utf8), format: .arxivRSS, source: "rss")
        #expect(try Self.paper(store, "2205.06398").metadata.published == "2022-05-13")
        #expect(try Store.matchingIDs(store, "after:2022-05-10") == ["2205.06398"])
    }

    @Test func aYearOnlyBibTeXDateStaysYearOnly() throws {
        let bib = "@article{a, title = {Only a Year}, year = {2019}}\n@article{b, title = {A Month Too}, year = 2020, month = mar}\n"
        let papers = try BibTeXReader().readAll(Data(bib.utf8))
        #expect(papers.map(\.published) == ["2019", "2020-03"])
        let (store, folder) = try makeStore()
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try LibraryImport(store: store).importDocument(Data(bib.utf8), format: .bibtex, source: "bib")
        #expect(try Store.matchingIDs(store, "year:2019").count == 1)
        #expect(try Store.matchingIDs(store, "before:2020-01-01").count == 1)
        #expect(try store.papers().map(\.title) == ["A Month Too", "Only a Year"])
    }

    // MARK: 5. Letters

    @Test func foldedLettersFindTheirPapers() throws {
        let (store, folder) = try makeStore()
        defer { try? FileManager.default.removeItem(at: folder) }
        let papers = [
            PaperInput(title: "Logic of Łukasiewicz", authors: ["Jan Łukasiewicz"]),
            PaperInput(title: "Electromagnetism after Ørsted", authors: ["Hans Christian Ørsted"]),
            PaperInput(title: "Step ① and x² and the ﬁnal Ｔｅｓｔ"),
            PaperInput(title: "Straße, Æther and Þorn"),
        ]
        _ = try store.importPapers(source: "t") { session in for p in papers { try session.add(p) } }
        func titles(_ query: String) throws -> [String] { try store.papers(byNum: try QueryResolver(store: store).exact(try QueryParser.parse(query)).nums).map(\.paper.title) }
        #expect(try titles("author:lukasiewicz") == ["Logic of Łukasiewicz"])
        #expect(try titles("orsted") == ["Electromagnetism after Ørsted"])
        for query in ["1", "x2", "final", "test", "strasse", "aether", "thorn"] {
            #expect(try titles(query).count == 1, "\(query)")
        }
        // The matcher agrees with the index.
        for paper in try store.papers() {
            #expect(try QueryParser.parse("lukasiewicz OR orsted OR x2 OR strasse").matches(PaperFacts(paper)) == (try Store.matchingIDs(store, "lukasiewicz OR orsted OR x2 OR strasse").contains(paper.id)))
        }
    }

    // MARK: 6. Mojibake

    @Test func mojibakeIsPutRightAndCounted() throws {
        let (store, folder, counts) = try Self.library([("arxiv-atom/2026_id_1707.08567_s0_m100_6a1afebfc6a3.xml", .arxivAtom)])
        defer { try? FileManager.default.removeItem(at: folder) }
        let paper = try Self.paper(store, "1707.08567")
        // The capture's mojibake is in one name (`Dirk WÃ¼bben`); `Ramírez` is the issue's example (MojibakeTests).
        #expect(paper.metadata.authors.contains("Dirk Wübben"))
        #expect(!paper.metadata.authors.joined().contains("Ã"))
        #expect(counts == [ImportCounts(new: 1, repaired: 1)])
        #expect(counts[0].summary == "1 new, 0 updated, 0 unchanged, 1 repaired (mojibake)")
        #expect(try Store.matchingIDs(store, "author:wubben") == ["1707.08567"])
    }

    // MARK: 7. BibTeX quotes and title order

    @Test func bibTeXQuotesAreShownCurlyAndSortByTheirWords() throws {
        let bib = """
            @article{q, title = {``Quoted'' Results}, year = 2020}
            @article{b, title = {{B}raced Beginnings}, year = 2020}
            @article{m, title = {$\\alpha$-Math First}, year = 2020}
            @article{a, title = {Another Title}, year = 2020}
            """
        let (store, folder) = try makeStore()
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try LibraryImport(store: store).importDocument(Data(bib.utf8), format: .bibtex, source: "bib")
        let sorted = try store.papers(PaperFilter(sort: .title)).map { TeXDisplay.render($0.title) }
        #expect(sorted == ["α-Math First", "Another Title", "Braced Beginnings", "“Quoted” Results"])
    }
}
