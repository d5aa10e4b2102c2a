import Foundation
import Testing
@testable import FolioCore

struct BibTeXReaderTests {
    let fixture = "bibtex/pmlr_v224_automl23.bib"

    func read(_ text: String) throws -> [PaperInput] {
        try BibTeXReader().readAll(Data(text.utf8))
    }

    @Test func readsEveryPaperOfThePMLRVolume() throws {
        let papers = try BibTeXReader().readAll(Fixtures.data(fixture))
        #expect(papers.count == 24)
        #expect(papers.allSatisfy { !$0.title.isEmpty && !$0.abstract.isEmpty && !$0.authors.isEmpty })
        // The entries carry no date; the volume's `published` field dates them.
        #expect(papers.allSatisfy { $0.published == "2023-12-02" })

        // The store keeps the source as written; what the reader shows is its rendering.
        let first = try #require(papers.first)
        #expect(first.title == "CMA-ES for Post Hoc Ensembling in AutoML: A Great Success and Salvageable Failure")
        #expect(first.authors == ["Lennart Oswald Purucker", "Joeran Beel"])
        #expect(first.abstract.contains("outperformed by GES -- statistically significantly"))
        #expect(TeXDisplay.render(first.abstract).contains("outperformed by GES – statistically significantly"))
        #expect(papers.last?.title
            == "Meta-Learning for Fast Model Recommendation in Unsupervised Multivariate Time Series Anomaly Detection")

        let byTitle = Dictionary(papers.map { ($0.title, $0) }, uniquingKeysWith: { first, _ in first })
        let xiang = try #require(byTitle["Exploiting Network Compressibility and Topology in Zero-Cost NAS"])
        #expect(xiang.authors.map(TeXDisplay.render)
            == ["Lichuan Xiang", "Rosco Hunter", "Minghao Xu", "Łukasz Dudziak", "Hongkai Wen"])
        let lopez = try #require(byTitle["AlphaD3M: An Open-Source AutoML Library for Multiple ML Tasks"])
        #expect(lopez.authors.map(TeXDisplay.render).contains("Aécio S. R. Santos"))
        let shownAuthors = papers.flatMap(\.authors).map(TeXDisplay.render)
        let shownAbstracts = papers.map { TeXDisplay.render($0.abstract) }
        #expect(shownAuthors.contains("Thomas Bäck"))
        #expect(shownAbstracts.contains { $0.contains("factors of ≈2–5 while") })
        #expect(shownAbstracts.contains { $0.contains("400× improvement") })
        #expect(shownAbstracts.contains { $0.contains("up to 15.53%, 8.88%, and 6.33%") })
    }

    @Test func fieldsIdentifiersAndDates() throws {
        let bib = #"""
        @string{ICML = "Proc. " # {ICML}}
        @comment{ ignored {nested} }
        @preamble{"\newcommand{\x}{y}"}
        @Article{smith20,
          author = {Smith, John and M{\"u}ller, Hans and {Barnes and Noble} and others},
          title = "The {$O(n)$} Way",
          year = 2020, month = mar,
          doi = {https://doi.org/10.1000/xyz},
          eprint = {2001.01234v2}, archivePrefix = {arXiv},
          booktitle = ICML,
        }
        @misc(jones21, title = {Only a Year}, year = {2021}, url = {https://arxiv.org/abs/2101.00002})
        """#
        let papers = try read(bib)
        #expect(papers.count == 2)
        let smith = papers[0]
        #expect(smith.authors.map(TeXDisplay.render) == ["John Smith", "Hans Müller", "Barnes and Noble"])
        #expect(TeXDisplay.render(smith.title) == "The O(n) Way")
        // A month without a day stays a month: nothing invents the 1st.
        #expect(smith.published == "2020-03")
        #expect(smith.doi == "10.1000/xyz")
        #expect(smith.arxivID == "2001.01234")
        #expect(smith.version == "v2")
        #expect(smith.absURL == "https://arxiv.org/abs/2001.01234")
        let jones = papers[1]
        #expect(jones.published == "2021")
        #expect(jones.arxivID == "2101.00002")
        #expect(jones.absURL == "https://arxiv.org/abs/2101.00002")
    }

    @Test func unbalancedBracesNameTheLine() {
        let bib = "@article{a,\n  title = {Good},\n}\n\n@article{b,\n  title = {Bad {title},\n  year = 2020\n}\n"
        let error = importError(with: BibTeXReader(), reading: bib)
        // `{Bad {title}` closes at the entry's `}`, so the file ends inside entry b.
        #expect(error?.location == .line(5))
        #expect(error?.message.hasPrefix("expected } to close entry b") == true)
        #expect(error?.message.contains("field title on line 6") == true)

        let unclosedValue = importError(with: BibTeXReader(), reading: "@article{c,\n  title = {Open {end,\n}\n")
        #expect(unclosedValue?.location == .line(2))
        #expect(unclosedValue?.message.hasPrefix("expected } to close the value of field title") == true)
    }

    @Test func malformedEntriesNameLineAndWhatWasExpected() {
        let missingEquals = importError(with: BibTeXReader(), reading: "@article{a,\n  title {X}\n}")
        #expect(missingEquals?.location == .line(2))
        #expect(missingEquals?.message.hasPrefix("expected = after field name title") == true)

        let missingComma = importError(with: BibTeXReader(), reading: "@article{a,\n  title = {X}\n  year = 2020\n}")
        #expect(missingComma?.location == .line(3))
        #expect(missingComma?.message.hasPrefix("expected , or }") == true)

        let unterminated = importError(with: BibTeXReader(), reading: "\n@article{a,\n  title = {X},\n")
        #expect(unterminated?.location == .line(2))
        #expect(unterminated?.message.hasPrefix("expected } to close entry a") == true)
    }

    @Test func entryWithoutTitleNamesKeyAndLine() {
        let error = importError(with: BibTeXReader(), reading: "@article{a, title = {X}}\n\n@book{nameless,\n  year = 2020\n}")
        #expect(error?.location == .line(3))
        #expect(error?.message.contains("nameless") == true)
    }

    @Test func inputWithoutPapersThrows() {
        #expect(importError(with: BibTeXReader(), reading: "")?.location == .whole)
        #expect(importError(with: BibTeXReader(), reading: "@proceedings{p, title = {Volume}}")?.location == .whole)
        #expect(throws: ImportError.self) { _ = try BibTeXReader().readAll(Data([0x40, 0x00, 0xFF])) }
    }
}
