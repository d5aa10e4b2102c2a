import FolioFetch
import FolioTestSupport
import Foundation
import Testing
@testable import FolioApp
@testable import FolioCore

@Suite("fetching in the reader")
struct FetchReaderTests {
    @Test func capitalRFetchesWhileKeysKeepWorkingAndMarksTheNewPapers() throws {
        var slow = ScriptedResponse.fixture("hf-daily-papers/daily_papers_2026-06-12.json", contentType: "application/json")
        slow.delay = 1.5
        let server = try TestHTTPServer(["/api/daily_papers": [slow]])
        defer { server.stop() }
        let lib = try SampleLibrary()
        try lib.store.saveTopic(name: "agents", query: "agent*")
        let app = lib.runtime()
        app.beginSession()
        app.reload()
        app.sources = [FetchSource(name: "hf", kind: .hfDaily(date: nil), baseURL: server.baseURL),
                       FetchSource(name: "down", kind: .arxivRSS(categories: "cs.LG"), baseURL: "http://127.0.0.1:9")]
        let first = try #require(app.state.selectedPaper)
        app.press(.char("R"))
        #expect(app.state.isFetching)
        try app.waitUntil("hf requesting today's papers") { $0.state.fetchProgress.contains { $0.source == "hf" && $0.text.hasSuffix("…") } }
        #expect(app.lines[39].contains("fetching hf "))

        app.press(.char("j"))  // answered at once, while the server still sleeps
        #expect(app.state.isFetching)
        #expect(app.state.selectedPosition == 1)
        let second = try #require(app.state.selectedPaper)

        try app.waitUntil("the fetch to end") { !$0.state.isFetching }
        #expect(app.state.status?.text == "fetched 30 new (hf 30 new); failed: down (cannot connect to 127.0.0.1:9 (offline?))")
        #expect(app.state.status?.isError == true)
        #expect(app.state.snapshot.total == 84)
        #expect(app.state.selectedPaper?.id == second.id, "the selection stays on the paper it was on")
        #expect(app.state.snapshot.newCount == 30)
        #expect(app.lines.contains { $0.hasPrefix("│New ") && $0.contains(" 30") })
        let agents = try #require(app.state.snapshot.topicCounts.first { $0.name == "agents" })
        #expect(agents.new > 0)
        #expect(app.lines.contains { $0.hasPrefix("│ agents ") && $0.contains("\(agents.count) (+\(agents.new))") })
        #expect(first.id != second.id)
    }

    @Test func oneLineWhenEverySourceIsOffline() {
        let reports = ["a", "b"].map { FetchReport(source: $0, status: .failed, counts: ImportCounts(), message: "cannot connect to example.org (offline?)") }
        #expect(FetchSummary.status(reports) == StatusMessage(text: "fetch failed: cannot connect to example.org (offline?)", isError: true))
    }
}

