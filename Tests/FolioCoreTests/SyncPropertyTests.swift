import Foundation
import GRDB
import Testing
@testable import FolioCore

/// Three libraries, each syncing with its own copy of the shared folder, make random changes while a
/// file-sync tool copies files between the copies in any order, again and again, and sometimes only
/// part of a file; after a last full exchange all three hold exactly the same papers and topics.
@Suite("sync through a shared folder")
struct SyncPropertyTests {
    /// FOLIO_SYNC_SEEDS seeds (default 40; CI runs 1,000 release-built).
    static let seeds: [UInt64] = ProcessInfo.processInfo.environment["FOLIO_SYNC_SEED"].flatMap(UInt64.init).map { [$0] } ?? Array(1...UInt64(ProcessInfo.processInfo.environment["FOLIO_SYNC_SEEDS"].flatMap(Int.init) ?? 40))

    struct Device {
        let store: Store
        let folder: String
    }

    /// What `folio list --json` and `folio topic list --json` show, papers by id.
    static func library(_ store: Store) throws -> [String] {
        let papers = try store.papers(PaperFilter()).map { PaperJSON.object($0) }.map { "\($0)" }.sorted()
        return papers + (try store.topics().map { "topic \($0.name) \($0.query) \($0.createdAt)" })
    }

    /// Copies one file between two folder copies: whole, or cut anywhere (a copy still running, or a
    /// copy of a file that was itself cut).
    static func copy(_ random: inout SplitMix, from: String, to: String, cut: Bool) throws {
        let fm = FileManager.default
        var files: [String] = []
        for device in (try? fm.contentsOfDirectory(atPath: from)) ?? [] where !device.hasPrefix(".") && !device.hasSuffix(".json") {
            for name in (try? fm.contentsOfDirectory(atPath: "\(from)/\(device)")) ?? [] where !name.hasPrefix(".") { files.append("\(device)/\(name)") }
        }
        guard !files.isEmpty else { return }
        let file = files[Int(random.next() % UInt64(files.count))]
        var data = try Data(contentsOf: URL(fileURLWithPath: "\(from)/\(file)"))
        if cut, !data.isEmpty { data = data.prefix(Int(random.next() % UInt64(data.count))) }
        // A sync tool copies a file that grew; it never puts an older, shorter copy over a longer one.
        if let existing = fm.contents(atPath: "\(to)/\(file)"), existing.count >= data.count { return }
        try fm.createDirectory(atPath: "\(to)/\((file as NSString).deletingLastPathComponent)", withIntermediateDirectories: true)
        try data.write(to: URL(fileURLWithPath: "\(to)/\(file)"))
    }

    static func exchangeAll(_ devices: [Device]) throws {
        let fm = FileManager.default
        for from in devices {
            for device in (try? fm.contentsOfDirectory(atPath: from.folder)) ?? [] where !device.hasSuffix(".json") {
                for name in (try? fm.contentsOfDirectory(atPath: "\(from.folder)/\(device)")) ?? [] where !name.hasPrefix(".") {
                    for to in devices where to.folder != from.folder {
                        let target = "\(to.folder)/\(device)/\(name)"
                        let data = try Data(contentsOf: URL(fileURLWithPath: "\(from.folder)/\(device)/\(name)"))
                        if let existing = fm.contents(atPath: target), existing.count >= data.count { continue }
                        try fm.createDirectory(atPath: "\(to.folder)/\(device)", withIntermediateDirectories: true)
                        try data.write(to: URL(fileURLWithPath: target))
                    }
                }
            }
        }
    }

    static func randomPaper(_ random: inout SplitMix) -> PaperInput {
        let words = ["dense", "sparse", "retrieval", "graph", "transformer", "image", "language", "model"]
        func pick() -> String { words[Int(random.next() % UInt64(words.count))] }
        return PaperInput(arxivID: String(format: "2401.%05d", 1 + random.next() % 30), title: "\(pick()) \(pick()) \(pick())",
                          abstract: "\(pick()) \(pick())", published: String(format: "2024-01-%02d", 1 + random.next() % 28))
    }

    /// One random change through the store's public calls, as the reader and the CLI make them.
    static func change(_ store: Store, _ random: inout SplitMix) throws {
        let ids = try store.papers(PaperFilter()).map(\.id)
        func some() -> [String] { ids.isEmpty ? [] : (0..<(1 + Int(random.next() % 4))).map { _ in ids[Int(random.next() % UInt64(ids.count))] } }
        let tags = ["hot", "rl", "to read"]
        switch random.next() % 12 {
        case 0, 1: _ = try store.importPapers(source: "day") { session in
            for _ in 0..<(1 + random.next() % 4) { try session.add(randomPaper(&random)) }
        }
        case 2: try store.setStarred(some(), random.next() % 3 != 0)
        case 3: try store.setRead(some(), random.next() % 3 != 0)
        case 4: try store.addTags([tags[Int(random.next() % 3)]], to: some())
        case 5: try store.removeTags([tags[Int(random.next() % 3)]], from: some())
        case 6: try store.saveTopic(name: ["ir", "vision"][Int(random.next() % 2)], query: ["retriev*", "image", "graph OR dense"][Int(random.next() % 3)])
        case 7: try store.removeTopic(name: ["ir", "vision"][Int(random.next() % 2)])
        case 8, 9: try store.undo(steps: 1 + Int(random.next() % 2))
        case 10: try store.redo()
        default:
            switch random.next() % 3 {
            case 0: try store.renameTag(tags[Int(random.next() % 3)], to: tags[Int(random.next() % 3)])
            case 1: if let id = some().first { try store.setNote(id, ["", "idea", "read again\nlater"][Int(random.next() % 3)]) }
            default: break
            }
        }
    }

    @Test(arguments: seeds)
    func threeLibrariesAgreeAfterAnyExchange(seed: UInt64) throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("folio-sync-\(UUID().uuidString)").path
        defer { if ProcessInfo.processInfo.environment["FOLIO_SYNC_DEBUG"] == nil { try? FileManager.default.removeItem(atPath: root) } }
        let devices = try (0..<3).map { i in
            Device(store: try Store(path: "\(root)/library\(i).sqlite"), folder: "\(root)/folder\(i)")
        }
        var random = SplitMix(seed: seed)
        for (i, device) in devices.enumerated() { _ = try device.store.sync(folder: device.folder, newDevice: "device\(i)") }
        for _ in 0..<40 {
            let device = devices[Int(random.next() % 3)]
            switch random.next() % 4 {
            case 0, 1: try Self.change(device.store, &random)
            case 2: _ = try device.store.sync(folder: device.folder)
            default:
                let from = devices[Int(random.next() % 3)], to = devices[Int(random.next() % 3)]
                if from.folder != to.folder { try Self.copy(&random, from: from.folder, to: to.folder, cut: random.next() % 3 == 0) }
            }
        }
        for device in devices { _ = try device.store.sync(folder: device.folder) }
        try Self.exchangeAll(devices)
        for device in devices { _ = try device.store.sync(folder: device.folder) }
        let libraries = try devices.map { try Self.library($0.store) }
        if ProcessInfo.processInfo.environment["FOLIO_SYNC_DEBUG"] != nil, libraries[0] != libraries[1] || libraries[0] != libraries[2] {
            for device in devices {
                print("DEBUG", device.folder, try device.store.pool.read { db in
                    try String.fetchAll(db, sql: "SELECT kind || ' ' || key || ' ' || stamp || ' ' || coalesce(substr(value, 1, 60), 'NULL') FROM sync_register WHERE kind IN ('paper', 'star', 'read') ORDER BY key, kind")
                }.joined(separator: "\n"))
            }
        }
        for other in 1...2 where libraries[0] != libraries[other] {
            let (a, b) = (Set(libraries[0]), Set(libraries[other]))
            Issue.record("seed \(seed): library 0 alone has \(a.subtracting(b).sorted()); library \(other) alone has \(b.subtracting(a).sorted())")
        }
        for device in devices {
            let index = SearchIndex(store: device.store)
            for text in ["dense", "graph*", "-retrieval", "tag:hot", "is:starred"] { _ = try expectIndexAgrees(device.store, index, text) }
        }
    }
}
