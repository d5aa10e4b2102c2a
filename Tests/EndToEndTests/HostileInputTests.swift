import FolioTestSupport
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Hostile text through every importer, every CLI surface and the reader: each file imports or is
/// refused with a message, in bounded time and memory, and nothing raw reaches the terminal.
@Suite("hostile input")
struct HostileInputTests {
    /// Far above any case's time in a debug build on a busy machine, far below a hang.
    static let timeLimit = 30.0
    static let memoryLimitKB = 1 << 20

    @Test func hostileCorpusImportsOrIsRefusedAndNothingRawReachesTheTerminal() throws {
        let library = try TestLibrary()
        let meter = Meter()
        func check(_ name: String, _ result: ProcessResult, mustSucceed: Bool) {
            let refusedClearly = result.status == 1 && result.stderr.hasPrefix("folio: ") && !result.stderr.contains("Fatal")
            #expect(result.status == 0 || (!mustSucceed && refusedClearly), "\(name): exit \(result.status): \(result.stderr)")
            let unsafe = HostileCorpus.unsafeBytes(in: result.stdout + result.stderr)
            #expect(unsafe.isEmpty, "\(name) printed \(Set(unsafe).sorted())")
        }

        for item in HostileCorpus.cases {
            let file = library.folder.appendingPathComponent(item.fileName)
            try item.contents.write(to: file)
            check(item.name, try meter.run(item.name, library, ["import", file.path] + item.arguments), mustSucceed: item.mustImport)
        }

        // A 2 GB line, fed through a pipe so nothing that size touches the disk: refused at 64 MB.
        let fifo = library.folder.appendingPathComponent("two-gigabyte-line.jsonl").path
        try #require(mkfifo(fifo, 0o600) == 0)
        let writer = try Subprocess.start(URL(fileURLWithPath: "/bin/bash"), [
            "-c", #"{ printf '{"id":"2601.00009","abstract":"'; head -c 2147483648 /dev/zero | tr '\0' a; } > "$0""#, fifo,
        ], environment: ["PATH": "/usr/bin:/bin"])
        let huge = try meter.run("arxiv-jsonl 2 GB line", library, ["import", "--format", "arxiv-jsonl", fifo])
        writer.send(signal: SIGTERM)
        _ = try writer.wait()
        check("2 GB line", huge, mustSucceed: false)
        #expect(huge.status == 1 && huge.stderr.contains("longer than 64 MB"), "\(huge.stderr)")

        // Tags and topic names from the user are as hostile as papers.
        let ids = try library.list().compactMap { $0["id"] as? String }
        try #require(ids.count >= 7, "papers imported: \(ids)")
        try library.ok(["tag", ids[0], HostileCorpus.text])
        try library.ok(["topic", "add", String(HostileCorpus.text.prefix(60)), "evil"])
        for command in [["list"], ["tags"], ["topic", "list"], ["stats"]] + ids.map({ ["show", $0] }) {
            check("folio \(command[0])", try meter.run("folio \(command.joined(separator: " "))", library, command), mustSucceed: true)
        }
        // A theme name is a file name: refused, and the refusal quotes it harmlessly.
        for name in [HostileCorpus.text, "../" + HostileCorpus.text] {
            let result = try meter.run("folio themes show (hostile name)", library, ["themes", "show", name])
            check("folio themes show", result, mustSucceed: false)
            #expect(result.status == 1)
        }

        // A backup carries all of it, stars, tags and topics included, into another library.
        let backup = library.folder.appendingPathComponent("backup.json")
        try library.ok(["export", "--format", "folio-json", "-o", backup.path])
        let restored = try TestLibrary()
        check("folio-json", try meter.run("folio-json", restored, ["import", backup.path]), mustSucceed: true)
        let deepBackup = library.folder.appendingPathComponent("deep-backup.json")
        try Data((#"{"format":"folio-json","papers":"# + String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000) + "}").utf8)
            .write(to: deepBackup)
        check("folio-json 10,000-deep", try meter.run("folio-json 10,000-deep nesting", restored, ["import", deepBackup.path]), mustSucceed: false)

        try readerShowsItAllWithoutHarm(library, papers: ids.count)
        let slowest = meter.slowest
        print("hostile input: \(meter.count) cases through 7 importers and the CLI, slowest \(slowest.name) "
            + String(format: "%.2f s", slowest.seconds) + ", most memory \(meter.largest.name) \(meter.largest.kilobytes / 1024) MB")
        #expect(slowest.seconds < Self.timeLimit)
        #expect(meter.largest.kilobytes < Self.memoryLimitKB)
    }

    /// Every paper shown in the list, the pane and full screen: the pane's title and cursor stay as
    /// they were, the screen keeps its frame, and no control character lands on it.
    func readerShowsItAllWithoutHarm(_ library: TestLibrary, papers: Int) throws {
        let tmux = try Tmux()
        try tmux.start(width: 120, height: 40)
        let titleBefore = try tmux.display("#{pane_title}")
        let cursorBefore = try tmux.display("#{cursor_flag}")
        try openReader(tmux, library, position: "1/\(papers)")
        for row in 1...papers {
            try tmux.send(keys: "Enter")
            try tmux.waitFor({ !$0.contains { $0.contains("┌ Papers") } }, "paper \(row) full screen")
            try tmux.send(keys: "Escape", "j")
            let screen = try tmux.waitFor({ isReader($0, position: "\(min(row + 1, papers))/\(papers)") }, "row \(row + 1) selected")
            let unsafe = HostileCorpus.unsafeBytes(in: screen.joined(separator: "\n"))
            try requireScreen(unsafe.isEmpty, "no control characters on the screen (found \(Set(unsafe).sorted()))", screen)
            try requireScreen(screen.count == 40 && screen[0].contains("Folio ─"), "the header on the first row of 40", screen)
            #expect(try tmux.display("#{pane_title}") == titleBefore)
        }
        try quitReader(tmux)
        #expect(try tmux.display("#{pane_title}") == titleBefore)
        #expect(try tmux.display("#{cursor_flag}") == cursorBefore)
        try expectShellWorks(tmux, after: "the hostile library")
    }
}

/// Times and sizes of the commands a test ran.
final class Meter {
    private var runs: [(name: String, seconds: Double, kilobytes: Int)] = []
    var count: Int { runs.count }
    var slowest: (name: String, seconds: Double) { runs.max { $0.seconds < $1.seconds }.map { ($0.name, $0.seconds) } ?? ("none", 0) }
    var largest: (name: String, kilobytes: Int) { runs.max { $0.kilobytes < $1.kilobytes }.map { ($0.name, $0.kilobytes) } ?? ("none", 0) }

    func run(_ name: String, _ library: TestLibrary, _ arguments: [String]) throws -> ProcessResult {
        let start = Date()
        let result = try library.run(arguments)
        runs.append((name, Date().timeIntervalSince(start), result.maxResidentKB))
        return result
    }
}
