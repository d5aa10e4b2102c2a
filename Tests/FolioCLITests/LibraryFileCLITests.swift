import Foundation
@testable import FolioCore
import FolioTestSupport
import Testing

/// A library file Folio did not write, or cannot read: a clear message, exit 1, the file byte for byte as it was.
@Suite("library files")
struct LibraryFileCLITests {
    enum WrongFile: String, CaseIterable, CustomTestStringConvertible {
        case notSQLite, truncated, anotherProgramsSQLite, newerFolio
        var testDescription: String { rawValue }
    }

    /// Writes the wrong file at `path` and returns what the message must say.
    func make(_ kind: WrongFile, at path: String) throws -> String {
        let v1 = try Data(contentsOf: URL(fileURLWithPath: CLI.fixture("libraries/v1.sqlite")))
        switch kind {
        case .notSQLite:
            try Data("title,abstract\nA paper,An abstract\n".utf8).write(to: URL(fileURLWithPath: path))
            return "not an SQLite database"
        case .truncated:
            try v1.prefix(v1.count / 3).write(to: URL(fileURLWithPath: path))
            return "malformed"
        case .anotherProgramsSQLite:
            // Rollback-journal mode, as most programs leave it: switching it to WAL would rewrite its header.
            _ = try LibraryProbe.query(path, "CREATE TABLE song (title TEXT); INSERT INTO song VALUES ('So What')")
            return "another program"
        case .newerFolio:
            try v1.write(to: URL(fileURLWithPath: path))
            _ = try LibraryProbe.query(path, "INSERT INTO grdb_migrations VALUES ('v99-from-the-future')")
            return "newer version of Folio"
        }
    }

    @Test(arguments: WrongFile.allCases)
    func wrongLibraryFileIsRefusedUntouched(kind: WrongFile) throws {
        let library = try TestLibrary()
        let expected = try make(kind, at: library.path)
        let before = try library.bytes()
        for command in [["list"], ["star", "0704.0001"], ["import", CLI.fixture("hf-daily-papers-page.txt")]] {
            let result = try library.run(command)
            #expect(result.status == 1, "folio \(command[0]) exited \(result.status)")
            #expect(result.stderr.hasPrefix("folio: ") && result.stderr.contains(library.path) && result.stderr.contains(expected),
                    "folio \(command[0]): \(result.stderr)")
            #expect(try library.bytes() == before, "folio \(command[0]) changed the file")
        }
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: library.folder.path).filter { $0 != "library.sqlite" }
        #expect(leftovers.isEmpty, "files left beside the library: \(leftovers)")
    }

    /// The library files in Tests/Fixtures/libraries (`v1.sqlite`, `v2.sqlite`, …), oldest schema first:
    /// found by listing the folder, so a file added for a new schema is tested without a change here.
    static let shippedLibraries: [String] = {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: CLI.fixture("libraries"))) ?? []
        return files.filter { $0.hasPrefix("v") && $0.hasSuffix(".sqlite") }
            .sorted { schema(of: $0) ?? .max < schema(of: $1) ?? .max }
    }()

    /// 3 for `v3.sqlite`.
    static func schema(of file: String) -> Int? { Int(file.dropFirst().dropLast(".sqlite".count)) }

    /// v1 to v6 were made one by one; later files are made by each landed Folio, which may ship
    /// two schemas at once (v7 and v9 never landed alone). The newest file is the schema before the current one.
    @Test func everyShippedSchemaHasItsLibraryFile() {
        let schemas = Self.shippedLibraries.compactMap(Self.schema(of:))
        #expect(Array(schemas.prefix(6)) == Array(1...6), "libraries found: \(schemas)")
        #expect(schemas == schemas.sorted() && Set(schemas).count == schemas.count, "libraries found: \(schemas)")
        #expect(schemas.last == Store.migrator.migrations.count - 1, "libraries found: \(schemas)")
    }

    /// What `folio list diffusion` finds in a library, newest first.
    static func diffusionIDs(in library: TestLibrary) throws -> [String] {
        try library.list(["diffusion", "--limit", "1000"]).compactMap { $0["id"] as? String }
    }

    /// Every earlier schema migrates on open and keeps everything in it.
    @Test(arguments: shippedLibraries)
    func everyShippedSchemaOpensWithItsPapersStarsTagsAndTopics(file: String) throws {
        let library = try TestLibrary()
        try FileManager.default.copyItem(atPath: CLI.fixture("libraries/\(file)"), toPath: library.path)
        #expect(try library.list(["--limit", "1000"]).count == 104)
        #expect(Set(try library.list(["--starred"]).compactMap { $0["id"] as? String }) == ["t-c16bdf381ca6439a", "0704.0001"])
        #expect(try library.ok(["tags"]).lines == ["theory\t1", "to read\t1"])
        #expect(try library.ok(["topic", "list"]).stdout.contains("diffusion"))
        // Every migration the current Folio knows has run, and none it does not know is recorded.
        let migrations = try LibraryProbe.query(library.path, "SELECT identifier FROM grdb_migrations")
            .split(separator: "\n").map(String.init)
        #expect(Set(migrations) == Set(Store.migrator.migrations), "\(migrations)")
        // The search index, rebuilt or kept by the upgrade, finds what it finds in the v1 library.
        let v1 = try TestLibrary()
        try FileManager.default.copyItem(atPath: CLI.fixture("libraries/v1.sqlite"), toPath: v1.path)
        let expected = try Self.diffusionIDs(in: v1)
        #expect(expected.count == 4, "\(expected)")  // the 4 papers with the word in their title or abstract
        #expect(try Self.diffusionIDs(in: library) == expected)
        try library.ok(["star", "0704.0003"])
        #expect(Set(try library.list(["--starred"]).compactMap { $0["id"] as? String }) == ["t-c16bdf381ca6439a", "0704.0001", "0704.0003"])
        // Papers without an arXiv id are found again by title (through the title hash added in v4).
        let again = try library.ok(["import", CLI.fixture("hf-daily-papers-page.txt"), "--json"]).stdout
        #expect(again.contains("\"new\":0") && again.contains("\"unchanged\":54"), "\(again)")
        #expect(try LibraryProbe.integrity(library.path) == "ok")
    }

    @Test func aNewLibraryAndItsFolderAreTheOwnersOnly() throws {
        let library = try TestLibrary()
        let path = library.folder.appendingPathComponent("new/folder/library.sqlite").path
        #expect(try CLI.run(["--library", path, "import", CLI.fixture("hf-daily-papers-page.txt")]).status == 0)
        func mode(_ path: String) throws -> Int {
            try (FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int ?? -1) & 0o777
        }
        #expect(try mode(path) == 0o600)
        #expect(try mode((path as NSString).deletingLastPathComponent) == 0o700)
    }

    /// Opening the library a second time in one process leaves the first connection's locks: with them
    /// dropped, another program closing the library takes it for unused, checkpoints and deletes the WAL,
    /// and the first connection's next commit goes to the deleted file.
    @Test func aSecondStoreOnTheFileKeepsTheFirstOnesWritesSeen() throws {
        let library = try TestLibrary()
        #expect(try library.run(["import", CLI.fixture("hf-daily-papers-page.txt")]).status == 0)
        let first = try Store(path: library.path)
        let ids = try first.papers(PaperFilter(limit: 2)).map(\.id)
        try first.setStarred([ids[0]], true)
        let second = try Store(path: library.path)
        #expect(try LibraryProbe.query(library.path, "SELECT count(*) FROM star") == "1")
        try first.setStarred([ids[1]], true)
        #expect(try LibraryProbe.query(library.path, "SELECT count(*) FROM star") == "2")
        #expect(try second.papers(PaperFilter(starredOnly: true)).count == 2)
    }
}
