import FolioTestSupport
import Foundation
import Testing

/// Two readers on two libraries that share a sync folder: a star made in one shows in the other within
/// its sync interval, with no restart.
@Suite("sync end to end")
struct SyncEndToEndTests {
    /// The reader on `library` in a tmux of its own, syncing every 5 seconds through `folder`.
    static func reader(_ library: TestLibrary, folder: String, position: String) throws -> Tmux {
        let config = try library.file("config.toml", "[sync]\nfolder = \"\(folder)\"\nevery-seconds = 5\n")
        let tmux = try Tmux()
        try tmux.start(width: 120, height: 30)
        try tmux.runInShell("'\(CLI.binary.path)' --library '\(library.path)' --config '\(config)'")
        try tmux.waitFor({ isReader($0, position: position) }, "the reader drawn at \(position)")
        return tmux
    }

    @Test func aStarInOneReaderShowsInTheOther() throws {
        let laptop = try TestLibrary(), desktop = try TestLibrary()
        let folder = laptop.folder.appendingPathComponent("shared").path
        // Both machines fetched the same day; the folder carries only what the user does.
        try laptop.ok(["import", CLI.fixture("hf-daily-papers-page.txt")])
        try desktop.ok(["import", CLI.fixture("hf-daily-papers-page.txt")])
        let one = try Self.reader(laptop, folder: folder, position: "1/54")
        try one.waitFor({ _ in FileManager.default.fileExists(atPath: "\(folder)/folio-sync.json") }, "the laptop's first sync")
        let two = try Self.reader(desktop, folder: folder, position: "1/54")

        try one.send(keys: "s")
        try one.waitFor({ $0.contains { $0.contains("│Starred") && $0.contains(" 1│") } }, "the star counted on the laptop")
        try two.waitFor({ $0.contains { $0.contains("│Starred") && $0.contains(" 1│") } }, timeout: 30,
                        "the star counted on the desktop, no restart")
        #expect(try desktop.list(["is:starred"]).count == 1)
        try quitReader(one)
        try quitReader(two)
    }
}
