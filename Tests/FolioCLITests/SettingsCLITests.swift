import FolioTestSupport
import Foundation
import Testing

/// `folio themes`, `config`, `keys`, completion scripts and the man page.
@Suite struct SettingsCLITests {
    static let builtIn = ["default", "light", "solarized-dark", "solarized-light", "gruvbox", "high-contrast", "mono"]

    private func jsonLines(_ result: CLI.Result) throws -> [[String: Any]] {
        try result.lines.map { try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
    }

    @Test func themesJSONListsTheBuiltInThemes() throws {
        let result = try CLI.run(["themes", "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let names = try jsonLines(result).compactMap { $0["name"] as? String }
        #expect(Set(names).isSuperset(of: Self.builtIn), "\(names)")
    }

    @Test func everyFileInThemesPassesCheck() throws {
        let folder = CLI.packageRoot.appendingPathComponent("Themes")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".toml") }
        #expect(files.count >= 7)
        for file in files {
            let result = try CLI.run(["themes", "check", folder.appendingPathComponent(file).path])
            #expect(result.status == 0, "\(file): \(result.stderr)")
        }
    }

    @Test func aBadColorOnLineSevenFailsWithLineSeven() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("bad.toml")
        try "# a theme\ndescription = \"bad\"\ninherits = \"default\"\n\n[styles]\nstar = { fg = \"red\" }\nmatch = { fg = \"reddish\" }\n"
            .write(to: file, atomically: true, encoding: .utf8)
        let result = try CLI.run(["themes", "check", file.path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("line 7"), "\(result.stderr)")
        #expect(try CLI.run(["themes", "check", folder.appendingPathComponent("missing.toml").path]).status == 1)
        // Every error of a file, each with its line, not the first alone.
        try "[styles]\nstar = { fg = \"reddish\" }\nnosuchrole = { bold = true }\nmatch = { fg = \"blueish\" }\n"
            .write(to: file, atomically: true, encoding: .utf8)
        let all = try CLI.run(["themes", "check", file.path])
        #expect(all.status == 1)
        for line in ["line 2", "line 3", "line 4"] { #expect(all.stderr.contains(line), "\(line): \(all.stderr)") }
    }

    @Test func themesShowPrintsEveryRoleInColor() throws {
        // An empty NO_COLOR counts as unset, whatever the test runner exports.
        let result = try CLI.run(["themes", "show", "gruvbox"], environment: ["TERM": "xterm-256color", "COLORTERM": "truecolor", "NO_COLOR": ""])
        #expect(result.status == 0)
        for role in ["list-selected", "star", "match", "status-error", "help"] { #expect(result.stdout.contains(role)) }
        #expect(result.stdout.contains("\u{1B}[0;1;38;2;251;241;199;48;2;80;73;69m"), "gruvbox's selected row in true color")
        let plain = try CLI.run(["themes", "show", "gruvbox"], environment: ["NO_COLOR": "1"])
        #expect(!plain.stdout.contains(";38;") && plain.stdout.contains("\u{1B}[0;1;7m"))
        // Without colors a read row is still unlike an unread one, in every built-in theme.
        for name in ["default", "light", "solarized-dark", "solarized-light", "gruvbox", "high-contrast", "mono"] {
            let lines = try CLI.run(["themes", "show", name], environment: ["NO_COLOR": "1"]).lines
            let sample = { (role: String) in lines.first { $0.hasPrefix(role + " ") }.map { $0.dropFirst(24) } }
            #expect(sample("list-read") != nil && sample("list-read") != sample("list-normal"), "\(name)")
        }
        #expect(try CLI.run(["themes", "show", "../../etc/passwd"]).status == 1)
    }

    @Test func aUserThemeInTheConfigFolderIsListed() throws {
        let config = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: config) }
        try FileManager.default.createDirectory(at: config.appendingPathComponent("folio/themes"), withIntermediateDirectories: true)
        try "inherits = \"gruvbox\"\n[styles]\nstar = { fg = \"red\" }\n"
            .write(to: config.appendingPathComponent("folio/themes/mine.toml"), atomically: true, encoding: .utf8)
        let result = try CLI.run(["themes", "--json"], environment: ["XDG_CONFIG_HOME": config.path])
        let mine = try jsonLines(result).first { $0["name"] as? String == "mine" }
        #expect(mine?["builtin"] as? Bool == false)
        #expect(try CLI.run(["themes", "show", "mine"], environment: ["XDG_CONFIG_HOME": config.path]).status == 0)
    }

    @Test func configPathAndCheck() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try CLI.run(["config", "path"], environment: ["XDG_CONFIG_HOME": folder.path])
        #expect(path.stdout == folder.path + "/folio/config.toml\n")
        let config = folder.appendingPathComponent("config.toml")
        try "theme = \"gruvbox\"\n[keys]\nstar = [\"f\"]\n".write(to: config, atomically: true, encoding: .utf8)
        #expect(try CLI.run(["config", "check", "--config", config.path]).status == 0)
        try "theme = \"gruvbox\"\n[keys]\nstar = [\"f\"]\nfly = [\"x\"]\n".write(to: config, atomically: true, encoding: .utf8)
        let bad = try CLI.run(["config", "check", "--config", config.path])
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("line 4: unknown action fly"), "\(bad.stderr)")
    }

    @Test func keysJSONIsTheEffectiveKeyMap() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let config = folder.appendingPathComponent("config.toml")
        try "[keys]\nstar = [\"f\"]\n".write(to: config, atomically: true, encoding: .utf8)
        let bindings = try jsonLines(try CLI.run(["keys", "--json", "--config", config.path]))
        let star = try #require(bindings.first { $0["action"] as? String == "star" })
        #expect(star["keys"] as? [String] == ["f"])
        #expect(bindings.contains { $0["action"] as? String == "cycle-theme" })
        let standard = try jsonLines(try CLI.run(["keys", "--json"]))
        #expect(standard.first { $0["action"] as? String == "star" }?["keys"] as? [String] == ["s"])
        // Prompt keys come from the same table.
        #expect(standard.contains { $0["action"] as? String == "history-older" && $0["prompt"] as? Bool == true })
        let remappedMan = try CLI.run(["keys", "--man", "--config", config.path]).stdout
        #expect(remappedMan.contains(".B f\nstar: star or unstar"))
    }

    /// folio.1's KEYS section is what `folio keys --man` writes for the standard map (regenerate it with
    /// `folio keys --man` when the key table changes).
    @Test func theManPageListsTheKeyTable() throws {
        let page = try String(contentsOf: CLI.packageRoot.appendingPathComponent("folio.1"), encoding: .utf8)
        let generated = try CLI.run(["keys", "--man", "--config", "/nonexistent/config.toml"]).stdout
        let start = try #require(page.range(of: ".SH KEYS")), end = try #require(page.range(of: ".SH EXIT STATUS"))
        #expect(String(page[start.lowerBound..<end.lowerBound]) == generated)
    }

    @Test(arguments: ["bash", "zsh", "fish"])
    func completionScripts(shell: String) throws {
        let result = try CLI.run(["--generate-completion-script", shell])
        #expect(result.status == 0)
        #expect(result.stdout.count > 200 && result.stdout.contains("folio"))
    }

    @Test func theManPageRenders() throws {
        let page = CLI.packageRoot.appendingPathComponent("folio.1").path
        // groff-base comes with scripts/install-deps; a minimized system's `man` may be a stub.
        let rendered: CLI.Result
        if let groff = Subprocess.find("groff") {
            rendered = try Subprocess.run(groff, ["-man", "-Tutf8", "-P-cbu", page], environment: ["PATH": "/usr/bin:/bin"])
        } else {
            let man = try #require(Subprocess.find("man"), "neither groff nor man is installed (scripts/install-deps)")
            rendered = try Subprocess.run(man, ["-l", page], environment: ["MANPAGER": "cat", "PAGER": "cat", "MANWIDTH": "80", "PATH": "/usr/bin:/bin"])
        }
        #expect(rendered.status == 0, "\(rendered.stderr)")
        for text in ["folio", "themes", "config.toml", "NO_COLOR"] { #expect(rendered.stdout.contains(text), "\(text)") }
    }

    @Test func aBinaryCopiedAloneListsAndUsesEveryBuiltInTheme() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let copy = folder.appendingPathComponent("folio")
        try FileManager.default.copyItem(at: CLI.binary, to: copy)
        let environment = ["HOME": folder.path, "PATH": "/usr/bin:/bin", "TERM": "xterm-256color"]
        let listed = try Subprocess.run(copy, ["themes", "--json"], environment: environment)
        let names = try jsonLines(listed).compactMap { $0["name"] as? String }
        #expect(Set(names).isSuperset(of: Self.builtIn), "\(names) \(listed.stderr)")
        for name in Self.builtIn {
            let shown = try Subprocess.run(copy, ["themes", "show", name], environment: environment)
            #expect(shown.status == 0 && shown.stdout.contains("list-selected"), "\(name): \(shown.stderr)")
        }
    }
}
