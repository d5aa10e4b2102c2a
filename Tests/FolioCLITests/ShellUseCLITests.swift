import Foundation
import FolioTestSupport
import Testing

/// The command line as a shell user uses it: paths with `~`, files that are not files, queries in
/// several words and with `-`, standard input, pipes closed early.
@Suite("folio from a shell")
struct ShellUseCLITests {
    /// `command` run by `sh -c` in `folder`, HOME being `home` (else `folder`): for `~`, `<`, `|` and the working directory.
    static func shell(_ command: String, in folder: URL, home: URL? = nil) throws -> ProcessResult {
        var environment = ProcessInfo.processInfo.environment
        environment["HOME"] = (home ?? folder).path
        environment.removeValue(forKey: "FOLIO_LIBRARY")
        environment.removeValue(forKey: "XDG_DATA_HOME")
        environment.removeValue(forKey: "XDG_CONFIG_HOME")
        return try Subprocess.run(URL(fileURLWithPath: "/bin/sh"), ["-c", "cd '\(folder.path)' && \(command)"], environment: environment)
    }

    static var folio: String { "'\(CLI.binary.path)'" }

    static func mode(_ path: String) throws -> Int {
        try (FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) ?? -1
    }

    @Test func exportRefusesAFolderADeviceAndAPipeEvenWithForce() throws {
        let lib = try TestLibrary()
        try lib.ok(["import", CLI.fixture("hf-daily-papers-page.txt")])
        let folder = lib.folder.appendingPathComponent("keep")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try "mine".write(to: folder.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)
        let fifo = lib.folder.appendingPathComponent("fifo").path
        #expect(mkfifo(fifo, 0o600) == 0)
        // The device is /dev/null, so it is tried without --force only: a Folio with this bug, run as root,
        // replaced /dev/null with a file (as the landed one did while this test was written).
        for (target, kind, forces) in [(folder.path, "directory", [[], ["--force"]]), (fifo, "named pipe", [[], ["--force"]]),
                                        ("/dev/null", "device", [[]])] {
            for force in forces {
                let result = try lib.run(["export", "--format", "jsonl", "-o", target] + force)
                #expect(result.status != 0 && result.stderr.contains("\(target) is a \(kind)"), "\(target) \(force): \(result.stderr)")
            }
        }
        #expect(try String(contentsOf: folder.appendingPathComponent("notes.txt"), encoding: .utf8) == "mine")
        // A file is replaced whole with --force, through a file beside it.
        let out = lib.folder.appendingPathComponent("out.jsonl").path
        try "old".write(toFile: out, atomically: true, encoding: .utf8)
        try lib.ok(["export", "--format", "jsonl", "-o", out, "--force"])
        #expect(try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n").count == 54)
        #expect(!FileManager.default.fileExists(atPath: out + ".folio-partial"))
    }

    @Test func tildeMeansHomeInEveryPathAndNoFolderNamedTildeAppears() throws {
        let home = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: home) }
        let work = home.appendingPathComponent("work")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: CLI.fixture("hf-daily-papers-page.txt"), toPath: home.appendingPathComponent("page.txt").path)
        // Quoted or after `=`, the shell leaves `~` to Folio.
        let imported = try Self.shell("\(Self.folio) --library='~/papers/lib.sqlite' import '~/page.txt'", in: work, home: home)
        #expect(imported.status == 0, "\(imported.stderr)")
        let library = home.appendingPathComponent("papers/lib.sqlite").path
        #expect(FileManager.default.fileExists(atPath: library))
        #expect(try Self.mode(library) == 0o600 && Self.mode(home.appendingPathComponent("papers").path) == 0o700)
        let exported = try Self.shell("\(Self.folio) --library '~/papers/lib.sqlite' export --format markdown -o '~/out.md'", in: work, home: home)
        #expect(exported.status == 0, "\(exported.stderr)")
        #expect(FileManager.default.fileExists(atPath: home.appendingPathComponent("out.md").path))
        // The config's library and --config too.
        try "library = \"~/other/lib.sqlite\"\n".write(to: home.appendingPathComponent("c.toml"), atomically: true, encoding: .utf8)
        let configured = try Self.shell("\(Self.folio) --config '~/c.toml' import '~/page.txt'", in: work, home: home)
        #expect(configured.status == 0, "\(configured.stderr)")
        #expect(FileManager.default.fileExists(atPath: home.appendingPathComponent("other/lib.sqlite").path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: work.path).isEmpty, "nothing is made where Folio runs")
    }

    @Test func aQueryIsEveryWordGivenAndALeadingDashIsANot() throws {
        let lib = try TestLibrary()
        try lib.ok(["import", CLI.fixture("hf-daily-papers-page.txt")])
        func ids(_ arguments: [String]) throws -> [String] { try lib.list(arguments).compactMap { $0["id"] as? String } }
        #expect(try ids(["dense", "retrieval"]) == ids(["dense retrieval"]))
        #expect(try ids(["dense", "retrieval"]).count > 0)
        let all = try ids([]), retrieval = try ids(["retrieval"])
        #expect(try ids(["-retrieval"]).count == all.count - retrieval.count)
        #expect(try ids(["-retrieval -image"]) == ids(["-retrieval", "-image"]))
        #expect(try ids(["--", "-retrieval"]) == ids(["-retrieval"]))
        let help = try lib.ok(["list", "--help"]).stdout
        #expect(help.contains("folio list dense retrieval") && help.contains("folio list -image"))
        #expect(try lib.ok(["export", "--format", "jsonl", "dense", "retrieval"]).lines.count == ids(["dense retrieval"]).count)
        let topic = try lib.ok(["topic", "add", "rag", "retrieval", "-image"])
        #expect(topic.stdout.contains("topic rag: \(try ids(["retrieval -image"]).count) papers"))
        let limit = try lib.run(["list", "--limit", "-1"])
        #expect(limit.status != 0 && limit.stderr.contains("--limit must be 0 or more"), "\(limit.stderr)")
        for year in ["99999", "0", "-3"] {
            let result = try lib.run(["import", "--year", year, CLI.fixture("hf-daily-papers-page.txt")])
            #expect(result.status != 0 && result.stderr.contains("--year must be from 1900 to"), "\(year): \(result.stderr)")
        }
    }

    @Test func importReadsStandardInputAndRefusesAFolder() throws {
        let lib = try TestLibrary()
        let dump = try Self.shell("\(Self.folio) --library '\(lib.path)' import - < '\(CLI.fixture("arxiv-oai-jsonl/snapshot_head50.jsonl"))'", in: lib.folder)
        #expect(dump.status == 0 && dump.stdout.contains("50 new"), "\(dump.stdout) \(dump.stderr)")
        let page = try Self.shell("cat '\(CLI.fixture("hf-daily-papers-page.txt"))' | \(Self.folio) --library '\(lib.path)' import -", in: lib.folder)
        #expect(page.status == 0 && page.stdout.contains("54 new"), "\(page.stdout) \(page.stderr)")
        let folder = try lib.run(["import", lib.folder.path])
        #expect(folder.status != 0)
        #expect(folder.stderr == "folio: \(lib.folder.path): is a folder; name the files in it\n", "\(folder.stderr)")
    }

    @Test func readAndUnreadMarkPapers() throws {
        let lib = try TestLibrary()
        try lib.ok(["import", CLI.fixture("hf-daily-papers-page.txt")])
        let ids = try lib.list().prefix(2).compactMap { $0["id"] as? String }
        #expect(try lib.ok(["read", ids[0]]).stdout == "\(ids[0]): read\n")
        let again = try lib.ok(["read", ids[0], ids[1], "--json"]).lines
        #expect(again == ["{\"id\":\"\(ids[0])\",\"read\":true,\"changed\":false}", "{\"id\":\"\(ids[1])\",\"read\":true,\"changed\":true}"])
        #expect(try lib.list(["is:read"]).count == 2)
        #expect(try lib.ok(["unread", ids[1]]).stdout == "\(ids[1]): unread\n")
        #expect(try lib.list(["is:read"]).compactMap { $0["id"] as? String } == [ids[0]])
        #expect(try lib.run(["read", "9999.99999"]).status != 0)
    }

    @Test func aPipeClosedEarlyEndsTheListQuietly() throws {
        let lib = try TestLibrary()
        try lib.ok(["import", CLI.fixture("arxiv-oai-jsonl/snapshot_head50.jsonl"), CLI.fixture("hf-daily-papers-page.txt")])
        // Also with SIGPIPE ignored, as some shells and programs start their children: writes then fail instead.
        for ignoring in ["", "trap '' PIPE; "] {
            for command in ["list --json", "list", "export --format jsonl", "export --format bibtex"] {
                let result = try Self.shell("\(ignoring)\(Self.folio) --library '\(lib.path)' \(command) | head -1", in: lib.folder)
                #expect(result.status == 0 && result.lines.count == 1 && result.stderr.isEmpty, "\(ignoring)\(command): \(result.stderr)")
            }
        }
    }
}

extension ShellUseCLITests {
    @Test func everyCommandGivenDemoUsesTheDemoLibraryAndRemovesIt() throws {
        let home = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: home) }
        let temporary = home.appendingPathComponent("tmp")
        try FileManager.default.createDirectory(at: temporary, withIntermediateDirectories: true)
        for command in ["--demo list --json", "list --demo --json", "--demo stats --json", "--demo export --format jsonl"] {
            let result = try Self.shell("TMPDIR='\(temporary.path)' \(Self.folio) \(command)", in: home)
            #expect(result.status == 0, "\(command): \(result.stderr)")
            #expect(result.lines.count == (command.contains("stats") ? 1 : 54), "\(command)")
            #expect(try FileManager.default.contentsOfDirectory(atPath: temporary.path).isEmpty, "\(command) left its library")
        }
        #expect(!FileManager.default.fileExists(atPath: home.appendingPathComponent(".local/share/folio").path), "the real library was made")
    }
}

extension ShellUseCLITests {
    /// The arXiv dump is often kept gzipped: read through zlib, whatever the file's name, and from stdin.
    @Test func gzipFilesImportWithoutBeingUnpacked() throws {
        let lib = try TestLibrary()
        let dump = CLI.fixture("arxiv-oai-jsonl/snapshot_head50.jsonl")
        let packed = lib.folder.appendingPathComponent("dump.jsonl.gz").path
        // Two gzip members, as `cat a.gz b.gz` makes: both are read.
        let made = try Self.shell("head -20 '\(dump)' | gzip -c > '\(packed)' && tail -n +21 '\(dump)' | gzip -c >> '\(packed)'", in: lib.folder)
        #expect(made.status == 0, "\(made.stderr)")
        #expect(try lib.ok(["import", packed]).stdout.contains("(arxiv-jsonl): 50 new"))
        let page = lib.folder.appendingPathComponent("page.gz").path
        _ = try Self.shell("gzip -c '\(CLI.fixture("hf-daily-papers-page.txt"))' > '\(page)'", in: lib.folder)
        let piped = try Self.shell("\(Self.folio) --library '\(lib.path)' import - < '\(page)'", in: lib.folder)
        #expect(piped.status == 0 && piped.stdout.contains("54 new"), "\(piped.stderr)")
        // A truncated file fails whole, naming the file.
        let cut = lib.folder.appendingPathComponent("cut.gz").path
        let bytes = try Data(contentsOf: URL(fileURLWithPath: packed))
        try bytes.prefix(bytes.count / 3).write(to: URL(fileURLWithPath: cut))
        let before = try lib.list().count
        let truncated = try lib.run(["import", cut])
        #expect(truncated.status != 0 && truncated.stderr.contains(cut), "\(truncated.stderr)")
        #expect(try lib.list().count == before)
    }
}

extension ShellUseCLITests {
    @Test func aFormatThatDoesNotFitTheFileSaysSoInItsOwnTerms() throws {
        let lib = try TestLibrary()
        let bib = CLI.fixture("bibtex/pmlr_v224_automl23.bib")
        let result = try lib.run(["import", "--format", "arxiv-atom", bib])
        #expect(result.status != 0)
        #expect(result.stderr.contains("\(bib): not an Atom feed: line ") && result.stderr.contains("is \"@"), "\(result.stderr)")
        #expect(result.stderr.contains("(it looks like BibTeX)") && !result.stderr.contains("libxml2"), "\(result.stderr)")
        // The named format still wins when the start does not say otherwise.
        #expect(try lib.ok(["import", "--format", "bibtex", bib]).stdout.contains("(bibtex)"))
    }
}

extension ShellUseCLITests {
    @Test func tagsIgnoreCaseAndKeepTheirFirstSpelling() throws {
        let lib = try TestLibrary()
        try lib.ok(["import", CLI.fixture("hf-daily-papers-page.txt")])
        let ids = try lib.list().prefix(3).compactMap { $0["id"] as? String }
        try lib.ok(["tag", ids[0], "ML"])
        try lib.ok(["tag", ids[1], "ml"])
        try lib.ok(["tag", ids[1], "Ml"])
        #expect(try lib.ok(["tags"]).stdout == "ML\t2\n")
        #expect(try lib.list(["tag:ml"]).count == 2)
        try lib.ok(["untag", ids[1], "mL"])
        #expect(try lib.ok(["tags"]).stdout == "ML\t1\n")
        // A library made before: its variants become the first spelling, every paper keeping its tag.
        try lib.ok(["tag", ids[1], "ML"])
        _ = try LibraryProbe.query(lib.path, """
            INSERT INTO tag (paper_id, name, tagged_at) VALUES ('\(ids[1])', 'ml', '2030-01-01T00:00:00Z'), ('\(ids[2])', 'Ml', '2030-01-01T00:00:00Z');
            DELETE FROM grdb_migrations WHERE identifier = 'v10-tag-case';
            """)
        #expect(try lib.ok(["tags"]).stdout == "ML\t3\n")
        #expect(try LibraryProbe.count(lib.path, "tag") == 3)
    }
}
