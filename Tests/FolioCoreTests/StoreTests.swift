import Foundation
import Testing
@testable import FolioCore

/// A store in its own temporary folder.
func makeStore() throws -> (Store, URL) {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("folio-store-\(UUID().uuidString)")
    return (try Store(path: folder.appendingPathComponent("sub/library.sqlite").path), folder)
}

@Suite("Store")
struct StoreTests {
    /// `PaperRecord.Columns` is the paper table's list of columns: a migration that adds one adds it there.
    @Test func paperRecordNamesEveryColumnOfThePaperTable() throws {
        let (store, folder) = try makeStore()
        defer { try? FileManager.default.removeItem(at: folder) }
        let columns = try store.pool.read { db in try db.columns(in: "paper").map(\.name) }
        #expect(Set(columns) == Set(PaperRecord.Columns.allCases.map(\.rawValue) + ["num"]))
        #expect(columns.count == PaperRecord.Columns.allCases.count + 1)
    }

    @Test func embeddedSampleEqualsTheFixture() throws {
        let fixture = try String(contentsOf: Fixtures.url("hf-daily-papers-page.txt"), encoding: .utf8)
        #expect(SamplePage.text == fixture)
    }

    @Test func libraryAndFolderAreOwnerOnly() throws {
        let (store, folder) = try makeStore()
        defer { try? FileManager.default.removeItem(at: folder) }
        let fileMode = try FileManager.default.attributesOfItem(atPath: store.path)[.posixPermissions] as? Int
        let folderMode = try FileManager.default.attributesOfItem(atPath: (store.path as NSString).deletingLastPathComponent)[.posixPermissions] as? Int
        #expect(fileMode == 0o600)
        #expect(folderMode == 0o700)
    }

    @Test func snapshotLinesImportWithVersionsAndDecodedAuthors() throws {
        let (store, folder) = try makeStore()
        defer { try? FileManager.default.removeItem(at: folder) }
        let counts = try LibraryImport(store: store).importDocument(try Fixtures.data("arxiv-oai-jsonl/snapshot_head50.jsonl"), format: .arxivJSONL, source: "test")
        #expect(counts == ImportCounts(new: 50))
        let paper = try #require(try store.paper(id: "0704.0001v2"))
        #expect(paper.metadata.versions == ["v1 2007-04-02", "v2 2007-07-24"])
        #expect(paper.metadata.version == "v2")
        #expect(paper.metadata.categories == ["hep-ph"])
        #expect(paper.metadata.doi == "10.1103/PhysRevD.76.013009")
        #expect(paper.metadata.authors == ["C. Balázs", "E. L. Berger", "P. M. Nadolsky", "C.-P. Yuan"])
    }

    @Test func badLineRollsBackTheWholeSnapshot() throws {
        let (store, folder) = try makeStore()
        defer { try? FileManager.default.removeItem(at: folder) }
        var data = try Fixtures.data("arxiv-oai-jsonl/snapshot_head50.jsonl")
        data.append(Data("{\"id\": \"0704.9999\", \"title\": \n".utf8))
        #expect {
            _ = try LibraryImport(store: store).importDocument(data, format: .arxivJSONL, source: "test")
        } throws: { error in
            (error as? ImportError)?.location == .line(51)
        }
        #expect(try store.stats().papers == 0)
    }

    @Test func mergeFillsButNeverBlanksAndTitleOnlySourcesDoNotOverwriteArxiv() {
        let arxiv = PaperInput(arxivID: "2401.00001", title: "A Title", abstract: "arXiv abstract", authors: ["A"], categories: ["cs.LG"])
        let page = PaperInput(title: "A title", abstract: "page abstract", upvotes: 7)
        let merged = ImportSession.merged(arxiv, page)
        #expect(merged.abstract == "arXiv abstract")
        #expect(merged.title == "A Title")
        #expect(merged.upvotes == 7)
        #expect(merged.categories == ["cs.LG"])
        let refreshed = ImportSession.merged(arxiv, PaperInput(arxivID: "2401.00001", title: "A Title v2", abstract: ""))
        #expect(refreshed.title == "A Title v2")
        #expect(refreshed.abstract == "arXiv abstract")
    }

    @Test func userStateChangesAreSeenThroughDataVersionFromAnotherConnection() throws {
        let (store, folder) = try makeStore()
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try store.importPapers(source: "t") { try $0.add(PaperInput(arxivID: "2401.00001", title: "One")) }
        let other = try Store(path: store.path)
        let before = try store.dataVersion()
        try other.setStarred(["2401.00001"], true)
        try other.addTags(["b", "a", "a"], to: "2401.00001")
        #expect(try store.dataVersion() != before)
        let paper = try #require(try store.paper(id: "2401.00001"))
        #expect(paper.isStarred)
        #expect(paper.tags == ["a", "b"])
        #expect(throws: LibraryError.self) { try store.addTags(["x,y"], to: "2401.00001") }
    }

    @Test func titleIDsCannotLookLikeArxivIDs() {
        let id = TitleID.make(titleKey: "attention is all you need")
        #expect(id.hasPrefix("t-") && id.count == 18)
        #expect(ArxivID.parse(id) == nil)
        #expect(TitleID.make(titleKey: "attention is all you need") == id)
    }
}

@Suite("new since the reader closed")
struct NewSinceTests {
    /// Within the same second as the close (whole-second times made these never new).
    @Test func aPaperImportedJustAfterTheReaderClosedIsNew() throws {
        let (store, folder) = try makeStore()
        defer { try? FileManager.default.removeItem(at: folder) }
        for i in 0..<5 {
            _ = try store.startReaderSession()
            try store.endReaderSession()
            _ = try store.importPapers(source: "t") { try $0.add(PaperInput(arxivID: "2401.0000\(i)", title: "Paper \(i)")) }
            let since = try store.startReaderSession()
            let new = try QueryResolver(store: store).importedAfter(since)
            #expect(new.count == 1, "import \(i)")
        }
    }
}
