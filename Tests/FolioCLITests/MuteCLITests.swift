import Foundation
import FolioTestSupport
import Testing
@testable import FolioCore

@Suite("mute rules from the command line")
struct MuteCLITests {
    /// `mute add/list/rm`; `list` leaves muted papers out (the index's answer and the matcher's agree),
    /// `--include-muted` shows them; topic counts leave them out; removing the rule brings them back.
    @Test func aRuleHidesItsPapersFromListsAndTopicCountsUntilRemoved() throws {
        let library = try TestLibrary()
        try library.ok(["import", CLI.fixture("hf-daily-papers/daily_papers_2026-06-12.json"), CLI.fixture("arxiv-oai-jsonl/snapshot_head50.jsonl")])
        try library.ok(["topic", "add", "agents", "agent*"])
        let all = Set(try library.list(["--limit", "1000"]).compactMap { $0["id"] as? String })
        let lowVotes = Set(try library.list(["upvotes<3", "--limit", "1000"]).compactMap { $0["id"] as? String })
        let agents = Set(try library.list(["agent*", "--limit", "1000"]).compactMap { $0["id"] as? String })
        #expect(all.count == 80 && !lowVotes.isEmpty && lowVotes.count < 30 && !agents.isEmpty)

        #expect(try library.ok(["mute", "add", "few votes", "upvotes<3"]).stdout == "saved mute rule few votes: \(lowVotes.count) papers muted\n")
        #expect(Set(try library.list(["--limit", "1000"]).compactMap { $0["id"] as? String }) == all.subtracting(lowVotes))
        #expect(Set(try library.list(["--limit", "1000", "--include-muted"]).compactMap { $0["id"] as? String }) == all)
        #expect(Set(try library.list(["agent*"]).compactMap { $0["id"] as? String }) == agents.subtracting(lowVotes))
        let topics = try library.ok(["topic", "list", "--json"]).stdout
        #expect(topics.contains("\"count\":\(agents.subtracting(lowVotes).count),"), "\(topics)")
        let rules = try library.ok(["mute", "list", "--json"]).stdout
        #expect(rules.hasPrefix("{\"name\":\"few votes\",\"query\":\"upvotes<3\",\"count\":\(lowVotes.count),"), "\(rules)")

        // The store's definition (every paper through the matcher) says the same as the index.
        let store = try Store(path: library.path)
        let scanned = try store.papers(PaperFilter(includeMuted: false), usingIndex: false).map(\.id)
        let indexed = try store.papers(PaperFilter(includeMuted: false), usingIndex: true).map(\.id)
        #expect(scanned == indexed && Set(scanned) == all.subtracting(lowVotes))

        #expect(try library.run(["mute", "add", "bad", "(agent"]).stderr.contains("expected ')'"))
        #expect(try library.run(["mute", "rm", "nothing"]).stderr.contains("no mute rule named nothing"))
        try library.ok(["mute", "rm", "few votes"])
        #expect(Set(try library.list(["--limit", "1000"]).compactMap { $0["id"] as? String }) == all)
        #expect(try library.ok(["mute", "list"]).stdout.isEmpty)
    }
}
