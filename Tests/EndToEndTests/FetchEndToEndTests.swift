import FolioTestSupport
import Foundation
import Testing

/// `R` in the real reader, against a slow server on 127.0.0.1 that this test starts.
@Suite("fetch end to end")
struct FetchEndToEndTests {
    @Test func capitalRShowsProgressStaysResponsiveThenShowsTheNewPapers() throws {
        let library = try TestLibrary()
        try library.ok(["import", CLI.fixture("hf-daily-papers-page.txt")])
        var slow = ScriptedResponse.fixture("hf-daily-papers/daily_papers_2026-06-12.json", contentType: "application/json")
        slow.delay = 3
        let server = try TestHTTPServer(["/api/daily_papers": [slow]])
        defer { server.stop() }
        let config = library.folder.appendingPathComponent("config.toml").path
        try "[sources.hf]\nkind = \"hf-daily\"\nbase_url = \"\(server.baseURL)\"\n".write(toFile: config, atomically: true, encoding: .utf8)
        let tmux = try Tmux()
        try tmux.start(width: 120, height: 40)
        try tmux.runInShell("'\(CLI.binary.path)' --library '\(library.path)' --config '\(config)'")
        try tmux.waitFor({ isReader($0, position: "1/54") }, "the reader on 54 papers")

        try tmux.send(keys: "R")
        try tmux.waitFor({ status($0).contains("fetching hf ") }, "per-source progress on the status line")
        try tmux.send(keys: "j")
        let during = try tmux.waitFor({ status($0).hasPrefix(" 2/54 ") && status($0).contains("fetching hf ") },
                                      "j moving the selection to 2/54 while the fetch is still running")
        // The status line says "fetching" before the request reaches the server: wait for it to arrive
        // (the server holds its answer 3 s, so the fetch is still running), and for no second one.
        let deadline = Date().addingTimeInterval(3)
        while server.requests.isEmpty && Date() < deadline { usleep(20_000) }
        #expect(server.requests.count == 1)

        let done = try tmux.waitFor({ status($0).contains("fetched 30 new (hf 30 new)") }, "the fetch's summary")
        // Thirty newer papers sort above it; the selected paper stays on its row of the screen.
        try requireScreen(status(done).hasPrefix(" 32/84 "), "the selection kept on the same paper, now 32nd of 84", done)
        try requireScreen(listRow(done[3]) == listRow(during[3]), "the selected paper still on the list's second row", done)
        try requireScreen(done.contains { $0.hasPrefix("│New ") && $0.contains(" 30│") }, "the New entry with 30 papers", done)
        try tmux.send(keys: "G")
        try tmux.waitFor({ status($0).hasPrefix(" 84/84 ") }, "the last paper after G")
        try quitReader(tmux)

        // The next session: what arrived during the last one is no longer new.
        try tmux.runInShell("'\(CLI.binary.path)' --library '\(library.path)' --config '\(config)'")
        // It opens where the last one was left (the last paper, after G).
        try tmux.waitFor({ isReader($0, position: "84/84") && $0.contains { $0.hasPrefix("│New ") && $0.contains(" 0│") } },
                         "New back to 0 in the next session")
        try quitReader(tmux)
    }
}

/// A row of the paper list at 120 columns, without the marker column.
private func listRow(_ line: String) -> String { String(line.dropFirst(22).prefix(50)) }
