import Foundation
import FolioCore
import TerminalUI
import Testing
@testable import FolioApp

@Suite struct ThemeFileTests {
    static let themesFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Themes")

    @Test func embeddedThemesEqualTheFilesInThemes() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.themesFolder.path).filter { $0.hasSuffix(".toml") }.sorted()
        #expect(files.map { String($0.dropLast(5)) } == BuiltinThemes.files.map(\.name).sorted(),
                "run scripts/embed-resources after adding or removing a theme")
        for file in files {
            let text = try String(contentsOf: Self.themesFolder.appendingPathComponent(file), encoding: .utf8)
            let embedded = try #require(BuiltinThemes.files.first { $0.name + ".toml" == file }).text
            #expect(embedded + "\n" == text, "\(file) differs from its embedded copy: run scripts/embed-resources")
        }
    }

    @Test func everyBuiltInThemeLoadsAndSetsEveryRole() throws {
        let catalog = ThemeCatalog(userFolder: nil)
        #expect(Set(ThemeCatalog.builtInNames).isSuperset(of: ["default", "light", "solarized-dark", "solarized-light", "gruvbox", "high-contrast", "mono"]))
        for name in ThemeCatalog.builtInNames {
            let theme = try catalog.load(name)
            #expect(Set(theme.styles.keys) == Set(Role.allCases), "\(name) leaves roles unset")
        }
        #expect(Theme.standard == (try catalog.load("default")))
    }

    /// Under NO_COLOR or on a terminal of 8 colors, a read row still looks unlike an unread one.
    @Test func readAndUnreadRowsDifferWithoutColor() throws {
        let catalog = ThemeCatalog(userFolder: nil)
        for name in ThemeCatalog.builtInNames {
            for depth in [ColorDepth.none, .eight] {
                let theme = try catalog.load(name).degraded(to: depth)
                #expect(theme[.listRead].attributes != theme[.listNormal].attributes, "\(name) at \(depth)")
            }
        }
    }

    @Test func aBadColorNamesItsLine() {
        let text = "description = \"x\"\n\n[styles]\nstar = { fg = \"red\" }\n\n\nmatch = { fg = \"reddish\" }\n"
        let problems = ThemeFile.parse(text).problems
        #expect(problems.map(\.line) == [7])
        #expect(problems.first?.description.contains("bad color \"reddish\"") == true)
    }

    @Test func syntaxErrorsUnknownRolesAndKeysNameTheirLines() {
        #expect(ThemeFile.parse("[styles]\nstar = { fg = \"red\"\n").problems.first?.line == 2)
        #expect(ThemeFile.parse("[styles]\nstar = {}\nsparkle = {}\n").problems.map(\.line) == [3])
        #expect(ThemeFile.parse("[styles]\nstar = { blink = true }\n").problems.first?.description.hasPrefix("line 2: unknown key blink") == true)
        #expect(ThemeFile.parse("colour = 1\n").problems.first?.line == 1)
        #expect(ThemeFile.parse("[styles]\nstar = { fg = 300 }\n").problems.first?.line == 2)
    }

    @Test func colorsAsNamesIndexesAndHex() throws {
        let file = try #require(ThemeFile.parse("[styles]\nstar = { fg = \"bright-blue\", bg = 208 }\nmatch = { fg = \"#FF8000\", bg = \"default\", bold = true }\n").file)
        #expect(file.styles[.star] == Style(foreground: .ansi(12), background: .indexed(208)))
        #expect(file.styles[.match] == Style(foreground: .rgb(255, 128, 0), attributes: [.bold]))
    }

    @Test func aUserThemeInheritsAndOverridesSomeRoles() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("folio-themes-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "inherits = \"gruvbox\"\n[styles]\nstar = { fg = \"red\" }\n".write(to: folder.appendingPathComponent("mine.toml"), atomically: true, encoding: .utf8)
        try "inherits = \"default\"\n[styles]\nstar = { fg = \"green\" }\n".write(to: folder.appendingPathComponent("default.toml"), atomically: true, encoding: .utf8)
        let catalog = ThemeCatalog(userFolder: folder.path)
        let gruvbox = try catalog.load("gruvbox"), mine = try catalog.load("mine")
        #expect(mine[.star] == Style(foreground: .ansi(1)))
        #expect(mine[.listSelected] == gruvbox[.listSelected])
        #expect(catalog.names.contains("mine") && catalog.names.filter { $0 == "default" }.count == 1)
        #expect(try catalog.load("default")[.star] == Style(foreground: .ansi(2)), "a user file extends the built-in of its name")
    }

    @Test func namesCannotEscapeTheThemesFolder() {
        #expect(throws: ThemeError.self) { try ThemeCatalog(userFolder: "/tmp").load("../etc/passwd") }
        #expect(!ThemeCatalog.isValidName("../x") && !ThemeCatalog.isValidName(".hidden") && ThemeCatalog.isValidName("solarized-dark"))
    }
}

@Suite struct DegradationTests {
    @Test func depthFromColorsAndEnvironment() {
        #expect(ColorDepth.detect(colors: 256, environment: ["COLORTERM": "truecolor"]) == .trueColor)
        #expect(ColorDepth.detect(colors: 256, environment: ["COLORTERM": "24bit"]) == .trueColor)
        #expect(ColorDepth.detect(colors: 8, environment: ["COLORTERM": "truecolor"]) == .eight)
        #expect(ColorDepth.detect(colors: 256, environment: [:]) == .indexed256)
        #expect(ColorDepth.detect(colors: 16, environment: [:]) == .sixteen)
        #expect(ColorDepth.detect(colors: 0, environment: [:]) == ColorDepth.none)
        #expect(ColorDepth.detect(colors: 256, environment: ["NO_COLOR": "1", "COLORTERM": "truecolor"]) == ColorDepth.none)
        #expect(ColorDepth.detect(colors: 256, environment: ["NO_COLOR": ""]) == .indexed256)
    }

    @Test func colorsStepDownOneDepthAtATime() {
        let orange = Color.rgb(0xFE, 0x80, 0x19)
        #expect(orange.degraded(to: .trueColor) == orange)
        #expect(orange.degraded(to: .indexed256) == .indexed(208))
        #expect(orange.degraded(to: .sixteen) == .ansi(3))
        #expect(Color.ansi(9).degraded(to: .eight) == .ansi(1))
        #expect(Color.indexed(208).degraded(to: .none) == .default)
        #expect(Style(foreground: .ansi(12)).degraded(to: .eight) == Style(foreground: .ansi(4), attributes: [.bold]))
    }

    @Test func withoutColorsTheSelectionMatchesAndStarsKeepTheirAttributes() throws {
        for name in ThemeCatalog.builtInNames {
            let theme = try ThemeCatalog(userFolder: nil).load(name)
            for depth in [ColorDepth.none, .eight] {
                let shown = theme.degraded(to: depth)
                #expect(shown[.listSelected] != shown[.listNormal], "\(name) at \(depth)")
                #expect(shown[.star].attributes.contains(.bold) && shown[.match].attributes.contains(.underline), "\(name) at \(depth)")
            }
            let mono = theme.degraded(to: .none)
            #expect(mono[.listSelected].attributes.contains(.reverse), "\(name)")
            #expect(mono.styles.values.allSatisfy { $0.foreground == .default && $0.background == .default }, "\(name)")
        }
    }
}

@Suite struct ConfigTests {
    @Test func keyNamesParseAsTheInverseOfTheirLabels() {
        let keys: [Key] = [.char("f"), .char(" "), .char("?"), .char("é"), .ctrl("x"), .enter, .escape, .tab, .backTab,
                           .backspace, .delete, .up, .down, .left, .right, .pageUp, .pageDown, .home, .end, .function(1), .function(12)]
        for key in keys { #expect(Key(label: key.label) == key, "\(key.label)") }
        for bad in ["", "ff", "Ctrl-", "F13", "Shift-X", "\t"] { #expect(Key(label: bad) == nil, "\(bad)") }
    }

    @Test func syncSettingsAreReadAndCheckedWithTheirLines() {
        let (config, problems) = Config.parse("[sync]\nfolder = \"/srv/sync/folio\"\nevery-seconds = 30\n")
        #expect(problems.isEmpty)
        #expect(config.syncFolder == "/srv/sync/folio" && config.syncSeconds == 30)
        let bad = Config.parse("[sync]\nfolder = \"\"\nevery-seconds = 1\nspeed = 2\n")
        #expect(bad.problems.map(\.line) == [2, 3, 4])
        #expect(bad.problems.map(\.message).last == "unknown sync setting speed (settings: folder, every-seconds)")
        #expect(bad.config.syncFolder == nil && bad.config.syncSeconds == 120, "the defaults for what was wrong")
    }

    @Test func journalBoundsAreReadAndCheckedWithTheirLines() {
        let (config, problems) = Config.parse("[journal]\nkeep-entries = 500\nkeep-days = 7\n")
        #expect(problems.isEmpty)
        #expect(config.journal == JournalBounds(entries: 500, days: 7))
        let bad = Config.parse("[journal]\nkeep-entries = 50\nkeep-days = \"a week\"\nkeep = 1\n")
        #expect(bad.problems.map(\.line) == [2, 3, 4])
        #expect(bad.config.journal == JournalBounds(), "the defaults for what was wrong")
        #expect(SourcesSetup.starterTOML.contains("# keep-entries = 10000"))
    }

    @Test func keysRebindAnActionEntirely() {
        let (config, problems) = Config.parse("[keys]\nstar = [\"f\"]\nquit = [\"Ctrl-Q\", \"F10\"]\n")
        #expect(problems.isEmpty)
        #expect(config.keymap.keys(for: .star) == [.char("f")])
        #expect(config.keymap.action(for: .char("s")) == nil)
        #expect(config.keymap.keys(for: .quit) == [.ctrl("q"), .function(10)])
    }

    @Test func aConflictNamesBothActionsAndKeepsTheStandardKeys() {
        let (config, problems) = Config.parse("[keys]\nstar = [\"r\"]\n")
        #expect(problems.map(\.description) == ["line 2: r is bound to both star and toggle-read"])
        #expect(config.keymap == Keymap.standard)
        #expect(Config.parse("[keys]\nstar = [\"r\"]\ntoggle-read = [\"W\"]\n").problems.isEmpty, "moving the other action away is no conflict")
    }

    @Test func unknownActionsSettingsAndBadValuesNameTheirLines() {
        let text = "theme = \"gruvbox\"\nbogus = 1\n[layout]\nsplit = \"diagonal\"\ncolumns = [\"date\"]\n[keys]\nfly = [\"x\"]\nstar = [\"Hyper-S\"]\n"
        let (config, problems) = Config.parse(text)
        #expect(problems.map(\.line) == [2, 4, 7, 8])
        #expect(problems[2].message.contains("unknown action fly"))
        #expect(config.theme == "gruvbox" && config.preferences.split == .auto && config.preferences.columns == [.date])
        #expect(config.keymap == Keymap.standard)
    }

    @Test func layoutSettings() {
        let (config, problems) = Config.parse("[layout]\nsidebar = false\nsplit = \"stacked\"\ndate-format = \"iso\"\n")
        #expect(problems.isEmpty)
        #expect(!config.preferences.sidebarShown && config.preferences.split == .stacked && config.preferences.dateFormat == .iso)
    }
}

@Suite struct ThemeCyclingTests {
    @Test func cycleThemeSwitchesLiveAndSaysWhichTheme() throws {
        let library = try SampleLibrary()
        let runtime = library.runtime()
        #expect(runtime.theme.name == "default")
        runtime.press(.char("C"))
        let next = ThemeCatalog.builtInNames[1]
        #expect(runtime.theme.name == next)
        #expect(runtime.state.status?.text == "theme: \(next)")
        for _ in 1..<ThemeCatalog.builtInNames.count { runtime.press(.char("C")) }
        #expect(runtime.theme.name == "default", "after the last theme comes the first")
    }

    @Test func configuredKeysDriveTheReaderAndTheHelpScreen() throws {
        let library = try SampleLibrary()
        let runtime = library.runtime()
        runtime.configure(keymap: Config.parse("[keys]\nstar = [\"f\"]\n").config.keymap, preferences: ReaderPreferences())
        runtime.press(.char("f"))
        #expect(runtime.state.selectedPaper?.isStarred == true)
        #expect(HelpView.lines(runtime.state.keymap).contains { $0.hasPrefix("f ") && $0.contains("star") })
    }
}
