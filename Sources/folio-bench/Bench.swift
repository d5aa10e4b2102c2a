import ArgumentParser
import FolioApp
import FolioCore
import Foundation
import TerminalUI

/// `swift run -c release folio-bench --papers N [--json]`: builds a synthetic library of N papers and
/// measures what a person feels: import rate, open to first frame, each keystroke of a filter,
/// scrolling, refreshing topic counts, and peak memory.
@main
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "folio-bench", abstract: "Measure Folio on a synthetic library.")

    @Option(help: "Papers in the synthetic library.") var papers = 100_000
    @Option(help: "Seed of the synthetic library.") var seed: UInt64 = 42
    @Option(help: "Folder for the library (default: a temporary one, removed afterwards).") var folder: String?
    @Flag(help: "Print one JSON object instead of a table.") var json = false
    @Flag(help: "Measure the search index alone instead of the reader.") var index = false
    @Flag(help: "Keep a library already in --folder (no import; the import rate is not measured).") var reuse = false
    @Option(help: "Daily imports after the base library, each its own dump-format file imported as `folio import` does.")
    var days = 0
    @Option(help: "Papers per daily import.") var perDay = 300
    @Flag(help: "Import the base library from a generated dump-format file, parsing included in the rate.") var fromFile = false
    @Option(help: "Papers per import (a daily import is a few hundred).") var batch = 20_000
    @Flag(inversion: .prefixedNo, help: "Merge index segments after imports (--no-merge: the index as before merging).") var merge = true
    @Option(help: "Changes another device makes for the library to apply in one sync (0: no sync figures).")
    var syncChanges = 10_000
    @Option(help: "Mute rules in the library while measuring the reader (at most \(Bench.muteQueries.count)).") var muteRules = 0
    @Option(help: "Only write the base library as a dump-format file here, to time `folio import` on it.") var writeDump: String?

    var mergePolicy: SegmentMergePolicy { merge ? .standard : .never }

    func run() throws {
        if let writeDump {
            var library = SyntheticLibrary(seed: seed)
            return try DumpFile.write((0..<papers).lazy.map { library.paper($0) }, to: writeDump)
        }
        let root = folder.map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("folio-bench-\(getpid())")
        defer { if folder == nil { try? FileManager.default.removeItem(at: root) } }
        let path = root.appendingPathComponent("library.sqlite").path
        var results = Results(papers: papers)
        results.muteRules = min(muteRules, Self.muteQueries.count)
        if !(reuse && FileManager.default.fileExists(atPath: path)) {
            try? FileManager.default.removeItem(atPath: path)
            try? FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
            results.importPapersPerSecond = fromFile ? try measureFileImport(path: path, folder: root) : try measureImport(path: path)
        }
        if days > 0 { results.dailyImports = try importDays(path: path, folder: root) }
        // `folio import` and the reader are separate processes, each with its own memory target.
        results.importPeakRSSMegabytes = Clock.peakResidentMegabytes()
        Clock.startNewPeak()
        results.segments = try Store(path: path).searchSegmentCount()
        results.libraryMegabytes = Double((try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0) / 1_048_576

        // Twenty topics, as a user with a full sidebar has.
        let setup = try Store(path: path)
        let topicQueries = (0..<20).map { i in
            let word = SyntheticLibrary.planted[i % SyntheticLibrary.planted.count]
            return i < 12 ? word : String(word.prefix(4)) + "*"
        }
        for (i, query) in topicQueries.enumerated() { try setup.saveTopic(name: "topic\(i)", query: query) }
        for rule in try setup.muteRules() { try setup.removeMuteRule(name: rule.name) }
        for (i, query) in Self.muteQueries.prefix(muteRules).enumerated() { try setup.saveMuteRule(name: "mute\(i)", query: query) }
        if index {
            results.mode = "search index alone"
            let figures = try IndexFigures.measure(store: setup, topics: topicQueries)
            results.openMilliseconds = figures.openMilliseconds
            results.keystrokes = figures.keystrokes
            results.topicsRefreshMilliseconds = figures.topicsMilliseconds
            results.topicPapers = figures.topicPapers
            results.peakRSSMegabytes = Clock.peakResidentMegabytes()
            if !json { print(figures.lines.joined(separator: "\n")) }
            if figures.inexactKeystrokes > 0 { print("warning: \(figures.inexactKeystrokes) keystrokes were not exact from the index") }
            print(json ? results.json : results.table)
            return
        }
        // Open to first frame: the store, the first query, the view into the in-memory backend.
        let opened = Clock.now
        let store = try Store(path: path)
        let runtime = ReaderRuntime(device: BenchTerminal(width: 160, height: 50), store: store, libraryName: "bench")
        runtime.reload()
        runtime.draw()
        results.openMilliseconds = Clock.now.millisecondsSince(opened)

        results.keystrokes = Self.typeFilters(runtime, json: json)
        results.fieldKeystrokes = Self.typeFilters(runtime, queries: Self.fieldQueries, json: json)

        var scrolls: [Double] = [], scrollsCPU: [Double] = []
        for _ in 0..<500 {
            let start = Clock.now, startCPU = Clock.threadCPUMilliseconds
            runtime.send(.input(.key(.char("j"))))
            runtime.draw()
            scrolls.append(Clock.now.millisecondsSince(start))
            scrollsCPU.append(Clock.threadCPUMilliseconds - startCPU)
        }
        results.scrolls = scrolls
        results.scrollsCPU = scrollsCPU

        // Refreshing the 20 topics' counts from scratch, as after a change to the library.
        let topicsStart = Clock.now
        let counts = try runtime.recountTopics()
        results.topicsRefreshMilliseconds = Clock.now.millisecondsSince(topicsStart)
        results.topicPapers = counts.topicCounts.reduce(0) { $0 + $1.count }
        results.peakRSSMegabytes = Clock.peakResidentMegabytes()
        results.privateMegabytes = Clock.privateResidentMegabytes()
        results.similar = DiscoverBench.similarInTheReader(runtime)
        results.privateMegabytes = max(results.privateMegabytes, Clock.privateResidentMegabytes())
        results.forYou = try DiscoverBench.measureInTheReader(runtime, path: path)
        results.privateMegabytes = max(results.privateMegabytes, Clock.privateResidentMegabytes())
        results.peakRSSDiscoverMegabytes = Clock.peakResidentMegabytes()
        results.journal = try JournalBench.measure(path: path)
        results.discover = try DiscoverBench.measure(path: path)
        results.peakRSSAllMegabytes = Clock.peakResidentMegabytes()
        if syncChanges > 0 { results.sync = try SyncBench.measure(path: path, root: root, seed: seed, changes: syncChanges) }
        print(json ? results.json : results.table)
    }

    /// Mute rules as people write them: a category, a count, a title word, an author, a phrase but not a word.
    static let muteQueries = ["cat:stat.ML", "upvotes<3", "title:diffusion", "author:karo*", "\"neural network\" -transformer"]

    /// Filters with a field comparison and a relative date (the synthetic library's papers span ten
    /// years up to about now; one in twenty has upvotes and comments, half of those code).
    static let fieldQueries = ["upvotes>50 after:1y", "has:code stars>=100 transformer", "comments>=5 -is:read before:6m"]

    /// Each filter of `queries` typed a key at a time, each key timed to its frame.
    static func typeFilters(_ runtime: ReaderRuntime<BenchTerminal>, queries: [String] = IndexFigures.queries, json: Bool) -> [Double] {
        var keystrokes: [Double] = []
        for query in queries {
            runtime.send(.input(.key(.char("/"))))
            var typed = ""
            for character in query {
                let start = Clock.now
                runtime.send(.input(.key(.char(character))))
                runtime.draw()
                keystrokes.append(Clock.now.millisecondsSince(start))
                typed.append(character)
                if !json && keystrokes.last! > 10 { print(String(format: "slow keystroke: %@ %.1f ms", typed, keystrokes.last!)) }
            }
            runtime.send(.input(.key(.escape)))
        }
        return keystrokes
    }

    /// The base library written to a dump-format file, then imported as `folio import FILE` does: the rate
    /// counts the import alone (parsing included), not writing the file.
    func measureFileImport(path: String, folder: URL) throws -> Double {
        let file = folder.appendingPathComponent("base.jsonl").path
        var library = SyntheticLibrary(seed: seed)
        try DumpFile.write((0..<papers).lazy.map { library.paper($0) }, to: file)
        defer { try? FileManager.default.removeItem(atPath: file) }
        let start = Clock.now
        _ = try LibraryImport(store: try Store(path: path, mergePolicy: mergePolicy)).importFile(file, format: .arxivJSONL)
        return Double(papers) / max(Clock.now.millisecondsSince(start) / 1000, 0.001)
    }

    /// `days` daily imports of `perDay` new papers dated one day apart after the base library's ten years,
    /// each a dump-format file imported as `folio import` does. Returns each import's milliseconds.
    func importDays(path: String, folder: URL) throws -> [Double] {
        let store = try Store(path: path, mergePolicy: mergePolicy)
        var library = SyntheticLibrary(seed: seed &+ 1)
        let file = folder.appendingPathComponent("day.jsonl").path
        defer { try? FileManager.default.removeItem(atPath: file) }
        var times: [Double] = []
        let first = Date(timeIntervalSince1970: 1_798_761_600)  // 2027-01-01, after the base library's dates
        for day in 0..<days {
            let date = ISO8601DateFormatter.string(from: first.addingTimeInterval(Double(day) * 86_400), timeZone: .gmt,
                                                   formatOptions: [.withFullDate])
            let batch = (0..<perDay).map { i -> PaperInput in
                var paper = library.paper(papers + day * perDay + i)
                paper.published = date
                return paper
            }
            try DumpFile.write(batch, to: file)
            let start = Clock.now
            _ = try LibraryImport(store: store).importFile(file, format: .arxivJSONL)
            times.append(Clock.now.millisecondsSince(start))
        }
        return times
    }

    /// Papers generated in batches, each batch imported in one transaction as `folio import` does.
    func measureImport(path: String) throws -> Double {
        let store = try Store(path: path, mergePolicy: mergePolicy)
        var library = SyntheticLibrary(seed: seed)
        var importing = 0.0, importingCPU = 0.0, importingThreadCPU = 0.0
        var index = 0, slowest = 0.0
        while index < papers {
            let batch = (index..<min(index + self.batch, papers)).map { library.paper($0) }
            let start = Clock.now, startCPU = Clock.processCPUMilliseconds, startThreadCPU = Clock.threadCPUMilliseconds
            _ = try store.importPapers(source: "bench") { session in
                for paper in batch { try session.add(paper) }
            }
            importing += Clock.now.millisecondsSince(start)
            slowest = max(slowest, Clock.now.millisecondsSince(start))
            importingCPU += Clock.processCPUMilliseconds - startCPU
            importingThreadCPU += Clock.threadCPUMilliseconds - startThreadCPU
            index += batch.count
        }
        if !json {
            print(String(format: "import: %.1f s, CPU %.1f s in all threads, %.1f s in the importing thread",
                         importing / 1000, importingCPU / 1000, importingThreadCPU / 1000))
            print(String(format: "index segments after the imports: %d; slowest import %.2f s", try store.searchSegmentCount(), slowest / 1000))
        }
        return Double(papers) / max(importing / 1000, 0.001)
    }
}

struct Results {
    var papers: Int
    var mode = "reader"
    var muteRules = 0
    var importPapersPerSecond = 0.0
    var openMilliseconds = 0.0
    var keystrokes: [Double] = []
    /// Typing `Bench.fieldQueries`.
    var fieldKeystrokes: [Double] = []
    var scrolls: [Double] = []
    /// The same steps in this thread's CPU time: without the time other processes took the core.
    var scrollsCPU: [Double] = []
    var topicsRefreshMilliseconds = 0.0
    var topicPapers = 0
    /// The imports', before the reader opens (`Clock.startNewPeak`).
    var importPeakRSSMegabytes = 0.0
    /// After opening, filtering, scrolling and counting topics (the reader's own target).
    var peakRSSMegabytes = 0.0
    /// The same after More like this and For you in the reader (Discover's target: the reader's plus 100).
    var peakRSSDiscoverMegabytes = 0.0
    /// After everything, the bulk tagging of `JournalBench` included. All three count the library's pages read through the memory map
    /// (clean, shared with the kernel's cache); `privateMegabytes` does not.
    var peakRSSAllMegabytes = 0.0
    /// The most private memory (`RssAnon`) seen after the reading figures, More like this, and For you.
    var privateMegabytes = 0.0
    var dailyImports: [Double] = []
    var segments = 0
    var libraryMegabytes = 0.0
    var journal = JournalBench.Figures()
    var sync = SyncBench.Figures()
    /// More like this in the reader, from `L` to its frame.
    var similar: [Double] = []
    var discover = DiscoverBench.Figures()
    var forYou = DiscoverBench.ReaderFigures()

    static func percentile(_ values: [Double], _ p: Double) -> Double {
        guard !values.isEmpty else { return 0 }
        let sorted = values.sorted()
        return sorted[min(Int((Double(sorted.count - 1) * p).rounded(.up)), sorted.count - 1)]
    }

    var figures: [(String, Double, String)] {
        [("mute_rules", Double(muteRules), ""),
         ("import_papers_per_s", importPapersPerSecond, "≥ 30000"),
         ("import_peak_rss_mb", importPeakRSSMegabytes, "≤ 400"),
         ("open_ms", openMilliseconds, "≤ 200"),
         ("keystroke_ms_p50", Results.percentile(keystrokes, 0.5), ""),
         ("keystroke_ms_p99", Results.percentile(keystrokes, 0.99), "≤ 16"),
         ("keystroke_ms_max", keystrokes.max() ?? 0, ""),
         ("field_keystroke_ms_p50", Results.percentile(fieldKeystrokes, 0.5), ""),
         ("field_keystroke_ms_p99", Results.percentile(fieldKeystrokes, 0.99), "≤ 16"),
         ("scroll_ms_p99", Results.percentile(scrolls, 0.99), "≤ 2"),
         ("scroll_cpu_ms_p99", Results.percentile(scrollsCPU, 0.99), ""),
         ("topics_refresh_ms", topicsRefreshMilliseconds, "≤ 50"),
         ("peak_rss_mb", peakRSSMegabytes, "≤ 300"),
         ("peak_rss_discover_mb", peakRSSDiscoverMegabytes, "≤ 400"),
         ("peak_rss_all_mb", peakRSSAllMegabytes, ""),
         ("private_rss_mb", privateMegabytes, ""),
         ("daily_imports", Double(dailyImports.count), ""),
         ("daily_import_ms_p50", Results.percentile(dailyImports, 0.5), ""),
         ("daily_import_ms_p99", Results.percentile(dailyImports, 0.99), ""),
         ("segments", Double(segments), ""),
         ("library_mb", libraryMegabytes, ""),
         ("bulk_tag_papers", Double(journal.tagged), ""),
         ("bulk_tag_ms", journal.tagMilliseconds, "≤ 2000"),
         ("bulk_undo_ms", journal.undoMilliseconds, "≤ 2000"),
         ("history_50_of_100k_ms", journal.historyMilliseconds, "≤ 50"),
         ("similar_ms_first", similar.first ?? 0, ""),
         ("similar_ms_p50", Results.percentile(similar, 0.5), "≤ 100"),
         ("similar_ms_max", similar.max() ?? 0, ""),
         ("recommend_cold_ms", discover.recommendMilliseconds, ""),
         ("recommend_after_star_ms", discover.refreshMilliseconds, "≤ 500"),
         ("for_you_first_ms", forYou.firstMilliseconds, ""),
         ("for_you_after_star_ms", forYou.refreshMilliseconds, "≤ 500"),
         ("keystroke_while_ranking_ms_p99", Results.percentile(forYou.keystrokes, 0.99), "≤ 16"),
         ("relevance_matches", Double(discover.relevanceMatches), ""),
         ("relevance_sort_ms_p50", Results.percentile(discover.relevanceMilliseconds, 0.5), "≤ 50"),
         ("sync_first_ms", sync.firstSyncMilliseconds, ""),
         ("sync_files", Double(sync.files), ""),
         ("sync_applied", Double(sync.applied), ""),
         ("sync_apply_ms", sync.applyMilliseconds, "≤ 2000"),
         ("sync_idle_ms", sync.idleMilliseconds, "≤ 50")]
    }

    var json: String {
        "{\"papers\":\(papers)," + figures.map { "\"\($0.0)\":\(String(format: "%.3f", $0.1))" }.joined(separator: ",") + "}"
    }

    var table: String {
        (["folio-bench: \(papers) papers, \(mode)", String(repeating: "─", count: 44)]
            + figures.map { name, value, target in
                name.padding(toLength: 22, withPad: " ", startingAt: 0) + String(format: "%12.2f  ", value) + target
            }).joined(separator: "\n")
    }
}

enum Clock {
    static var now: UInt64 { DispatchTime.now().uptimeNanoseconds }

    static var threadCPUMilliseconds: Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) * 1000 + Double(time.tv_nsec) / 1_000_000
    }

    /// User and system time of every thread of the process.
    static var processCPUMilliseconds: Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1000 + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1000
    }

    /// Resident memory of the process's own (anonymous) pages now, without mapped files' pages.
    static func privateResidentMegabytes() -> Double {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("RssAnon:") }),
              let kilobytes = Double(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "") else { return 0 }
        return kilobytes / 1024
    }

    /// Makes the peak start again from what is resident now (the imports' leftovers included), so the
    /// reader's figures are close to those of a reader opened in a process of its own.
    static func startNewPeak() {
        guard let file = fopen("/proc/self/clear_refs", "w") else {
            return FileHandle.standardError.write(Data("warning: no /proc/self/clear_refs: peak RSS counts the imports\n".utf8))
        }
        fputs("5", file)
        fclose(file)
    }

    static func peakResidentMegabytes() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_maxrss) / 1024  // kilobytes on Linux
    }
}

extension UInt64 {
    func millisecondsSince(_ start: UInt64) -> Double { Double(self &- start) / 1_000_000 }
}

/// Frames drawn into memory, as the tests do: the benchmark measures Folio, not a terminal.
final class BenchTerminal: TerminalDevice {
    var memory: MemoryBackend
    init(width: Int, height: Int) { memory = MemoryBackend(width: width, height: height) }
    var size: (width: Int, height: Int) { memory.size }
    func draw(_ changes: [CellChange]) { memory.draw(changes) }
    func flush() { memory.flush() }
    func readEvent(timeoutMilliseconds: Int32) -> InputEvent? { nil }
    func takeSignal() -> Int32? { nil }
    func suspend() {}
    func handOver<T>(_ body: () throws -> T) rethrows -> T { try body() }
    func redrawAll() {}
    func writeTerminalSequence(_ sequence: String) {}
}
