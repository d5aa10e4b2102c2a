import FolioTestSupport
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// `kill -9` during a sync, 20 times on the side that sends (3,000 imported papers and marks waiting)
/// and 20 on the side that receives: the library stays whole, the next sync completes, and the two
/// libraries then agree exactly.
@Suite("crash safety of sync")
struct SyncCrashTests {
    static let kills = 20
    static let papers = 3_000

    /// Every paper as `folio list --json` shows it, by id.
    static func papers(_ path: String) throws -> [NSDictionary] {
        try CLI.run(["--library", path, "list", "--json", "--limit", "100000"]).stdout.split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? NSDictionary)
        }.sorted { ($0["id"] as? String ?? "") < ($1["id"] as? String ?? "") }
    }

    /// Papers in the library; 0 when a kill landed before the library's tables were made.
    static func count(_ path: String) throws -> Int {
        let made = try LibraryProbe.query(path, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'paper'")
        return made == "0" ? 0 : try LibraryProbe.count(path, "paper")
    }

    @Test func killedSyncsLoseNothingAndTheLibrariesAgree() throws {
        let source = try TestLibrary()
        let file = source.folder.appendingPathComponent("papers.jsonl")
        try GeneratedSnapshot.jsonl(count: Self.papers, yymm: "0902").write(to: file)
        // Synced once while empty, so the import and the marks after it all travel at the next sync.
        try source.ok(["sync", "--folder", source.folder.appendingPathComponent("first").path])
        try source.ok(["import", file.path])
        try source.ok(["tag", "--query", "crash", "warm"])
        try source.ok(["star", "--query", "safety"])
        let home = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: home) }
        let root = source.folder.path
        var n = 0
        func fresh(_ name: String, from original: String? = nil) throws -> String {
            n += 1
            let path = "\(root)/\(name)\(n).sqlite"
            if let original { try FileManager.default.copyItem(atPath: original, toPath: path) }
            return path
        }
        func timed(_ path: String, _ folder: String) throws -> Double {
            let start = Date()
            #expect(try CLI.run(["--library", path, "sync", "--folder", folder]).status == 0)
            return Date().timeIntervalSince(start)
        }
        func killed(_ path: String, _ folder: String, within window: Double) throws {
            let command = try CLI.start(["--library", path, "sync", "--folder", folder], home: home)
            Thread.sleep(forTimeInterval: Double.random(in: 0.02...window))
            command.send(signal: SIGKILL)
            _ = try command.wait()
            #expect(try LibraryProbe.integrity(path) == "ok")
        }
        // How long each side takes uninterrupted here: kills land up to 2.5 times that.
        let warmFolder = "\(root)/warm"
        let sendWindow = try timed(try fresh("sender", from: source.path), warmFolder) * 2.5
        let receiveWindow = try timed(try fresh("receiver"), warmFolder) * 2.5
        let expected = try Self.papers(source.path)
        var killedBefore = 0

        for i in 0..<Self.kills {
            // The sender killed while it writes, then synced again; a new library receives all of it.
            let folder = "\(root)/send\(i)", sender = try fresh("sender", from: source.path)
            try killed(sender, folder, within: sendWindow)
            _ = try timed(sender, folder)
            let receiver = try fresh("receiver")
            _ = try timed(receiver, folder)
            #expect(try Self.papers(receiver) == expected, "kill \(i) of the sender")

            // The receiver killed while it applies: all of it or none, then all of it.
            let late = try fresh("receiver")
            try killed(late, folder, within: receiveWindow)
            let got = try Self.count(late)
            #expect(got == 0 || got == Self.papers, "a killed sync applied \(got) of \(Self.papers) papers")
            if got == 0 { killedBefore += 1 }
            _ = try timed(late, folder)
            #expect(try Self.papers(late) == expected, "kill \(i) of the receiver")
        }
        print("sync crash: \(killedBefore) of \(Self.kills) receivers killed before their commit; windows \(sendWindow) \(receiveWindow) s")
        #expect(killedBefore > 0, "no kill landed before a commit")
    }
}
