import Foundation
import FolioTestSupport
import Testing

/// `folio similar` and `folio recommend` on the bundled sample, as text and as JSON.
@Suite("discover from the command line")
struct DiscoverCLITests {
    @Test func similarAndRecommendSayScoresAndWhy() throws {
        let lib = try TestLibrary()
        try lib.ok(["import", CLI.fixture("hf-daily-papers-page.txt")])
        let id = try #require(try lib.list(["Relevance Filtering for Embedding-based Retrieval"]).first?["id"] as? String)
        let lines = try lib.ok(["similar", id, "--limit", "3"]).stdout.split(separator: "\n")
        #expect(lines.count == 3 && lines.allSatisfy { $0.contains("(because: ") })
        let objects = try lib.ok(["similar", id, "--limit", "3", "--json"]).stdout.split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        #expect(objects.map { $0["id"] as? String } == lines.map { String($0.split(separator: "\t")[0].split(separator: " ").last!) })
        #expect(objects.allSatisfy { ($0["score"] as? Double ?? 0) > 0 && !($0["because"] as? [String] ?? []).isEmpty })

        let none = try lib.run(["recommend"])
        #expect(none.status == 0 && none.stdout.isEmpty && none.stderr.contains("nothing to rank by: no paper is starred"))
        try lib.ok(["star", id])
        #expect(try lib.ok(["recommend", "--limit", "5"]).stdout.split(separator: "\n").count == 5)
        #expect(try lib.run(["recommend", "--tag", "nope"]).stderr.contains("no paper is tagged nope"))
    }
}
