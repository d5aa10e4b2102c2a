import FolioCore
import Foundation

/// Sync on the benchmark's library as a second machine uses it: a laptop library holding the first
/// 10,000 of the same papers (imported there, as each machine fetches its own) makes `changes` changes
/// (stars, read marks, tags: ten per entry, a sync after each, so the folder holds a file per entry as a
/// lived-in folder does). The benchmark's library, which joined before, then syncs once, applying all of them, and again with
/// nothing new. Both are timed through `Store.sync(folder:)`, the call `folio sync` and the reader make.
enum SyncBench {
    struct Figures {
        var firstSyncMilliseconds = 0.0, applyMilliseconds = 0.0, idleMilliseconds = 0.0
        var applied = 0, files = 0
    }

    static let perEntry = 10

    static func measure(path: String, root: URL, seed: UInt64, changes: Int) throws -> Figures {
        var figures = Figures()
        let folder = root.appendingPathComponent("sync").path
        let laptopPath = root.appendingPathComponent("laptop.sqlite").path
        defer {
            try? FileManager.default.removeItem(atPath: folder)
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: laptopPath + suffix) }
        }
        // The benchmark's library joins first: it sends its own state (its topics), not its papers.
        let store = try Store(path: path)
        var start = Clock.now
        _ = try store.sync(folder: folder)
        figures.firstSyncMilliseconds = Clock.now.millisecondsSince(start)

        let papers = min(changes, 10_000)
        var library = SyntheticLibrary(seed: seed)
        let laptop = try Store(path: laptopPath)
        _ = try laptop.importPapers(source: "bench") { session in
            for i in 0..<papers { try session.add(library.paper(i)) }
        }
        _ = try laptop.sync(folder: folder)
        let ids = try laptop.papers(PaperFilter()).map(\.id).sorted()
        for entry in 0..<(changes + perEntry - 1) / perEntry {
            let first = entry * perEntry
            let some = (first..<min(first + perEntry, changes)).map { ids[$0 % ids.count] }
            switch entry % 3 {
            case 0: try laptop.setStarred(some, true)
            case 1: try laptop.setRead(some, true)
            default: try laptop.addTags(["bench-sync"], to: some)
            }
            _ = try laptop.sync(folder: folder)
        }
        figures.files = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { !$0.hasSuffix(".json") }
            .reduce(0) { $0 + ((try? FileManager.default.contentsOfDirectory(atPath: "\(folder)/\($1)"))?.count ?? 0) }

        start = Clock.now
        figures.applied = try store.sync(folder: folder).applied
        figures.applyMilliseconds = Clock.now.millisecondsSince(start)
        start = Clock.now
        let idle = try store.sync(folder: folder)
        figures.idleMilliseconds = Clock.now.millisecondsSince(start)
        precondition(idle.applied == 0 && idle.sent == 0, "a sync with nothing new applied \(idle.applied) and sent \(idle.sent)")
        let starred = try store.ids(matching: try QueryParser.parse("is:starred")).count
        precondition(starred == Set((0..<changes).filter { ($0 / perEntry) % 3 == 0 }.map { ids[$0 % ids.count] }).count,
                     "\(starred) papers starred after the sync")
        return figures
    }
}
