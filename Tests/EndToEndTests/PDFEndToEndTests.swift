import FolioTestSupport
import Foundation
import Testing

/// `d`, `o`, `P` and `has:pdf` in the real reader, against a server on 127.0.0.1 this test starts. The
/// papers' PDF links point at it through an ordinary import: an arXiv Atom feed written here.
@Suite("PDFs end to end")
struct PDFEndToEndTests {
    /// A small PDF's bytes, with bytes of every value in it (a viewer gets the file as the server sent it).
    static let pdf = Data("%PDF-1.4\n".utf8) + Data((0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 8) }) + Data("\n%%EOF\n".utf8)

    static func feed(_ base: String) -> String {
        let entries = [("2401.00001", "Good paper on retrieval", "03", "good.pdf"), ("2401.00002", "Missing paper on retrieval", "02", "missing.pdf"),
                       ("2401.00003", "Cut paper on retrieval", "01", "cut.pdf")]
        return """
            <?xml version="1.0" encoding="UTF-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom">
            \(entries.map { id, title, day, file in """
                <entry>
                  <id>http://arxiv.org/abs/\(id)v1</id>
                  <title>\(title)</title>
                  <summary>An abstract.</summary>
                  <published>2024-01-\(day)T00:00:00Z</published>
                  <author><name>A. Author</name></author>
                  <link href="http://arxiv.org/abs/\(id)v1" rel="alternate" type="text/html"/>
                  <link title="pdf" href="\(base)/\(file)" rel="related" type="application/pdf"/>
                </entry>
                """ }.joined(separator: "\n"))
            </feed>
            """
    }

    /// A script that writes its one argument into `file`, standing in for a viewer or a browser.
    static func recorder(at script: URL, into file: URL) throws {
        try "#!/bin/sh\nprintf '%s' \"$1\" > '\(file.path)'\n".write(to: script, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script.path)
    }

    /// Waits for `file` to be written by a recorder started in the background.
    static func recorded(_ file: URL) throws -> String {
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline {
            if let text = try? String(contentsOf: file, encoding: .utf8), !text.isEmpty { return text }
            usleep(20_000)
        }
        throw TmuxError(description: "nothing was recorded in \(file.lastPathComponent)")
    }

    @Test func downloadOpenAndFindADownloadedPDFWhileFailedDownloadsLeaveNoFile() throws {
        let library = try TestLibrary()
        var slow = ScriptedResponse(headers: [("Content-Type", "application/pdf")], body: Self.pdf)
        slow.delay = 1.5
        let server = try TestHTTPServer(["/good.pdf": [slow], "/cut.pdf": [ScriptedResponse(body: Self.pdf, truncateAfter: 4096)]])
        defer { server.stop() }
        let feed = library.folder.appendingPathComponent("feed.xml")
        try Self.feed(server.baseURL).write(to: feed, atomically: true, encoding: .utf8)
        try library.ok(["import", feed.path])

        let viewed = library.folder.appendingPathComponent("viewed.txt"), browsed = library.folder.appendingPathComponent("browsed.txt")
        let viewer = library.folder.appendingPathComponent("viewer.sh"), browser = library.folder.appendingPathComponent("browser.sh")
        try Self.recorder(at: viewer, into: viewed)
        try Self.recorder(at: browser, into: browsed)
        let data = library.folder.appendingPathComponent("data")
        let folder = data.appendingPathComponent("folio/pdf")
        let tmux = try Tmux()
        try tmux.start(width: 120, height: 30, environment: ["XDG_DATA_HOME": data.path, "FOLIO_PDF_VIEWER": viewer.path, "BROWSER": browser.path])
        try tmux.runInShell("'\(CLI.binary.path)' --library '\(library.path)' --config /nonexistent/config.toml")
        try tmux.waitFor({ isReader($0, position: "1/3") }, "the reader on the three papers")

        // The good one downloads in the background: its progress shows while j and k still move.
        try tmux.send(keys: "d")
        try tmux.waitFor({ status($0).contains("downloading 2401.00001.pdf") }, "the download's progress")
        try tmux.send(keys: "j")
        try tmux.waitFor({ status($0).hasPrefix(" 2/3 ") && status($0).contains("downloading 2401.00001.pdf") }, "j moving during the download")
        try tmux.send(keys: "k")
        try tmux.waitFor({ status($0).contains("downloaded 2401.00001.pdf (292 KB)") }, "the download's summary")
        let saved = folder.appendingPathComponent("2401.00001.pdf")
        #expect(try Data(contentsOf: saved) == Self.pdf)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["2401.00001.pdf"])
        #expect(server.requests(to: "/good.pdf").first?.headers["user-agent"]?.hasPrefix("Folio/") == true)

        // o opens the file in $FOLIO_PDF_VIEWER; P the PDF's address in $BROWSER.
        try tmux.send(keys: "o")
        try tmux.waitFor({ status($0).contains("opened 2401.00001.pdf") }, "o opening the downloaded file")
        let path = try Self.recorded(viewed)
        #expect(URL(fileURLWithPath: path).standardizedFileURL == saved.standardizedFileURL)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Self.pdf)
        try tmux.send(keys: "P")
        #expect(try Self.recorded(browsed) == server.baseURL + "/good.pdf")

        // A 404 and a body cut short: a clear message, and nothing new in the folder.
        try tmux.send(keys: "j", "d")
        try tmux.waitFor({ status($0).contains("PDF download failed: 2401.00002.pdf: HTTP 404") }, "the 404's message")
        try tmux.send(keys: "j", "d")
        try tmux.waitFor({ status($0).contains("PDF download failed: 2401.00003.pdf: the response was cut off") }, "the cut body's message")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["2401.00001.pdf"])
        // Without a downloaded file, o opens the page.
        try tmux.send(keys: "o")
        try tmux.waitFor({ status($0).contains("opened http://arxiv.org/abs/2401.00003v1") }, "o opening the page")

        // has:pdf finds exactly the downloaded paper.
        try tmux.send(keys: "/")
        try tmux.type("has:pdf")
        try tmux.send(keys: "Enter")
        let found = try tmux.waitFor({ isReader($0, position: "1/1") }, "has:pdf finding one paper")
        try requireScreen(found.contains { $0.contains("Good paper on retrieval") }, "the downloaded paper listed", found)
        try requireScreen(!found.contains { $0.contains("Missing paper") || $0.contains("Cut paper") }, "no other paper listed", found)
        try quitReader(tmux)
    }
}
