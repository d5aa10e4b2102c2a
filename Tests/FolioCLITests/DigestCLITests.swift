import Foundation
import FolioTestSupport
import Testing

@Suite("digests of topics")
struct DigestCLITests {
    static func library() throws -> TestLibrary {
        let library = try TestLibrary()
        try library.ok(["import", CLI.fixture("hf-daily-papers/daily_papers_2026-06-12.json")])
        try library.ok(["topic", "add", "agents", "agent*"])
        try library.ok(["topic", "add", "rl", "\"reinforcement learning\""])
        return library
    }

    static func escaped(_ text: String) -> String {
        text.map { "\\`*_[]<>#|".contains($0) ? "\\\($0)" : String($0) }.joined()
    }

    /// The Markdown, line for line, from what `folio list --json` says of each topic's papers.
    @Test func markdownListsEachTopicsNewPapersNewestFirst() throws {
        let library = try Self.library()
        let text = try library.ok(["digest", "--since", "1d"]).stdout
        var expected = ["# Folio digest: default", "", ""]  // the third line says when, checked apart
        for (topic, query) in [("agents", "agent*"), ("rl", "\"reinforcement learning\"")] {
            let papers = try library.list([query, "--limit", "1000"])
            #expect(!papers.isEmpty)
            expected += ["", "## \(topic) (\(papers.count))", "", "Query: `\(query)`", ""]
            for paper in papers {
                let title = Self.escaped(paper["title"] as! String)
                let authors = Self.escaped((paper["authors"] as! [String]).joined(separator: ", "))
                expected.append("- [\(title)](\(paper["url"] as! String)) — \(authors) · \(paper["published"] as! String)")
            }
        }
        var lines = text.components(separatedBy: "\n")
        #expect(lines[2].hasPrefix("Papers that arrived from ") && lines[2].hasSuffix("Z."))
        lines[2] = ""
        #expect(Array(lines.dropLast()) == expected, "\(text)")
    }

    /// Each name keeps its last run: the next digest holds only what arrived since; `--since` looks back
    /// without moving the mark; a topic that does not exist is an error that records nothing.
    @Test func eachDigestNameRemembersItsLastRun() throws {
        let library = try Self.library()
        let first = try library.ok(["digest", "--format", "json"]).stdout
        #expect(first.contains("\"name\":\"agents\",\"query\":\"agent*\",\"count\":12,"), "\(first)")
        let again = try library.ok(["digest", "--format", "json"]).stdout
        #expect(again.contains("\"name\":\"agents\",\"query\":\"agent*\",\"count\":0,"), "\(again)")
        #expect(try library.ok(["digest", "--since", "1d", "--format", "json"]).stdout.contains("\"count\":12,"))
        #expect(try library.ok(["digest", "--format", "json"]).stdout.contains("\"count\":0,"), "--since moved the mark")
        #expect(try library.ok(["digest", "--name", "weekly", "--format", "json", "--topic", "agents"]).stdout.contains("\"count\":12,"))
        #expect(try library.run(["digest", "--name", "x", "--topic", "nope"]).stderr.contains("no topic named nope"))
        #expect(try library.ok(["digest", "--name", "x", "--topic", "agents"]).stdout.contains("## agents (12)"))
        // A later import's papers are the next digest's, and only they.
        try library.ok(["import", CLI.fixture("arxiv-atom/search_au_del_maestro.xml")])
        try library.ok(["topic", "add", "quantum", "quantum"])
        let later = try library.ok(["digest", "--topic", "quantum", "--topic", "agents", "--format", "json"]).stdout
        let quantum = try library.list(["quantum", "--limit", "1000"]).count
        #expect(quantum > 0 && later.contains("\"name\":\"quantum\",\"query\":\"quantum\",\"count\":\(quantum),")
                && later.contains("\"name\":\"agents\",\"query\":\"agent*\",\"count\":0,"), "\(later)")
        #expect(try library.run(["digest", "--since", "yesterday"]).stderr.contains("--since: expected last"))
    }

    /// newsboat (the Debian package) reads the Atom digest as a `file://` feed: one item per paper, with
    /// the papers' titles and addresses.
    @Test func newsboatReadsTheAtomDigest() throws {
        let library = try Self.library()
        let newsboat = try #require(Subprocess.find("newsboat"), "newsboat is not installed (scripts/install-deps installs it)")
        let folder = library.folder
        let feed = folder.appendingPathComponent("digest.xml")
        let atom = try library.ok(["digest", "--since", "1d", "--format", "atom"]).stdout
        try atom.write(to: feed, atomically: true, encoding: .utf8)
        let urls = folder.appendingPathComponent("urls"), config = folder.appendingPathComponent("config")
        try "file://\(feed.path)\n".write(to: urls, atomically: true, encoding: .utf8)
        try "".write(to: config, atomically: true, encoding: .utf8)
        let home = folder.appendingPathComponent("home")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        let cache = folder.appendingPathComponent("cache.db").path
        let arguments = ["-u", urls.path, "-c", cache, "-C", config.path, "-x"]
        let environment = ["HOME": home.path, "LANG": "C.UTF-8"]
        let reload = try Subprocess.run(newsboat, arguments + ["reload"], environment: environment)
        #expect(reload.status == 0, "\(reload.stderr)")
        // Papers in both topics are one entry.
        let papers = Dictionary(try (library.list(["agent*"]) + library.list(["\"reinforcement learning\""])).map {
            ($0["url"] as! String, $0["title"] as! String)
        }) { a, _ in a }
        let unread = try Subprocess.run(newsboat, arguments + ["print-unread"], environment: environment)
        #expect(unread.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "\(papers.count) unread articles", "\(unread.stdout)")
        let items = try LibraryProbe.query(cache, "SELECT url || ' ' || title FROM rss_item ORDER BY url")
        #expect(items == papers.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: "\n"))
    }
}
