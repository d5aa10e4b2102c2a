import FolioTestSupport
import Foundation
import Testing

/// A server that misbehaves in one way at a time: the bad source says so in one line, the good
/// source beside it still imports, and the library holds exactly the good source's papers.
@Suite("folio fetch when the server misbehaves")
struct FetchFailureCLITests {
    struct Scenario: Sendable, CustomTestStringConvertible {
        var name: String
        var responses: [ScriptedResponse]
        /// Extra settings of the bad source.
        var settings = ""
        /// nil: the source must end up fetched after all (a retry that works).
        var message: String?
        var requests: Int
        /// The least time between the first two requests.
        var minimumGap: TimeInterval = 0
        /// Whether the same settings work against a well-behaved server.
        var refetchWorks = true
        var testDescription: String { name }
    }

    static let scenarios = [
        Scenario(name: "429 with Retry-After, then 200",
                 responses: [.status(429, [("Retry-After", "1")]), FetchCLITests.hf], message: nil, requests: 2, minimumGap: 1),
        Scenario(name: "500 twice with one retry",
                 responses: [.status(500)], settings: "retries = 1", message: "HTTP 500 Internal Server Error after 2 attempts", requests: 2, minimumGap: 2),
        Scenario(name: "no answer within the timeout",
                 responses: [ScriptedResponse(body: Data("[]".utf8), delay: 4)], settings: "timeout = 1", message: "no answer within 1 s", requests: 1),
        Scenario(name: "a body cut off",
                 responses: [ScriptedResponse(headers: [("Content-Type", "application/json")], body: FetchCLITests.hf.body, truncateAfter: 5000)],
                 message: "the response was cut off (5000 of 166493 bytes)", requests: 1),
        Scenario(name: "an HTML page instead of JSON",
                 responses: [ScriptedResponse(headers: [("Content-Type", "text/html")], body: Data("<html><body>Sorry</body></html>".utf8))],
                 message: "expected JSON, got text/html", requests: 1),
        Scenario(name: "a redirect loop",
                 responses: [.status(302, [("Location", "/api/daily_papers?date=again")])],
                 message: "more than 5 redirects (a redirect loop?)", requests: 6),
        Scenario(name: "a body over the size limit",
                 responses: [FetchCLITests.hf], settings: "max_bytes = 10000", message: "the response is larger than 9 KB; refused", requests: 1, refetchWorks: false),
    ]

    @Test(arguments: scenarios)
    func oneBadSourceFailsAloneAndChangesNothing(_ scenario: Scenario) throws {
        let server = try TestHTTPServer(["/api/daily_papers": scenario.responses, "/rss/cs.LG": [FetchCLITests.rss]])
        defer { server.stop() }
        let fetch = try FetchRun(config: """
            [sources.bad]
            kind = "hf-daily"
            base_url = "\(server.baseURL)"
            \(scenario.settings)
            [sources.good]
            kind = "arxiv-rss"
            categories = "cs.LG"
            base_url = "\(server.baseURL)"
            """)
        let result = try fetch.run([])
        let reports = try FetchRun.reports(result)
        #expect(reports["good"] == FetchRun.Report(status: "ok", counts: [4, 0, 0]))
        let arrivals = server.requests(to: "/api/daily_papers").map(\.arrival)
        #expect(arrivals.count == scenario.requests)
        if arrivals.count >= 2 { #expect(arrivals[1].timeIntervalSince(arrivals[0]) >= scenario.minimumGap) }
        if let message = scenario.message {
            #expect(result.status == 1)
            #expect(reports["bad"] == FetchRun.Report(status: "failed", counts: [0, 0, 0], message: message))
            #expect(try fetch.library.list().count == 4)
        } else {
            #expect(result.status == 0)
            #expect(reports["bad"] == FetchRun.Report(status: "ok", counts: [30, 0, 0]))
            #expect(try fetch.library.list().count == 34)
        }
        // Consistent afterwards: the same library fetches again and loses nothing.
        guard scenario.refetchWorks else { return }
        server.set("/api/daily_papers", [FetchCLITests.hf])
        #expect(try FetchRun.reports(try fetch.run(["bad"]))["bad"]?.status != "failed")
        #expect(try fetch.library.list().count == 34)
    }

    @Test func anUnreachableServerIsOneClearLine() throws {
        let fetch = try FetchRun(config: "[sources.off]\nkind = \"arxiv-rss\"\ncategories = \"cs.LG\"\nbase_url = \"http://127.0.0.1:9\"\n")
        let result = try fetch.library.run(["--config", fetch.config, "fetch"])
        #expect(result.status == 1)
        #expect(result.stdout == "off: failed: cannot connect to 127.0.0.1:9 (offline?)\n")
    }
}
