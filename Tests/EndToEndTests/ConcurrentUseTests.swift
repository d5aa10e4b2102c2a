import FolioTestSupport
import Foundation
import Testing

/// Two readers in tmux and a loop of `folio star`/`folio tag` writing to one library at once:
/// nothing fails with "database is locked", nothing is lost, and each reader shows the others' changes
/// within a second.
@Suite("concurrent use")
struct ConcurrentUseTests {
    static let papers = 1000
    static let readerStars = 700   // reader A stars the first 700 rows
    static let readerTags = 600    // reader B tags the first 600 rows `rb`
    static let cliStars = 300      // the loop stars the other 300 rows…
    static let cliTags = 400       // …and tags the first 400 `cli`
    static let batch = 50

    @Test func twoReadersAndACommandLoopLoseNothing() throws {
        let library = try TestLibrary()
        let file = library.folder.appendingPathComponent("papers.jsonl")
        try GeneratedSnapshot.jsonl(count: Self.papers, yymm: "0903").write(to: file)
        try library.ok(["import", file.path])
        let order = try library.list(["--limit", "\(Self.papers)"]).compactMap { $0["id"] as? String }
        try #require(order.count == Self.papers)

        let readers = [try Tmux(), try Tmux()]
        for tmux in readers {
            try tmux.start(width: 120, height: 40, command: [CLI.binary.path, "--library", library.path])
            try tmux.waitFor({ isReader($0, position: "1/\(Self.papers)") }, "the reader drawn")
        }
        let failures = FailureLog()
        let group = DispatchGroup()
        // Reader A: `s` then `j`, row after row. Reader B: `t`, `rb`, Enter, `j`.
        let plans: [(Tmux, Int, [String])] = [(readers[0], Self.readerStars, ["s", "j"]),
                                               (readers[1], Self.readerTags, ["t", "r", "b", "Enter", "j"])]
        for (tmux, count, keys) in plans {
            DispatchQueue.global().async(group: group) {
                do {
                    for start in stride(from: 0, to: count, by: Self.batch) {
                        let rows = min(Self.batch, count - start)
                        try tmux.command(["send-keys", "-t", "e2e"] + Array([[String]](repeating: keys, count: rows).joined()))
                        try tmux.waitFor({ status($0).hasPrefix(" \(start + rows + 1)/\(Self.papers) ") }, timeout: 60,
                                         "row \(start + rows + 1) after \(start + rows) changes")
                    }
                } catch { failures.add("\(error)") }
            }
        }

        let home = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: home) }
        var cliOps = 0, latencies: [Double] = []
        func cli(_ arguments: [String]) throws {
            let result = try CLI.start(["--library", library.path] + arguments, home: home).wait()
            cliOps += 1
            if result.status != 0 { failures.add("folio \(arguments.joined(separator: " ")): \(result.stderr)") }
        }
        /// Tags a paper with a new name and times how long until both readers show it.
        func probe(_ n: Int) throws {
            let name = "probe-\(n)"
            try cli(["tag", order[Self.papers - 1 - n], name])
            let start = Date()
            for tmux in readers {
                try tmux.waitFor({ $0.contains { $0.contains(name) } }, timeout: 5, "\(name) shown")
            }
            latencies.append(Date().timeIntervalSince(start))
        }
        var probes = 0
        for n in 0..<max(Self.cliStars, Self.cliTags) {
            if n < Self.cliStars { try cli(["star", order[Self.readerStars + n]]) }
            if n < Self.cliTags { try cli(["tag", order[n], "cli"]) }
            if n % 100 == 50 { try probe(probes); probes += 1 }
        }
        group.wait()

        // Every change from all three is in the library, exactly.
        let stars = try LibraryProbe.pairs(library.path, "SELECT paper_id FROM star")
        let tags = try LibraryProbe.pairs(library.path, "SELECT paper_id || '|' || name FROM tag")
        var expectedTags = Set(order.prefix(Self.readerTags).map { "\($0)|rb" })
        expectedTags.formUnion(order.prefix(Self.cliTags).map { "\($0)|cli" })
        expectedTags.formUnion((0..<probes).map { "\(order[Self.papers - 1 - $0])|probe-\($0)" })
        let lost = Set(order).subtracting(stars).count + expectedTags.subtracting(tags).count
        let unexpected = stars.subtracting(order).count + tags.subtracting(expectedTags).count

        // And each reader shows the final counts within a second of the last change.
        try probe(probes); probes += 1
        for tmux in readers {
            try tmux.waitFor({ screen in
                [#"Starred\s+\#(Self.papers)\b"#, #" rb\s+\#(Self.readerTags)\b"#, #" cli\s+\#(Self.cliTags)\b"#].allSatisfy { pattern in
                    screen.contains { $0.range(of: pattern, options: .regularExpression) != nil }
                }
            }, timeout: 1, "the final counts in the sidebar")
        }
        let readerOps = Self.readerStars + Self.readerTags
        print("concurrent use: \(readerOps + cliOps) operations (reader A \(Self.readerStars) stars, reader B \(Self.readerTags) tags,"
            + " CLI \(cliOps) stars and tags) at once: \(failures.count) failures, \(lost) lost, \(unexpected) unexpected;"
            + " other readers showed a change after " + latencies.map { String(format: "%.2f s", $0) }.joined(separator: ", "))
        #expect(failures.count == 0, "\(failures.all.prefix(5))")
        #expect(lost == 0 && unexpected == 0)
        #expect(latencies.allSatisfy { $0 < 1 }, "\(latencies)")
        #expect(readerOps + cliOps >= 2000)
    }
}

/// Failures gathered from several threads.
final class FailureLog: @unchecked Sendable {
    private let lock = NSLock()
    private var messages: [String] = []
    func add(_ message: String) { lock.withLock { messages.append(message) } }
    var count: Int { lock.withLock { messages.count } }
    var all: [String] { lock.withLock { messages } }
}
