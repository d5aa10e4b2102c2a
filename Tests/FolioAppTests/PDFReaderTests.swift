import FolioFetch
import FolioTestSupport
import Foundation
import Testing
import TerminalUI
@testable import FolioApp
@testable import FolioCore

/// `P`, `d` and `o` on PDFs as `update` answers them, and the download itself against a local server.
@Suite("PDFs in the reader")
struct PDFReaderTests {
    static func library(_ papers: [Paper]) -> StateDriver {
        StateDriver(MemoryLibrary(papers: papers))
    }

    /// A paper with neither a PDF link nor an arXiv id (a BibTeX entry, say).
    static var withoutLink: Paper {
        var paper = MemoryLibrary.paper(0)
        paper.id = "t-00000000000000ab"
        paper.metadata.arxivID = nil
        return paper
    }

    @Test func withNoPaperTheKeysSaySoAndAskForNothing() {
        var driver = Self.library([])
        for key in ["P", "d", "o"] {
            driver.press(.char(Character(key)))
            #expect(driver.state.status?.text == "no papers here", "\(key)")
        }
        #expect(driver.effects.allSatisfy { if case .openList = $0 { true } else { false } })
    }

    @Test func aPaperWithoutAPDFLinkSaysSo() {
        var driver = Self.library([Self.withoutLink])
        driver.press(.char("P"))
        #expect(driver.state.status?.text == "this paper has no PDF link")
        driver.press(.char("d"))
        #expect(driver.state.status?.text == "this paper has no PDF link")
        #expect(driver.state.pdfDownloads == PDFDownloads())
        #expect(!driver.effects.contains { if case .openURL = $0 { true } else if case .downloadPDF = $0 { true } else { false } })
    }

    /// A feed's link that is a file path, or that a browser would take for an option, is not followed.
    @Test(arguments: ["file:///etc/passwd", "--new-window", "javascript:alert(1)", "http://"])
    func aLinkThatIsNotAWebAddressIsRefused(link: String) {
        var paper = Self.withoutLink
        paper.metadata.pdfURL = link
        var driver = Self.library([paper])
        driver.press(.char("P"), .char("d"))
        #expect(driver.state.status == StatusMessage(text: "the paper's PDF link is not an http or https address", isError: true))
        #expect(!driver.effects.contains { if case .openURL = $0 { true } else if case .downloadPDF = $0 { true } else { false } })
    }

    @Test func capitalPOpensTheSourcesPDFLinkElseArxivs() {
        var linked = MemoryLibrary.paper(1)
        linked.metadata.pdfURL = "https://example.org/paper.pdf"
        var driver = Self.library([MemoryLibrary.paper(0), linked])
        driver.press(.char("P"))
        #expect(driver.effects.last == .openURL("https://arxiv.org/pdf/2603.00000"))
        driver.press(.char("j"), .char("P"))
        #expect(driver.effects.last == .openURL("https://example.org/paper.pdf"))
    }

    @Test func dDownloadsOneAtATimeShowsProgressAndSaysHowItEnded() {
        var driver = Self.library((0..<3).map { MemoryLibrary.paper($0) })
        driver.press(.char("d"))
        let first = PDFRequest(paperID: "2603.00000", url: "https://arxiv.org/pdf/2603.00000")
        #expect(first.fileName == "2603.00000.pdf")
        #expect(driver.effects.last == .downloadPDF(first))
        #expect(driver.statusLine.trimmingCharacters(in: .whitespaces).hasSuffix("downloading 2603.00000.pdf…"))
        driver.send(.pdfEvent(.waiting(2.2)))
        #expect(driver.statusLine.trimmingCharacters(in: .whitespaces).hasSuffix("downloading 2603.00000.pdf: waiting 3 s"))
        driver.send(.pdfEvent(.received(1_258_291, expected: 2_097_152)))
        #expect(driver.statusLine.trimmingCharacters(in: .whitespaces).hasSuffix("downloading 2603.00000.pdf: 1.2 MB of 2.0 MB"))

        // Keys keep working; the same paper again is not downloaded twice; others wait their turn.
        let before = driver.effects.count
        driver.press(.char("d"))
        #expect(driver.state.status?.text == "already downloading 2603.00000.pdf")
        driver.press(.char("j"), .char("d"), .char("j"), .char("d"))
        #expect(driver.state.selectedPosition == 2)
        #expect(!driver.effects[before...].contains { if case .downloadPDF = $0 { true } else { false } })
        #expect(driver.state.status?.text == "queued 2603.00002.pdf: 2 to download before it")
        driver.press(.char("k"))
        #expect(driver.statusLine.trimmingCharacters(in: .whitespaces).hasSuffix("downloading 2603.00000.pdf: 1.2 MB of 2.0 MB (2 waiting)"))

        driver.send(.pdfDone(first, .saved(path: "/p/2603.00000.pdf", bytes: 1_258_291)))
        #expect(driver.state.status == StatusMessage(text: "downloaded 2603.00000.pdf (1.2 MB)", isError: false))
        let second = PDFRequest(paperID: "2603.00001", url: "https://arxiv.org/pdf/2603.00001")
        #expect(driver.effects.last == .downloadPDF(second))
        driver.send(.pdfDone(second, .failed("HTTP 404 Not Found")))
        #expect(driver.state.status == StatusMessage(text: "PDF download failed: 2603.00001.pdf: HTTP 404 Not Found", isError: true))
        let third = PDFRequest(paperID: "2603.00002", url: "https://arxiv.org/pdf/2603.00002")
        #expect(driver.effects.last == .downloadPDF(third))
        driver.send(.pdfDone(third, .saved(path: "/p/2603.00002.pdf", bytes: 900)))
        #expect(driver.state.status?.text == "downloaded 2603.00002.pdf (900 bytes)")
        #expect(driver.state.pdfDownloads == PDFDownloads())
        driver.press(.char("j"))
        #expect(!driver.statusLine.contains("downloading"))
    }

    @Test func oOpensTheDownloadedFileElseThePage() {
        var downloaded = MemoryLibrary.paper(1)
        downloaded.pdfFile = "/p/2603.00001.pdf"
        var driver = Self.library([MemoryLibrary.paper(0), downloaded])
        driver.press(.char("o"))
        #expect(driver.effects.last == .openURL("https://arxiv.org/abs/2603.00000"))
        driver.press(.char("j"), .char("o"))
        #expect(driver.effects.last == .openPDF(id: "2603.00001", path: "/p/2603.00001.pdf", page: "https://arxiv.org/abs/2603.00001"))
    }

    @Test func fileNamesAreSafe() {
        #expect(PDFDownload.fileName(forPaper: "2401.01234") == "2401.01234.pdf")
        #expect(PDFDownload.fileName(forPaper: "cs/0112017") == "cs_0112017.pdf")
        #expect(PDFDownload.fileName(forPaper: "../x") == "_.._x.pdf")
        #expect(PDFDownload.fileName(forPaper: "é\u{1B}[2J") == "___2J.pdf")
        #expect(PDFDownload.folder(environment: ["XDG_DATA_HOME": "/d", "HOME": "/h"]) == "/d/folio/pdf")
        #expect(PDFDownload.folder(environment: ["XDG_DATA_HOME": "rel", "HOME": "/h"]) == "/h/.local/share/folio/pdf")
    }
}

/// `PDFDownload.run` against a server on 127.0.0.1: the file whole or no file at all.
@Suite("PDF download")
struct PDFDownloadTests {
    static let pdf = Data("%PDF-1.4\n".utf8) + Data((0..<70_000).map { UInt8(truncatingIfNeeded: $0 &* 7) }) + Data("\n%%EOF\n".utf8)

    /// `PDFDownload.run` on a thread of its own, as the reader runs it. (On the test's own thread, the
    /// process's first URLSession setup, which throws and catches inside Foundation, crashed the test
    /// library's backtrace of that throw in some builds.)
    static func download(_ request: PDFRequest, into folder: String, policy: HTTPPolicy = HTTPPolicy(),
                         progress: @escaping @Sendable (PDFEvent) -> Void = { _ in }) throws -> (path: String, bytes: Int) {
        let outcome = LockedList<Result<PDFFile, FetchFailure>>()
        let done = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            do throws(FetchFailure) {
                let saved = try PDFDownload.run(request, into: folder, policy: policy, progress: progress)
                outcome.append(.success(PDFFile(path: saved.path, bytes: saved.bytes)))
            } catch {
                outcome.append(.failure(error))
            }
            done.signal()
        }
        done.wait()
        let saved = try outcome.takeAll()[0].get()
        return (saved.path, saved.bytes)
    }

    struct PDFFile: Sendable {
        var path: String
        var bytes: Int
    }

    static func files(_ folder: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
    }

    @Test func aWholePDFIsSavedUnderThePapersNameWithFolioHeaders() throws {
        let server = try TestHTTPServer(["/a.pdf": [ScriptedResponse(headers: [("Content-Type", "application/pdf")], body: Self.pdf)]])
        defer { server.stop() }
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        // What a killed Folio left an hour ago goes; what another is writing now stays.
        let pdfFolder = folder.appendingPathComponent("pdf")
        try FileManager.default.createDirectory(at: pdfFolder, withIntermediateDirectories: true)
        for (file, age) in [(".cs_0112017.pdf.1.2.part", 3600.0), (".cs_0112017.pdf.3.4.part", 0)] {
            let path = pdfFolder.appendingPathComponent(file).path
            try Data("%PDF-partial".utf8).write(to: URL(fileURLWithPath: path))
            try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(-age)], ofItemAtPath: path)
        }
        let events = LockedList<PDFEvent>()
        let saved = try Self.download(PDFRequest(paperID: "cs/0112017", url: server.baseURL + "/a.pdf"), into: folder.path + "/pdf") {
            events.append($0)
        }
        #expect(saved.path == folder.path + "/pdf/cs_0112017.pdf")
        #expect(saved.bytes == Self.pdf.count)
        #expect(try Data(contentsOf: URL(fileURLWithPath: saved.path)) == Self.pdf)
        #expect(Self.files(pdfFolder) == [".cs_0112017.pdf.3.4.part", "cs_0112017.pdf"])
        #expect(server.requests.first?.headers["user-agent"] == FolioVersion.userAgent)
        let received = events.takeAll().compactMap { if case .received(let n, _) = $0 { n } else { nil } }
        #expect(received.last == Self.pdf.count)
    }

    @Test(arguments: [
        ("404", ScriptedResponse.status(404, body: "gone"), "HTTP 404"),
        ("cut", ScriptedResponse(body: PDFDownloadTests.pdf, truncateAfter: 5000), "cut off"),
        ("page", ScriptedResponse(headers: [("Content-Type", "text/html")], body: Data("<html>log in</html>".utf8)), "not a PDF (text/html)"),
        ("empty", ScriptedResponse(body: Data()), "empty"),
        ("large", ScriptedResponse(body: PDFDownloadTests.pdf), "larger than"),
    ])
    func aFailedDownloadLeavesNoFile(name: String, response: ScriptedResponse, reason: String) throws {
        let server = try TestHTTPServer(["/a.pdf": [response]])
        defer { server.stop() }
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        // An earlier download of the paper stays as it was.
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data("%PDF-old".utf8).write(to: folder.appendingPathComponent("2401.00001.pdf"))
        var policy = HTTPPolicy()
        policy.retries = 0
        if name == "large" { policy.maxBytes = 10_000 }
        #expect {
            try Self.download(PDFRequest(paperID: "2401.00001", url: server.baseURL + "/a.pdf"), into: folder.path, policy: policy)
        } throws: { "\($0)".contains(reason) }
        #expect(Self.files(folder) == ["2401.00001.pdf"], "\(name)")
        #expect(try Data(contentsOf: folder.appendingPathComponent("2401.00001.pdf")) == Data("%PDF-old".utf8))
    }
}
