import Foundation
import FolioTestSupport
import Testing

@Suite("query language and topics")
struct QueryCLITests {
    @Test(arguments: [
        ("retrieval", 17), ("Retrieval", 17), ("RETRIEV*", 18), ("title:retrieval", 7), ("regulariz*", 19),
        ("\"language model\"", 7), ("language model", 16), ("\"text-to-image\"", 4), ("image -diffusion", 4),
        ("(retrieval OR ranking) dense", 5), ("sparse NOT title:sparse", 5),
    ])
    func countsOnTheDailyPapersPage(query: String, count: Int) throws {
        let lib = try TestLibrary()
        try lib.ok(["import", CLI.fixture("hf-daily-papers-page.txt")])
        #expect(try lib.list([query]).count == count)
    }

    @Test func scopesPickTheRightPapers() throws {
        let lib = try TestLibrary()
        try lib.ok(["import", CLI.fixture("hf-daily-papers/daily_papers_2026-06-12.json"),
                    CLI.fixture("arxiv-atom/search_au_del_maestro.xml"), CLI.fixture("arxiv-atom/2026_id_astro-ph_0601001_s0_m100_3150dca9dc76.xml")])
        func ids(_ query: String) throws -> Set<String> { Set(try lib.list([query]).compactMap { $0["id"] as? String }) }
        let all = try lib.list()
        #expect(try ids("author:casanova") == ["2606.00467"])
        let maestro = Set(all.filter { ($0["authors"] as? [String] ?? []).contains { $0.contains("Del Maestro") } }.compactMap { $0["id"] as? String })
        #expect(!maestro.isEmpty)
        #expect(try ids("author:\"del maestro\"") == maestro)
        #expect(try ids("cat:astro-ph") == ["astro-ph/0601001"])
        let condMat = Set(all.filter { ($0["categories"] as? [String] ?? []).contains { $0.lowercased().hasPrefix("cond-mat") } }.compactMap { $0["id"] as? String })
        let condMatFound = try ids("cat:cond-mat.*")
        #expect(!condMat.isEmpty && condMatFound == condMat)
        let in2026 = Set(all.filter { ($0["published"] as? String ?? "").hasPrefix("2026") }.compactMap { $0["id"] as? String })
        let found2026 = try ids("year:2026")
        #expect(in2026.count >= 30 && found2026 == in2026)
        let after = Set(all.filter { ($0["published"] as? String ?? "") >= "2026-06-10" }.compactMap { $0["id"] as? String })
        let foundAfter = try ids("after:2026-06-10")
        #expect(!after.isEmpty && foundAfter == after)
        #expect(try ids("before:2026-06-10") == in2026.subtracting(after).union(Set(all.filter { ($0["published"] as? String ?? "9") < "2026" }.compactMap { $0["id"] as? String })))
        try lib.ok(["star", "2606.00467"])
        try lib.ok(["tag", "astro-ph/0601001", "to read"])
        #expect(try ids("is:starred") == ["2606.00467"])
        #expect(try ids("tag:\"to read\"") == ["astro-ph/0601001"])
        #expect(try ids("id:2606.00467v2") == ["2606.00467"])
        try lib.ok(["topic", "add", "stars", "is:starred OR tag:\"to read\""])
        #expect(try ids("topic:stars") == ["2606.00467", "astro-ph/0601001"])
    }

    @Test func malformedQueryExitsOneWithTheColumn() throws {
        let lib = try TestLibrary()
        let result = try lib.run(["list", "(graph OR rag"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("expected ')' at column 14"))
        #expect(try lib.run(["list", "foo:bar"]).stderr.contains("column 1"))
    }

    @Test func topicIsALiveTagIncludingPapersImportedLater() throws {
        let lib = try TestLibrary()
        try lib.ok(["import", CLI.fixture("hf-daily-papers-page.txt")])
        try lib.ok(["topic", "add", "ir", "retriev* OR rank*"])
        let listed = try lib.ok(["topic", "list", "--json"]).lines
        #expect(listed.count == 1)
        let topic = try #require(try JSONSerialization.jsonObject(with: Data(listed[0].utf8)) as? [String: Any])
        #expect(topic["name"] as? String == "ir")
        #expect(topic["query"] as? String == "retriev* OR rank*")
        let count = try #require(topic["count"] as? Int)
        #expect(count == (try lib.list(["retriev* OR rank*"]).count))
        #expect(topic["unread"] as? Int == count)
        // A paper imported afterwards carries the topic at once.
        let atom = lib.folder.appendingPathComponent("new.xml")
        try """
            <?xml version="1.0" encoding="UTF-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom"><entry><id>http://arxiv.org/abs/2611.00001v1</id>
            <title>Ranking with Late Interaction</title><summary>We study rerankers for retrieval.</summary>
            <published>2026-11-01T00:00:00Z</published><author><name>A. Author</name></author></entry></feed>
            """.write(to: atom, atomically: true, encoding: .utf8)
        try lib.ok(["import", atom.path])
        let paper = try #require(try lib.list().first { $0["id"] as? String == "2611.00001" })
        #expect(paper["topics"] as? [String] == ["ir"])
        #expect(try lib.ok(["topic", "show", "ir", "--json"]).lines.count == count + 1)
        // Topics travel in backups.
        let backup = lib.folder.appendingPathComponent("b.json").path
        try lib.ok(["export", "--format", "folio-json", "-o", backup])
        let fresh = try TestLibrary()
        try fresh.ok(["import", backup])
        #expect(try fresh.ok(["topic", "list", "--json"]).stdout == (try lib.ok(["topic", "list", "--json"]).stdout))
        try lib.ok(["topic", "rm", "ir"])
        #expect(try lib.ok(["topic", "list"]).stdout.isEmpty)
        #expect(try lib.run(["topic", "add", "loop", "topic:loop"]).status == 1)
    }
}
