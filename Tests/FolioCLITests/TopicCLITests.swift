import Foundation
import FolioTestSupport
import Testing
@testable import FolioCore

/// `topic show`, `list --json` and `export` read through the index; here their bytes are compared with
/// what the matcher says of every paper (`Store.papers(_:usingIndex: false)`, the old path).
@Suite("topics through the index, byte for byte")
struct TopicCLITests {
    /// A library of several formats with stars, tags, read marks and topics (one chained, one broken).
    static func library() throws -> TestLibrary {
        let lib = try TestLibrary()
        try lib.ok(["import", CLI.fixture("hf-daily-papers/daily_papers_2026-06-12.json"), CLI.fixture("arxiv-atom/search_au_del_maestro.xml"),
                    CLI.fixture("arxiv-oai-jsonl/snapshot_head50.jsonl"), CLI.fixture("hf-daily-papers-page.txt")])
        let ids = try lib.list().compactMap { $0["id"] as? String }
        try lib.ok(["star"] + stride(from: 0, to: ids.count, by: 5).map { ids[$0] })
        try lib.ok(["tag", ids[3], "hot"])
        try lib.ok(["tag", ids[8], "hot", "Cold"])
        for (name, query) in [("ir", "retriev* OR rank*"), ("hot ir", "topic:ir OR tag:hot"), ("Quantum", "quantum OR cat:quant-ph"),
                              ("stars", "is:starred -topic:ir"), ("graph", "graph* -image")] {
            try lib.ok(["topic", "add", name, query])
        }
        // A saved query that no longer parses matches nothing (written past `topic add`, which checks it).
        _ = try LibraryProbe.query(lib.path, "INSERT INTO topic (name, query, created_at) VALUES ('broken', '(graph', '2026-01-01T00:00:00Z')")
        return lib
    }

    static func jsonLines(_ papers: [Paper]) -> String {
        papers.map { PaperJSON.object($0).text + "\n" }.joined()
    }

    @Test func topicShowListsTheMatchersPapersInTheSameOrder() throws {
        let lib = try Self.library()
        let store = try Store(path: lib.path)
        let everything = try store.papers(PaperFilter(), usingIndex: false)
        for topic in try store.topics() {
            let members = everything.filter { $0.topics.contains(topic.name) }
            #expect(try lib.ok(["topic", "show", topic.name, "--json"]).stdout == Self.jsonLines(members), "\(topic.name)")
            let text = try lib.ok(["topic", "show", topic.name]).lines
            #expect(text.first == "\(topic.name): \(topic.query) (\(members.count) papers)")
            #expect(text.dropFirst().map { String($0.prefix { $0 != "\t" }) } == members.map(\.id), "\(topic.name)")
        }
        #expect(everything.contains { $0.topics.count >= 2 })
    }

    @Test(arguments: [[], ["--limit", "5"], ["--sort", "title"], ["retrieval"], ["topic:ir -graph*", "--limit", "9"],
                      ["quantum OR \"language model\"", "--sort", "title", "--limit", "4"], ["--starred"], ["--tag", "hot"],
                      ["NOT topic:Quantum", "--starred", "--limit", "3"], ["topic:broken"]])
    func listJSONCarriesTheMatchersTopics(arguments: [String]) throws {
        let lib = try Self.library()
        let store = try Store(path: lib.path)
        let query = arguments.first.flatMap { $0.hasPrefix("--") ? nil : $0 }
        func option(_ name: String) -> String? { arguments.firstIndex(of: name).map { arguments[$0 + 1] } }
        let filter = PaperFilter(query: try query.map { try QueryParser.parse($0) }, starredOnly: arguments.contains("--starred"),
                                 tag: option("--tag"), limit: option("--limit").flatMap { Int($0) },
                                 sort: option("--sort") == "title" ? .title : .date)
        let expected = Self.jsonLines(try store.papers(filter, usingIndex: false))
        #expect(try lib.ok(["list", "--json"] + arguments).stdout == expected)
        // `export` takes only the query.
        if arguments == (query.map { [$0] } ?? []) {
            #expect(try lib.ok(["export", "--format", "jsonl"] + arguments).stdout == expected)
        }
    }
}
