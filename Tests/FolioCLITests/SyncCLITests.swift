import Foundation
import FolioTestSupport
import Testing

/// `folio sync` between two libraries through one folder, as two machines see a folder a sync tool mirrors.
@Suite("sync from the command line")
struct SyncCLITests {
    static func ids(_ lib: TestLibrary, _ query: String) throws -> Set<String> {
        Set(try lib.list([query, "--limit", "1000"]).compactMap { $0["id"] as? String })
    }

    @Test func twoLibrariesShareStarsTagsTopicsAndPapers() throws {
        let laptop = try TestLibrary(), desktop = try TestLibrary()
        let folder = laptop.folder.appendingPathComponent("shared").path
        try laptop.ok(["import", CLI.fixture("arxiv-oai-jsonl/snapshot_head50.jsonl")])
        try laptop.ok(["star", "0704.0001"])
        try laptop.ok(["topic", "add", "q", "quantum"])
        #expect(try laptop.ok(["sync", "--folder", folder]).stdout == "sent 52 changes, applied 0 from 0 other devices\n")
        #expect(try desktop.ok(["sync", "--folder", folder]).stdout == "sent 0 changes, applied 52 from 1 other device\n")
        #expect(try desktop.list(["--limit", "1000"]).count == 50)
        #expect(try Self.ids(desktop, "is:starred") == ["0704.0001"])
        #expect(try desktop.ok(["topic", "list"]).stdout.contains("q"))

        try desktop.ok(["tag", "0704.0002", "rl"])
        try desktop.ok(["unstar", "0704.0001"])
        try desktop.ok(["sync", "--folder", folder])
        #expect(try laptop.ok(["sync", "--folder", folder]).stdout == "sent 0 changes, applied 2 from 1 other device\n")
        #expect(try Self.ids(laptop, "tag:rl") == ["0704.0002"])
        #expect(try Self.ids(laptop, "is:starred").isEmpty)
        // Nothing new: nothing sent or applied.
        #expect(try laptop.ok(["sync", "--folder", folder]).stdout == "sent 0 changes, applied 0 from 1 other device\n")
        #expect(try laptop.list(["--limit", "1000"]).map(NSDictionary.init) == desktop.list(["--limit", "1000"]).map(NSDictionary.init))

        let status = try laptop.ok(["sync", "--status", "--json"]).stdout
        let object = try #require(try JSONSerialization.jsonObject(with: Data(status.utf8)) as? [String: Any])
        #expect(object["sent"] as? Int == 52 && object["waiting"] as? Int == 0)
        #expect((object["devices"] as? [[String: Any]])?.first?["applied"] as? Int == 2)
        // Owner-only: the folder holds what the libraries hold.
        let attributes = try FileManager.default.attributesOfItem(atPath: folder)
        #expect((attributes[.posixPermissions] as? Int) == 0o700)
        let device = try #require(object["device"] as? String)
        let chunk = try #require(try FileManager.default.contentsOfDirectory(atPath: "\(folder)/\(device)").first)
        #expect((try FileManager.default.attributesOfItem(atPath: "\(folder)/\(device)/\(chunk)")[.posixPermissions] as? Int) == 0o600)
    }

    @Test func aFolderOfAnotherFormatIsRefusedAndNothingChanges() throws {
        let lib = try TestLibrary()
        let folder = lib.folder.appendingPathComponent("shared").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try "{\"format\": 99}\n".write(toFile: "\(folder)/folio-sync.json", atomically: true, encoding: .utf8)
        try lib.ok(["import", CLI.fixture("arxiv-oai-jsonl/snapshot_head50.jsonl")])
        let before = try lib.bytes()
        let result = try lib.run(["sync", "--folder", folder])
        #expect(result.status == 1)
        #expect(result.stderr.contains("holds sync format 99; this Folio knows format 1"))
        #expect(try lib.bytes() == before)
        #expect(try lib.ok(["sync", "--status"]).stdout == "not synced yet (folio sync starts it)\n")
        let missing = try lib.run(["sync"])
        #expect(missing.status == 1 && missing.stderr.contains("no sync folder"))
    }
}
