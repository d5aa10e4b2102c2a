import FolioTestSupport
import Foundation
import Testing

/// `folio fetch` against a server on 127.0.0.1 that this test starts and that serves the real fixtures.
@Suite("folio fetch")
struct FetchCLITests {
    static let hf = ScriptedResponse.fixture("hf-daily-papers/daily_papers_2026-06-12.json", contentType: "application/json")
    static let rss = ScriptedResponse.fixture("arxiv-rss/cs_LG_sample.xml", contentType: "application/rss+xml; charset=utf-8")
    static let atom = ScriptedResponse.fixture("arxiv-atom/arxiv_transformer.xml", contentType: "application/atom+xml; charset=utf-8")

    @Test func eachKindImportsItsPapersFromTheServer() throws {
        let server = try TestHTTPServer([
            "/api/daily_papers": [Self.hf], "/api/query": [Self.atom], "/rss/cs.LG+cs.CL": [Self.rss],
            "/files/maestro.xml": [.fixture("arxiv-atom/search_au_del_maestro.xml", contentType: "text/xml")],
        ])
        defer { server.stop() }
        let fetch = try FetchRun(config: """
            [sources.hf]
            kind = "hf-daily"
            base_url = "\(server.baseURL)"
            [sources.search]
            kind = "arxiv-query"
            search_query = "ti:transformer AND cat:cs.CL"
            base_url = "\(server.baseURL)"
            [sources.rss]
            kind = "arxiv-rss"
            categories = "cs.LG+cs.CL"
            base_url = "\(server.baseURL)/"
            [sources.page]
            kind = "url"
            url = "\(server.baseURL)/files/maestro.xml"
            """)
        let result = try fetch.run([])
        #expect(result.status == 0, "\(result.stderr)")
        let reports = try FetchRun.reports(result)
        // Four of the search's five papers are also among the Daily Papers: whichever source comes
        // second updates them.
        #expect(reports.mapValues { $0.counts[0] + $0.counts[1] } == ["hf": 30, "search": 5, "rss": 4, "page": 10])
        #expect(reports.values.map { $0.counts[0] }.reduce(0, +) == 45)
        #expect(reports.values.allSatisfy { $0.status == "ok" })
        #expect(try fetch.library.list().count == 45)
        #expect(try fetch.library.list(["cat:cs.LG"]).count >= 4)

        let today = ISO8601DateFormatter.string(from: Date(), timeZone: TimeZone(identifier: "UTC")!, formatOptions: [.withFullDate])
        let daily = try #require(server.requests(to: "/api/daily_papers").first)
        #expect(daily.query("date") == today)
        #expect(daily.headers["user-agent"]?.hasPrefix("Folio/") == true)
        let query = try #require(server.requests(to: "/api/query").first)
        #expect(query.query("search_query") == "ti:transformer AND cat:cs.CL")
        #expect(query.query("start") == "0" && query.query("max_results") == "100")
        #expect(query.query("sortBy") == "submittedDate" && query.query("sortOrder") == "descending")
        #expect(server.requests(to: "/rss/cs.LG+cs.CL").count == 1)
    }

    @Test func aSecondFetchOfAnUnchangedSourceIsOne304() throws {
        let server = try TestHTTPServer(["/rss/cs.LG": [Self.rss]])
        defer { server.stop() }
        let fetch = try FetchRun(config: "[sources.rss]\nkind = \"arxiv-rss\"\ncategories = \"cs.LG\"\nbase_url = \"\(server.baseURL)\"\n")
        #expect(try FetchRun.reports(try fetch.run([]))["rss"]?.counts == [4, 0, 0])
        let second = try fetch.run(["rss"])
        #expect(second.status == 0)
        let report = try #require(try FetchRun.reports(second)["rss"])
        #expect(report.status == "not-modified" && report.counts == [0, 0, 0])
        let requests = server.requests
        #expect(requests.count == 2)
        #expect(requests[0].headers["if-none-match"] == nil)
        #expect(requests[1].headers["if-none-match"] == Self.rss.headers.first { $0.0 == "ETag" }?.1)
        #expect(try fetch.library.list().count == 4)
        #expect(try fetch.library.run(["--config", fetch.config, "fetch", "rss"]).stdout == "rss: not modified, 0 new\n")
    }

    /// The one slow test: three pages of one result each, which arXiv wants 3 seconds apart.
    @Test func arxivPagesArriveAtLeastThreeSecondsApart() throws {
        let pages = ["2026_id_1605.08386_s0_m100_199195aa31ad.xml", "2026_id_1707.08567_s0_m100_6a1afebfc6a3.xml",
                     "2026_id_2104.12255v1_s0_m100_6ae69987ffe1.xml"].map {
            ScriptedResponse.fixture("arxiv-atom/\($0)", contentType: "application/atom+xml")
        }
        let server = try TestHTTPServer(["/api/query": pages])
        defer { server.stop() }
        let fetch = try FetchRun(config: """
            [sources.q]
            kind = "arxiv-query"
            search_query = "all:electron"
            max_results = 3
            page_size = 1
            base_url = "\(server.baseURL)"
            """)
        #expect(try FetchRun.reports(try fetch.run([]))["q"] == FetchRun.Report(status: "ok", counts: [3, 0, 0]))
        let requests = server.requests(to: "/api/query")
        #expect(requests.map { $0.query("start") } == ["0", "1", "2"])
        #expect(requests.allSatisfy { $0.query("max_results") == "1" })
        for (earlier, later) in zip(requests, requests.dropFirst()) {
            #expect(later.arrival.timeIntervalSince(earlier.arrival) >= 3.0)
        }
    }

    @Test func theDefaultSourcesApplyAndNoConfigIsWrittenUnasked() throws {
        let library = try TestLibrary()
        let config = library.folder.appendingPathComponent("config/folio/config.toml")
        let result = try library.run(["--config", config.path, "fetch", "nosuch"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("no source named nosuch") && result.stderr.contains("(sources: hf, arxiv)"))
        #expect(!FileManager.default.fileExists(atPath: config.path))
        // A config without sources keeps what it says, and the defaults apply.
        try FileManager.default.createDirectory(at: config.deletingLastPathComponent(), withIntermediateDirectories: true)
        try "theme = \"gruvbox\"\n".write(to: config, atomically: true, encoding: .utf8)
        #expect(try library.run(["--config", config.path, "fetch", "nosuch"]).stderr.contains("(sources: hf, arxiv)"))
        #expect(try String(contentsOf: config, encoding: .utf8) == "theme = \"gruvbox\"\n")
        // `config init` writes a starter file, and never over one.
        let refused = try library.run(["--config", config.path, "config", "init"])
        #expect(refused.status == 1 && refused.stderr.contains("exists"))
        try FileManager.default.removeItem(at: config)
        #expect(try library.ok(["--config", config.path, "config", "init"]).stdout == "wrote \(config.path)\n")
        let text = try String(contentsOf: config, encoding: .utf8)
        #expect(text.contains("[sources.hf]\nkind = \"hf-daily\"") && text.contains("categories = \"cs.LG+cs.CL+cs.CV+cs.AI\""))
        #expect(text.contains("# theme = \"gruvbox\""))
        #expect(try library.ok(["--config", config.path, "config", "check"]).stdout.hasSuffix(": ok\n"))
    }
}

/// A library and a config file for one test, and `folio fetch --json` parsed.
struct FetchRun {
    let library: TestLibrary
    let config: String

    init(config text: String) throws {
        library = try TestLibrary()
        config = library.folder.appendingPathComponent("config.toml").path
        try text.write(toFile: config, atomically: true, encoding: .utf8)
    }

    func run(_ arguments: [String]) throws -> CLI.Result {
        try library.run(["--config", config, "fetch", "--json"] + arguments)
    }

    struct Report: Equatable {
        var status: String
        /// new, updated, unchanged
        var counts: [Int]
        var message: String?
    }

    static func reports(_ result: CLI.Result) throws -> [String: Report] {
        var reports: [String: Report] = [:]
        for line in result.lines {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let counts = ["new", "updated", "unchanged"].map { object[$0] as? Int ?? -1 }
            reports[object["source"] as? String ?? ""] = Report(status: object["status"] as? String ?? "", counts: counts, message: object["message"] as? String)
        }
        return reports
    }
}
