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
        let laptop = try TestLibrary(), desktop = try TestLibrary(), tablet = try TestLibrary()
        let folder = laptop.folder.appendingPathComponent("shared").path
        let dump = CLI.fixture("arxiv-oai-jsonl/snapshot_head50.jsonl")
        try laptop.ok(["import", dump])
        try desktop.ok(["import", dump])
        try laptop.ok(["star", "0704.0001"])
        try laptop.ok(["topic", "add", "q", "quantum"])
        // The first sync sends what the user made: the star, its paper's metadata and the topic; not the
        // 49 papers nobody touched.
        #expect(try laptop.ok(["sync", "--folder", folder]).stdout == "sent 3 changes, applied 0 from 0 other devices\n")
        #expect(try desktop.ok(["sync", "--folder", folder]).stdout == "sent 0 changes, applied 3 from 1 other device\n")
        #expect(try desktop.list(["--limit", "1000"]).count == 50)
        #expect(try Self.ids(desktop, "is:starred") == ["0704.0001"])
        #expect(try desktop.ok(["topic", "list"]).stdout.contains("q"))
        // A machine that never imported the paper gets it with its metadata.
        #expect(try tablet.ok(["sync", "--folder", folder]).stdout == "sent 0 changes, applied 3 from 1 other device\n")
        #expect(try tablet.list(["--limit", "1000"]).map(NSDictionary.init) == laptop.list(["is:starred"]).map(NSDictionary.init))

        try desktop.ok(["tag", "0704.0002", "rl"])
        try desktop.ok(["unstar", "0704.0001"])
        try desktop.ok(["sync", "--folder", folder])
        #expect(try laptop.ok(["sync", "--folder", folder]).stdout == "sent 0 changes, applied 3 from 1 other device\n")
        #expect(try Self.ids(laptop, "tag:rl") == ["0704.0002"])
        #expect(try Self.ids(laptop, "is:starred").isEmpty)
        // Nothing new: nothing sent or applied.
        #expect(try laptop.ok(["sync", "--folder", folder]).stdout == "sent 0 changes, applied 0 from 1 other device\n")
        // The same, but for when each machine imported the papers nobody touched.
        func withoutImportTimes(_ lib: TestLibrary) throws -> [NSDictionary] {
            try lib.list(["--limit", "1000"]).map { paper in
                let touched = ["0704.0001", "0704.0002"].contains(paper["id"] as? String ?? "")
                return NSDictionary(dictionary: paper.filter { touched || !$0.key.hasSuffix("_imported_at") })
            }
        }
        #expect(try withoutImportTimes(laptop) == withoutImportTimes(desktop))

        let status = try laptop.ok(["sync", "--status", "--json"]).stdout
        let object = try #require(try JSONSerialization.jsonObject(with: Data(status.utf8)) as? [String: Any])
        #expect(object["sent"] as? Int == 3 && object["waiting"] as? Int == 0)
        #expect((object["devices"] as? [[String: Any]])?.map { $0["applied"] as? Int } == [3])
        // Owner-only: the folder holds what the libraries hold.
        let attributes = try FileManager.default.attributesOfItem(atPath: folder)
        #expect((attributes[.posixPermissions] as? Int) == 0o700)
        let device = try #require(object["device"] as? String)
        let chunk = try #require(try FileManager.default.contentsOfDirectory(atPath: "\(folder)/\(device)").first)
        #expect((try FileManager.default.attributesOfItem(atPath: "\(folder)/\(device)/\(chunk)")[.posixPermissions] as? Int) == 0o600)
    }

    @Test func aBadLineIsNamedByItsFileAndLineAndNothingOfTheSyncIsApplied() throws {
        let lib = try TestLibrary()
        let folder = lib.folder.appendingPathComponent("shared").path
        try lib.ok(["import", CLI.fixture("arxiv-oai-jsonl/snapshot_head50.jsonl")])
        try lib.ok(["sync", "--folder", folder])
        let chunk = "\(folder)/0123456789abcdef/000000000001.jsonl"
        try FileManager.default.createDirectory(atPath: (chunk as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        func star(_ id: String, _ millisecond: Int) -> String {
            #"{"k":"star","key":"\#(id)","v":"2026-12-01T10:00:00Z","s":"17800000000\#(millisecond).000000.0123456789abcdef"}"#
        }
        // Two good lines arrive and are applied; then the file grows by an empty line, a good line and a bad one.
        try (star("0704.0001", 10) + "\n" + star("0704.0002", 11) + "\n").write(toFile: chunk, atomically: true, encoding: .utf8)
        #expect(try lib.ok(["sync", "--folder", folder]).stdout == "sent 0 changes, applied 2 from 1 other device\n")
        let bad = #"{"k":"star","key":"0704.0004","v":17,"s":"1780000000013.000000.0123456789abcdef"}"#
        try (star("0704.0001", 10) + "\n" + star("0704.0002", 11) + "\n\n" + star("0704.0003", 12) + "\n" + bad + "\n")
            .write(toFile: chunk, atomically: true, encoding: .utf8)
        let before = try lib.ok(["list", "--json", "--limit", "100"]).stdout
        let result = try lib.run(["sync", "--folder", folder])
        #expect(result.status == 1)
        #expect(result.stderr.contains("\(chunk) line 5: not a change Folio can apply ({\"k\":\"star\",\"key\":\"0704.0004\",\"v\":17"), "\(result.stderr)")
        #expect(try lib.ok(["list", "--json", "--limit", "100"]).stdout == before)
        #expect(try Self.ids(lib, "is:starred") == ["0704.0001", "0704.0002"])
        // Read again from where the last good sync stopped, and refused again.
        #expect(try lib.run(["sync", "--folder", folder]).stderr.contains("line 5:"))
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
