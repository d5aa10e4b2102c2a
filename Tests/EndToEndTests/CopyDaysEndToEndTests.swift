import FolioTestSupport
import Foundation
import Testing

/// `Y` then a format, with a stand-in `xclip` on PATH and DISPLAY set; `@` and the days' separators.
@Suite("copy and days end to end")
struct CopyDaysEndToEndTests {
    /// Papers of one a day from 2026-06-20 back, the first with TeX and brackets in its title.
    static func library(_ titles: [String]) throws -> TestLibrary {
        let library = try TestLibrary()
        let file = library.folder.appendingPathComponent("daily_papers.json")
        try HFDailyPapers.json(titles: titles).write(to: file)
        try library.ok(["import", file.path])
        return library
    }

    @Test func shiftYBGivesXclipTheBibTeXThatExportWrites() throws {
        let library = try Self.library(["On $\\alpha$-[Sparse] Models"])
        let tmux = try Tmux()
        // A stand-in xclip that records its arguments and standard input.
        let bin = tmux.home.appendingPathComponent("bin")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        let xclip = bin.appendingPathComponent("xclip")
        try "#!/bin/sh\n{ echo \"$*\"; cat; } > \"$HOME/clip.partial\" && mv \"$HOME/clip.partial\" \"$HOME/clip.txt\"\n"
            .write(to: xclip, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: xclip.path)
        try tmux.start(width: 120, height: 40, environment: [
            "PATH": bin.path + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"), "DISPLAY": ":99",
        ])
        try openReader(tmux, library, position: "1/1")
        try tmux.send(keys: "Y")
        try tmux.waitFor({ status($0).hasPrefix("copy: u URL  t title  b BibTeX  m Markdown") }, "the copy choice")
        try tmux.send(keys: "b")
        try tmux.waitFor({ status($0).contains("copied BibTeX of 2606.00100 (and with xclip)") }, "the status after Y b")
        let exported = try library.ok(["export", "--format", "bibtex"]).stdout
        #expect(exported.hasPrefix("@misc{") && exported.contains("title = {On $\\alpha$-[Sparse] Models}"))
        let recorded = tmux.home.appendingPathComponent("clip.txt")
        let deadline = Date().addingTimeInterval(10)
        while (try? String(contentsOf: recorded, encoding: .utf8)) == nil && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        #expect(try String(contentsOf: recorded, encoding: .utf8) == "-selection clipboard\n" + exported)
        try quitReader(tmux)
    }

    @Test func atJumpsToADayBelowItsSeparator() throws {
        let library = try Self.library((1...7).map { "Paper \($0) on retrieval" })
        let tmux = try Tmux()
        try tmux.start(width: 120, height: 40)
        let screen = try openReader(tmux, library, position: "1/7")
        try requireScreen(screen.contains { $0.contains("── Sat 20 Jun 2026 ──") } && screen.contains { $0.contains("── Sun 14 Jun 2026 ──") },
                          "a separator for each day", screen)
        try tmux.send(keys: "@")
        try tmux.waitFor({ status($0).hasPrefix("date: ") }, "the date prompt")
        try tmux.type("2026-06-31")
        try tmux.send(keys: "Enter")
        try tmux.waitFor({ status($0).contains("not a day: write it YYYY-MM-DD") }, "the error on the prompt")
        try tmux.send(keys: "BSpace", "BSpace")
        try tmux.type("17")
        try tmux.send(keys: "Enter")
        try tmux.waitFor({ status($0).hasPrefix(" 4/7 ") && status($0).contains("jumped to 2026-06-17") }, "the 17th's paper selected")
        try quitReader(tmux)
    }
}
