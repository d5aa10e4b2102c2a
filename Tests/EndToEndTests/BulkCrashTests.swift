import FolioTestSupport
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// `kill -9` during a bulk tag by query, a tag rename and an undo, 20 of each: each is all or nothing,
/// what the command said it did is there, the journal agrees with the state, and the library is whole.
@Suite("crash safety of bulk changes")
struct BulkCrashTests {
    static let kills = 20
    /// Papers each change touches: long enough (a debug build) that most kills land inside it.
    static let papers = 20_000

    struct Outcome {
        var done = 0, notDone = 0
    }

    @Test func killedBulkTagRenameAndUndoAreAllOrNothing() throws {
        let library = try TestLibrary()
        let file = library.folder.appendingPathComponent("papers.jsonl")
        try GeneratedSnapshot.jsonl(count: Self.papers, yymm: "0902").write(to: file)
        try library.ok(["import", file.path])
        let home = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: home) }

        func tagged(_ name: String) throws -> Int {
            Int(try LibraryProbe.query(library.path, "SELECT count(*) FROM tag WHERE name = '\(name)'")) ?? -1
        }
        func newestUndone() throws -> Bool {
            try LibraryProbe.query(library.path, "SELECT undone FROM journal ORDER BY seq DESC LIMIT 1") == "1"
        }
        /// Runs the command and kills it after a random moment; returns whether it said it was done first.
        /// How long a command takes uninterrupted, here and now (a debug build, a loaded machine).
        func timed(_ arguments: [String]) throws -> Double {
            let start = Date()
            try library.ok(arguments)
            return Date().timeIntervalSince(start)
        }
        // Kills land anywhere from the start to two and a half times what the change takes, so on both sides of its commit.
        let tagWindow = try timed(["tag", "--query", "crash", "warm"]) * 2.5
        let renameWindow = try timed(["tag", "rename", "warm", "warmed"]) * 2.5
        let undoWindow = try timed(["undo"]) * 2.5
        try library.ok(["undo"])
        #expect(try tagged("warm") == 0 && tagged("warmed") == 0)
        func killed(_ arguments: [String], done: String, within window: Double) throws -> Bool {
            let command = try CLI.start(["--library", library.path] + arguments, home: home)
            Thread.sleep(forTimeInterval: Double.random(in: 0.02...window))
            command.send(signal: SIGKILL)
            let result = try command.wait()
            #expect(try LibraryProbe.integrity(library.path) == "ok")
            return result.stdout.contains(done)
        }
        var tags = Outcome(), renames = Outcome(), undos = Outcome()
        for i in 0..<Self.kills {
            let (old, new) = ("bulk\(i)", "renamed\(i)")
            // A tag on every paper: all of them or none, and none only when Folio did not say it was done.
            let saidTagged = try killed(["tag", "--query", "crash", old], done: "tagged 20,000 papers", within: tagWindow)
            let count = try tagged(old)
            #expect(count == 0 || count == Self.papers, "a killed bulk tag left \(count) papers tagged")
            #expect(count == Self.papers || !saidTagged, "an acknowledged bulk tag was lost")
            if count == 0 { tags.notDone += 1; try library.ok(["tag", "--query", "crash", old]) } else { tags.done += 1 }

            let saidRenamed = try killed(["tag", "rename", old, new], done: "renamed tag", within: renameWindow)
            let (before, after) = (try tagged(old), try tagged(new))
            #expect((before, after) == (Self.papers, 0) || (before, after) == (0, Self.papers), "a killed rename left \(before) + \(after)")
            #expect(after == Self.papers || !saidRenamed, "an acknowledged rename was lost")
            if after == 0 { renames.notDone += 1; try library.ok(["tag", "rename", old, new]) } else { renames.done += 1 }

            // Undo of the rename: the old name back on every paper, or the new one still; the journal says which.
            let saidUndone = try killed(["undo"], done: "undid: renamed tag", within: undoWindow)
            let (back, kept) = (try tagged(old), try tagged(new))
            #expect((back, kept) == (Self.papers, 0) || (back, kept) == (0, Self.papers), "a killed undo left \(back) + \(kept)")
            #expect(back == Self.papers || !saidUndone, "an acknowledged undo was lost")
            #expect(try newestUndone() == (back == Self.papers), "the journal disagrees with the tags")
            if back == Self.papers { undos.done += 1 } else { undos.notDone += 1 }
        }
        // Kills landed on both sides of each commit: the test exercised what it claims.
        print("bulk crash: tag \(tags), rename \(renames), undo \(undos); windows \(tagWindow) \(renameWindow) \(undoWindow) s")
        #expect(tags.notDone > 0 && renames.notDone > 0 && undos.notDone > 0, "no kill landed before a commit: \(tags) \(renames) \(undos)")
    }
}
