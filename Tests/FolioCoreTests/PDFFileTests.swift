import Foundation
import Testing
@testable import FolioCore

/// `has:pdf`: a row of `pdf_file`, the same through the resolver and the matcher, carried along when a
/// paper's id changes.
@Suite("downloaded PDFs in the library")
struct PDFFileTests {
    static func library() throws -> (Store, URL) {
        let (store, folder) = try makeStore()
        _ = try store.importPapers(source: "t") { session in
            try session.add(PaperInput(arxivID: "2401.00001", title: "Dense retrieval", published: "2024-01-02"))
            try session.add(PaperInput(arxivID: "cs/0112017", title: "Old style", published: "2001-12-05"))
            try session.add(PaperInput(arxivID: "2401.00003", title: "Sparse retrieval", published: "2024-01-03"))
            try session.add(PaperInput(title: "A paper without an arXiv id yet"))
        }
        return (store, folder)
    }

    static func found(_ text: String, in store: Store) throws -> [String] {
        try expectIndexAgrees(store, SearchIndex(store: store), text).map(\.id).sorted()
    }

    @Test func hasPDFFindsExactlyTheRecordedPapersThroughTheResolverAndTheMatcher() throws {
        let (store, folder) = try Self.library()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(try Self.found("has:pdf", in: store) == [])
        try store.recordPDF(paperID: "cs/0112017", path: "pdf/cs_0112017.pdf", bytes: 10)
        try store.recordPDF(paperID: "2401.00003", path: "pdf/2401.00003.pdf", bytes: 20)
        #expect(try Self.found("has:pdf", in: store) == ["2401.00003", "cs/0112017"])
        #expect(try Self.found("-has:pdf", in: store).count == 2)
        #expect(try Self.found("retrieval has:pdf", in: store) == ["2401.00003"])
        #expect(try Self.found("has:pdf OR dense", in: store) == ["2401.00001", "2401.00003", "cs/0112017"])
        #expect(try store.paper(id: "2401.00003")?.pdfFile == "pdf/2401.00003.pdf")
        #expect(try store.paper(id: "2401.00001")?.pdfFile == nil)

        // Downloading again replaces the row; forgetting it ends `has:pdf`.
        try store.recordPDF(paperID: "2401.00003", path: "pdf/again.pdf", bytes: 30)
        #expect(try store.paper(id: "2401.00003")?.pdfFile == "pdf/again.pdf")
        #expect(try store.forgetPDF(paperID: "2401.00003"))
        #expect(try !store.forgetPDF(paperID: "2401.00003"))
        #expect(try Self.found("has:pdf", in: store) == ["cs/0112017"])
    }

    @Test func theRowFollowsThePaperWhenItsArxivRecordArrives() throws {
        let (store, folder) = try Self.library()
        defer { try? FileManager.default.removeItem(at: folder) }
        let titleOnly = try #require(try store.papers().first { $0.arxivID == nil })
        try store.recordPDF(paperID: titleOnly.id, path: "pdf/\(titleOnly.id).pdf", bytes: 5)
        _ = try store.importPapers(source: "t") { session in
            try session.add(PaperInput(arxivID: "2402.00009", title: "A paper without an arXiv id yet"))
        }
        #expect(try Self.found("has:pdf", in: store) == ["2402.00009"])
        #expect(try store.paper(id: "2402.00009")?.pdfFile == "pdf/\(titleOnly.id).pdf")
    }

    /// A mute rule on `has:pdf` is found again after a download, not kept with the index's generation.
    @Test func aMuteRuleOnHasPDFFollowsDownloads() throws {
        let (store, folder) = try Self.library()
        defer { try? FileManager.default.removeItem(at: folder) }
        try store.saveMuteRule(name: "read already", query: "has:pdf")
        let resolver = QueryResolver(store: store)
        #expect(try resolver.muted().count == 0)
        try store.recordPDF(paperID: "2401.00001", path: "pdf/2401.00001.pdf", bytes: 1)
        resolver.refresh()
        #expect(try resolver.muted().count == 1)
    }
}
