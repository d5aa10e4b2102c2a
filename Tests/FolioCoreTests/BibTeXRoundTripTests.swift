import Foundation
import Testing
@testable import FolioCore

/// `folio export --format bibtex` then `folio import` gives back the same papers as they read, and the
/// same user state: tags as `keywords`, stars and read marks as `folio-starred` / `folio-read`.
@Suite("BibTeX round trip")
struct BibTeXRoundTripTests {
    /// Every BibTeX fixture, and the TeX-heavy arXiv dump sample exported as BibTeX.
    static let sources: [(String, ImportFormat)] = [
        ("bibtex/pmlr_v224_automl23.bib", .bibtex),
        ("arxiv-oai-jsonl/snapshot_head50.jsonl", .arxivJSONL),
    ]

    @Test(arguments: sources.map(\.0))
    func exportThenImportGivesTheSamePapersAndState(path: String) throws {
        let format = Self.sources.first { $0.0 == path }!.1
        let (first, firstFolder) = try makeStore()
        defer { try? FileManager.default.removeItem(at: firstFolder) }
        _ = try LibraryImport(store: first).importDocument(try Fixtures.data(path), format: format, source: "fixture")
        let ids = try first.papers().map(\.id)
        #expect(ids.count >= 24)
        _ = try first.setStarred([ids[0], ids[3]], true)
        _ = try first.setRead([ids[1], ids[3]], true)
        _ = try first.addTags(["to read", "AutoML"], to: ids[2])
        _ = try first.addTags(["théorie"], to: ids[3])
        try first.setNote(ids[3], "Compare with §3 of the {earlier} paper: 50% & $x_1$ #2\nsecond line, théorie")

        var bibtex = ""
        try Exporter(store: first).export(try first.papers(), format: .bibtex) { bibtex += $0 }
        let (second, secondFolder) = try makeStore()
        defer { try? FileManager.default.removeItem(at: secondFolder) }
        let counts = try LibraryImport(store: second).importDocument(Data(bibtex.utf8), format: .bibtex, source: "export")
        #expect(counts.new == ids.count)

        let before = try first.papers().map(RoundTripped.init)
        let after = try second.papers().map(RoundTripped.init)
        #expect(after.count == before.count)
        for (old, new) in zip(before, after) { #expect(old == new) }
    }

    /// What a round trip keeps: the paper as it reads, and what the user did with it.
    struct RoundTripped: Equatable {
        var id, title, abstract: String
        var authors: [String]
        var published: String?
        var tags: [String]
        var starredAt, readAt: String?
        var note: String?

        init(_ p: Paper) {
            note = p.note.map(TeXDisplay.render)  // BibTeX is TeX: a note comes back as it reads
            id = p.id
            title = TeXDisplay.render(p.title)
            abstract = TeXDisplay.render(p.metadata.abstract)
            authors = p.metadata.authors.map(TeXDisplay.render)
            published = p.metadata.published
            tags = p.tags
            starredAt = p.starredAt
            readAt = p.readAt
        }
    }

    @Test func specialCharactersAreEscapedOutsideMath() throws {
        var keys = Set<String>()
        let paper = Paper(id: "t-1", metadata: PaperInput(title: #"Algorithms \& 100\% {GPU}s for $\alpha_{1}$ & 50% #1 a_b ~x^2"#),
                          firstSource: "", firstImportedAt: "", lastSource: "", lastImportedAt: "", tags: [])
        let entry = BibTeXWriter.entry(paper, usedKeys: &keys)
        #expect(entry.contains(##"title = {Algorithms \& 100\% GPUs for $\alpha_{1}$ \& 50\% \#1 a\_b \textasciitilde{}x\textasciicircum{}2}"##),
                "\(entry)")
        let back = try BibTeXReader().readAll(Data(entry.utf8))
        #expect(back.map { TeXDisplay.render($0.title) } == [TeXDisplay.render(paper.title)])
    }

    /// `escapePlain` is the inverse of rendering for any text: what is exported reads back as it was shown.
    @Test func escapedTextRendersBackToItself() {
        var random = SplitMix(seed: 15)
        let alphabet = Array(#"ab Z1\{}$&%#_~^-`'".,é αΩ"#) + ["\u{A0}", "--", "``", "''"].flatMap { Array($0) }
        for _ in 0..<5000 {
            let text = String((0..<Int(random.next() % 24)).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] })
            let shown = TeXDisplay.render(text)
            #expect(TeXDisplay.render(BibTeXText.escapePlain(shown)) == shown, "\(text.debugDescription)")
        }
    }
}
