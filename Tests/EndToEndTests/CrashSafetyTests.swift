import FolioTestSupport
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// `kill -9` at random moments: of imports in the middle of a large file, of `folio star`/`folio tag`,
/// and of the reader while it stars and tags. Whatever Folio said it did is there afterwards, the library
/// opens and passes `PRAGMA integrity_check`, and a killed import left the paper count as it was.
@Suite("crash safety")
struct CrashSafetyTests {
    static let importKills = 50
    static let readerKills = 12
    /// Lines per import: about a second and a half of work for a debug build, so most kills land inside it.
    static let importLines = 5000
    /// Kills that land while a merge of index segments is under way.
    static let mergeKills = 24

    @Test func killedImportsAndCommandsLoseNothingAcknowledged() throws {
        let library = try TestLibrary()
        let targets = library.folder.appendingPathComponent("targets.jsonl")
        try GeneratedSnapshot.jsonl(count: 600, yymm: "0901").write(to: targets)
        try library.ok(["import", targets.path])
        let ids = (0..<600).map { "0901." + String(format: "%05d", $0) }

        let driver = AcknowledgingDriver(library: library, ids: ids)
        let driving = DispatchGroup()
        DispatchQueue.global().async(group: driving) { driver.run() }
        defer { driver.stop(); driving.wait() }  // also when a check below throws

        var rolledBack = 0, completed = 0, integrityFailures: [String] = [], month = 0
        var file = library.folder.appendingPathComponent("big.jsonl")
        func nextFile() throws {
            month += 1
            file = library.folder.appendingPathComponent("big-\(month).jsonl")
            let yymm = String(format: "%02d%02d", 10 + month / 12, 1 + month % 12)
            try GeneratedSnapshot.jsonl(count: Self.importLines, yymm: yymm).write(to: file)
        }
        try nextFile()
        let home = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: home) }
        var bulkKills = 0, hotJournals = 0
        for kill in 0..<Self.importKills {
            let before = try LibraryProbe.count(library.path, "paper")
            // Every other import as a large file imports: through a rollback journal when it has the library to itself.
            let bulk = kill % 2 == 1
            if bulk { bulkKills += 1 }
            let importing = try CLI.start(["--library", library.path, "import", file.path], home: home,
                                          environment: bulk ? ["FOLIO_TESTING_BULK_BYTES": "1"] : [:])
            Thread.sleep(forTimeInterval: Double.random(in: 0.05...1.6))
            importing.send(signal: SIGKILL)
            let result = try importing.wait()
            // Killed inside a transaction written through the rollback journal: the journal is left for the next open.
            if FileManager.default.fileExists(atPath: library.path + "-journal") { hotJournals += 1 }
            // The library opens (this runs recovery of the log the killed process left) and is whole.
            try library.ok(["stats"])
            let check = try LibraryProbe.integrity(library.path)
            if check != "ok" { integrityFailures.append(check) }
            #expect(try LibraryProbe.query(library.path, "PRAGMA journal_mode") == "wal")
            let after = try LibraryProbe.count(library.path, "paper")
            if after == before {
                rolledBack += 1
            } else {
                // Only a whole import may show: the process ended (or was killed just after its commit).
                #expect(after == before + Self.importLines, "a killed import left \(after - before) papers (status \(result.status))")
                completed += 1
                try nextFile()
            }
        }
        driver.stop()
        driving.wait()
        let lost = try driver.lostAcknowledgements()
        print("crash safety (imports): \(Self.importKills) kill -9 of `folio import` (\(Self.importLines) lines) at random 0.05–1.6 s:"
            + " (\(bulkKills) of them in bulk, \(hotJournals) left a rollback journal) \(rolledBack) rolled back to the exact paper count, \(completed) had committed first;"
            + " \(driver.kills) kill -9 of star/tag commands; \(driver.acknowledged) acknowledged stars and tags,"
            + " \(lost.count) lost; \(integrityFailures.count) integrity failures")
        #expect(lost.isEmpty, "acknowledged but missing: \(lost.prefix(10))")
        #expect(integrityFailures.isEmpty, "\(integrityFailures)")
        #expect(rolledBack + completed == Self.importKills)
        #expect(driver.acknowledged > 0)
        #expect(rolledBack > 0)
        #expect(hotJournals > 0, "no kill landed in an import written through the rollback journal")
    }

    @Test func killedReaderKeepsEveryAcknowledgedStarAndTag() throws {
        let library = try TestLibrary()
        let file = library.folder.appendingPathComponent("papers.jsonl")
        try GeneratedSnapshot.jsonl(count: 100, yymm: "0902").write(to: file)
        try library.ok(["import", file.path])
        // The reader lists newest first: position 1 is the last generated paper.
        let order = try library.list().compactMap { $0["id"] as? String }
        var acknowledgedStars: Set<String> = [], acknowledgedTags: Set<String> = [], integrityFailures = 0
        let tmux = try Tmux()
        for round in 0..<Self.readerKills {
            try tmux.start(width: 120, height: 40, command: [CLI.binary.path, "--library", library.path])
            try tmux.waitFor({ isReader($0, position: "1/100") }, "the reader drawn")
            let pid = try #require(pid_t(try tmux.display("#{pane_pid}")))
            try tmux.command(["send-keys", "-t", "e2e"] + Array(repeating: "j", count: round))
            try tmux.send(keys: "s", "t")
            try tmux.type("crash-\(round)")
            try tmux.send(keys: "Enter")
            Thread.sleep(forTimeInterval: Double.random(in: 0...0.3))
            // What the screen says before the kill is what Folio acknowledged.
            let line = status(try tmux.capture())
            kill(pid, SIGKILL)
            let id = order[round]
            if line.hasSuffix("tagged crash-\(round)") { acknowledgedTags.insert("\(id)|crash-\(round)") }
            if line.hasSuffix("starred") || line.hasPrefix("tags: ") || line.hasSuffix("tagged crash-\(round)") {
                acknowledgedStars.insert(id)
            }
            while (try? tmux.display("#{pane_pid}")) != nil { Thread.sleep(forTimeInterval: 0.02) }
            try library.ok(["stats"])
            if try LibraryProbe.integrity(library.path) != "ok" { integrityFailures += 1 }
        }
        let stars = try LibraryProbe.pairs(library.path, "SELECT paper_id FROM star")
        let tags = try LibraryProbe.pairs(library.path, "SELECT paper_id || '|' || name FROM tag")
        let lost = acknowledgedStars.subtracting(stars).count + acknowledgedTags.subtracting(tags).count
        print("crash safety (reader): \(Self.readerKills) kill -9 of the reader at random 0–0.3 s after `s` and `t`:"
            + " \(acknowledgedStars.count) stars and \(acknowledgedTags.count) tags acknowledged on screen, \(lost) lost,"
            + " \(integrityFailures) integrity failures")
        #expect(lost == 0 && integrityFailures == 0)
        #expect(acknowledgedStars.count + acknowledgedTags.count > 0)
    }
    /// Kills landing in the middle of index merges: small imports (new papers, and earlier ones with new
    /// titles) into a library whose merges are forced at nearly every import and slowed down, killed at a
    /// random moment after a merge begins. The import itself committed before its merges, so its papers
    /// and titles must be there; the index must answer as `sqlite3` reading the titles does.
    @Test func killsDuringSegmentMergesLoseNothingAndKeepTheIndexRight() throws {
        let library = try TestLibrary()
        var random = SystemRandomNumberGenerator()
        let initial = library.folder.appendingPathComponent("initial.jsonl")
        try MergeCorpus.jsonl((0..<300).map { ($0, MergeCorpus.title(&random)) }).write(to: initial)
        try library.ok(["import", initial.path])
        let driver = AcknowledgingDriver(library: library, ids: (0..<300).map(MergeCorpus.id))
        let driving = DispatchGroup()
        DispatchQueue.global().async(group: driving) { driver.run() }
        defer { driver.stop(); driving.wait() }

        let home = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: home) }
        let merging = ["FOLIO_TESTING_MERGE_FAN_OUT": "2", "FOLIO_TESTING_MERGE_DELAY_MS": "10"]
        var papers = 300, rounds = 0, mergeKills = 0, integrityFailures: [String] = [], disagreements: [String] = []
        while mergeKills < Self.mergeKills && rounds < 90 {
            rounds += 1
            let file = library.folder.appendingPathComponent("round-\(rounds).jsonl")
            let changed = (0..<4).map { _ in (Int.random(in: 0..<papers, using: &random), MergeCorpus.title(&random)) }
            try MergeCorpus.jsonl((papers..<papers + 6).map { ($0, MergeCorpus.title(&random)) } + changed).write(to: file)
            let before = try LibraryProbe.count(library.path, "paper")
            let importing = try CLI.start(["--library", library.path, "import", file.path], home: home, environment: merging)
            var merged = false
            for _ in 0..<2000 where importing.isRunning {
                if importing.stderrSoFar().contains("merge: segments") {
                    merged = true
                    break
                }
                Thread.sleep(forTimeInterval: 0.005)
            }
            if merged { Thread.sleep(forTimeInterval: Double.random(in: 0...0.25)) }
            importing.send(signal: SIGKILL)
            let result = try importing.wait()
            let begun = result.stderr.components(separatedBy: "merge: segments").count - 1
            if begun > result.stderr.components(separatedBy: "merge: committed").count - 1 { mergeKills += 1 }
            try library.ok(["stats"])
            let check = try LibraryProbe.integrity(library.path)
            if check != "ok" { integrityFailures.append(check) }
            #expect(try LibraryProbe.query(library.path, "PRAGMA journal_mode") == "wal")
            let after = try LibraryProbe.count(library.path, "paper")
            // Merges start once the import committed: then its papers are all there.
            #expect(merged || result.status == 0 ? after == before + 6 : after == before || after == before + 6,
                    "\(after - before) new papers (merge began: \(merged), status \(result.status))")
            if after == before + 6 { papers += 6 }
            for word in [MergeCorpus.words.randomElement(using: &random)!, "ec*"] {
                if let wrong = try MergeCorpus.disagreement(library, word) { disagreements.append(wrong) }
            }
        }
        driver.stop()
        driving.wait()
        // Every merge above was killed: one import left alone does the merges they left undone.
        let last = library.folder.appendingPathComponent("last.jsonl")
        try MergeCorpus.jsonl([(papers, MergeCorpus.title(&random)), (0, MergeCorpus.title(&random))]).write(to: last)
        let finished = try CLI.run(["--library", library.path, "import", last.path], environment: merging)
        #expect(finished.status == 0 && finished.stderr.contains("merge: committed"), "\(finished.stderr)")
        for word in MergeCorpus.words + ["ec*", "merge", "k*"] {
            if let wrong = try MergeCorpus.disagreement(library, word) { disagreements.append(wrong) }
        }
        let lost = try driver.lostAcknowledgements()
        let stats = try CLI.run(["--library", library.path, "index", "stats", "--json"], environment: merging)
        let segments = try #require(try JSONSerialization.jsonObject(with: Data(stats.stdout.utf8)) as? [String: Any])
        print("crash safety (merges): \(rounds) imports with forced, slowed merges, \(mergeKills) kill -9 during a merge;"
            + " \(papers + 1) papers, \(segments["segments"] ?? "?") segments after one import left to finish; \(driver.acknowledged) acknowledged stars and tags,"
            + " \(lost.count) lost; \(integrityFailures.count) integrity failures; \(disagreements.count) queries unlike the titles")
        #expect(mergeKills >= Self.mergeKills)
        #expect(lost.isEmpty, "acknowledged but missing: \(lost.prefix(10))")
        #expect(integrityFailures.isEmpty, "\(integrityFailures)")
        #expect(disagreements.isEmpty, "\(disagreements.prefix(5))")
        #expect((segments["segments"] as? Int ?? .max) <= segments["merge_bound"] as? Int ?? 0)
    }
}

/// Papers for the merge crash test: titles of a few words, so `sqlite3` can say which papers a title
/// word matches without Folio's code.
enum MergeCorpus {
    static let words = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india", "juliet", "kilo", "lima"]

    static func id(_ n: Int) -> String { "1201." + String(format: "%05d", n) }

    static func title(_ random: inout SystemRandomNumberGenerator) -> String {
        "Merge " + (0..<3).map { _ in words.randomElement(using: &random)! }.joined(separator: " ")
    }

    /// arXiv snapshot lines; an abstract of many distinct words so that merges have keys to write.
    static func jsonl(_ papers: [(n: Int, title: String)]) -> Data {
        Data(papers.map { n, title in
            let abstract = (0..<40).map { "w\(n * 7 + $0 * 13)" }.joined(separator: " ")
            return #"{"id":"\#(id(n))","title":"\#(title)","authors":"Ada Author","categories":"cs.LG","abstract":"\#(abstract)","#
                + #""versions":[{"version":"v1","created":"Mon, 2 Jan 2012 12:00:00 GMT"}],"update_date":"2012-01-02"}"# + "\n"
        }.joined().utf8)
    }

    /// `folio list title:WORD` against the titles as `sqlite3` reads them; nil when they agree.
    static func disagreement(_ library: TestLibrary, _ word: String) throws -> String? {
        let pattern = word.hasSuffix("*") ? "% " + word.dropLast() + "%" : "% " + word + " %"
        let expected = try LibraryProbe.pairs(library.path, "SELECT id FROM paper WHERE ' ' || lower(title) || ' ' LIKE '\(pattern)'")
        let listed = Set(try library.list(["title:" + word]).compactMap { $0["id"] as? String })
        return listed == expected ? nil : "title:\(word): \(listed.symmetricDifference(expected).sorted().prefix(5))"
    }
}

/// Runs `folio star` and `folio tag` one after another, killing every third at a random moment, and
/// remembers each change whose output said it was done.
final class AcknowledgingDriver: @unchecked Sendable {
    private let library: TestLibrary
    private let ids: [String]
    private let lock = NSLock()
    private var stopped = false
    private var stars: Set<String> = []
    private var tags: Set<String> = []
    private(set) var kills = 0
    var acknowledged: Int { lock.withLock { stars.count + tags.count } }

    init(library: TestLibrary, ids: [String]) {
        self.library = library
        self.ids = ids
    }

    func stop() { lock.withLock { stopped = true } }

    func run() {
        guard let home = try? CLI.temporaryFolder() else { return }
        defer { try? FileManager.default.removeItem(at: home) }
        for (n, id) in ids.enumerated() where !lock.withLock({ stopped }) {
            let tagging = n % 2 == 1
            let arguments = tagging ? ["tag", id, "ack"] : ["star", id]
            guard let command = try? CLI.start(["--library", library.path] + arguments, home: home) else { continue }
            if n % 3 == 0 {
                Thread.sleep(forTimeInterval: Double.random(in: 0...0.08))
                command.send(signal: SIGKILL)
                lock.withLock { kills += 1 }
            }
            guard let result = try? command.wait() else { continue }
            lock.withLock {
                if result.stdout.contains("starred 1 paper") { stars.insert(id) }
                if result.stdout.contains("tagged 1 paper ack") { tags.insert("\(id)|ack") }
            }
        }
    }

    /// Acknowledged changes the library does not hold.
    func lostAcknowledgements() throws -> [String] {
        let inStars = try LibraryProbe.pairs(library.path, "SELECT paper_id FROM star")
        let inTags = try LibraryProbe.pairs(library.path, "SELECT paper_id || '|' || name FROM tag")
        return lock.withLock { Array(stars.subtracting(inStars)) + Array(tags.subtracting(inTags)) }
    }
}
