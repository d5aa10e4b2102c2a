import FolioCore
import FolioFetch
import Foundation
import TOMLKit
import TerminalUI

/// `config.toml`: the theme, the layout, the library and the key map. Whatever is wrong in it is
/// reported with its line and replaced by the default, so the reader always starts.
public struct Config: Sendable {
    public var theme: String?
    public var library: String?
    public var preferences = ReaderPreferences()
    public var keymap = Keymap.standard
    /// `[sources.NAME]`, by name; nil when the file has no `[sources]` at all.
    public var sources: [FetchSource]?
    /// `[journal]`: how many entries and days of the journal to keep.
    public var journal = JournalBounds()
    /// `[sync] folder`: the folder a file-sync tool mirrors between machines (`folio sync`).
    public var syncFolder: String?
    /// `[sync] every-seconds`: how often the open reader syncs (at least 5).
    public var syncSeconds = 120

    public init() {}

    /// The config at `path`; a missing file is no problem, an unreadable one is.
    public static func load(path: String) -> (config: Config, problems: [SettingsProblem]) {
        guard FileManager.default.fileExists(atPath: path) else { return (Config(), []) }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            return (Config(), [SettingsProblem(line: nil, "cannot read \(path) as UTF-8 text")])
        }
        return parse(text)
    }

    public static func parse(_ text: String) -> (config: Config, problems: [SettingsProblem]) {
        var config = Config()
        let document: TOMLDocument
        do { document = try TOMLDocument(text: text) } catch { return (config, [error]) }
        var problems: [SettingsProblem] = []
        for key in document.root.keys {
            let value = document.root[key]!
            let line = document.line(of: key)
            switch key {
            case "theme", "library":
                guard let text = value.string, !text.isEmpty else {
                    problems.append(SettingsProblem(line: line, "\(key) must be a non-empty string"))
                    continue
                }
                if key == "theme" { config.theme = text } else { config.library = UserPath.expand(text) }
            case "layout":
                problems += config.preferences.read(value.table, document: document, line: line)
            case "keys":
                guard let table = value.table else {
                    problems.append(SettingsProblem(line: line, "keys must be a table ([keys])"))
                    continue
                }
                let (keymap, keyProblems) = Keymap.standard.remapped(by: table, document: document)
                config.keymap = keymap
                problems += keyProblems
            case "sources":
                let (sources, sourceProblems) = SourcesConfig.read(value, document: document, line: line)
                config.sources = sources
                problems += sourceProblems
            case "journal":
                problems += config.journal.read(value.table, document: document, line: line)
            case "sync":
                problems += config.readSync(value.table, document: document, line: line)
            default:
                problems.append(SettingsProblem(line: line, "unknown setting \(key) (settings: theme, library, [layout], [keys], [sources.NAME], [journal], [sync])"))
            }
        }
        return (config, problems.sorted { ($0.line ?? 0) < ($1.line ?? 0) })
    }
}

/// A table of settings (`[layout]`, `[journal]`, `[sync]`) read key by key: `read` takes each key and its
/// value and says what is wrong with it, if anything; the problem carries the key's line.
enum SettingsTable {
    static func read(_ table: TOMLTable?, named name: String, document: TOMLDocument, line tableLine: Int?,
                     _ read: (_ key: String, _ value: TOMLValueConvertible) -> String?) -> [SettingsProblem] {
        guard let table else { return [SettingsProblem(line: tableLine, "\(name) must be a table ([\(name)])")] }
        return table.keys.compactMap { key in
            read(key, table[key]!).map { SettingsProblem(line: document.line(of: key, inTable: name), $0) }
        }
    }
}

extension Config {
    /// `[sync]`: `folder` (a path, `~` expanded) and `every-seconds` (at least 5).
    mutating func readSync(_ table: TOMLTable?, document: TOMLDocument, line: Int?) -> [SettingsProblem] {
        SettingsTable.read(table, named: "sync", document: document, line: line) { key, value in
            switch key {
            case "folder":
                guard let text = value.string, !text.isEmpty else { return "folder must be a non-empty string" }
                syncFolder = UserPath.expand(text)
            case "every-seconds":
                guard let number = value.int, number >= 5 else { return "every-seconds must be a whole number, 5 or more" }
                syncSeconds = number
            default:
                return "unknown sync setting \(key) (settings: folder, every-seconds)"
            }
            return nil
        }
    }
}

extension JournalBounds {
    /// `keep-entries` (at least 100) and `keep-days` (at least 1).
    mutating func read(_ table: TOMLTable?, document: TOMLDocument, line: Int?) -> [SettingsProblem] {
        SettingsTable.read(table, named: "journal", document: document, line: line) { key, value in
            switch key {
            case "keep-entries":
                guard let number = value.int, number >= 100 else { return "keep-entries must be a whole number, 100 or more" }
                entries = number
            case "keep-days":
                guard let number = value.int, number >= 1 else { return "keep-days must be a whole number, 1 or more" }
                days = number
            default:
                return "unknown journal setting \(key) (settings: keep-entries, keep-days)"
            }
            return nil
        }
    }
}

extension ReaderPreferences {
    mutating func read(_ table: TOMLTable?, document: TOMLDocument, line: Int?) -> [SettingsProblem] {
        SettingsTable.read(table, named: "layout", document: document, line: line) { key, value in
            /// What a setting that names one of `T`'s cases must say, or nil when `value` names one (then set).
            func choice<T: RawRepresentable & CaseIterable>(_: T.Type, _ set: (T) -> Void) -> String? where T.RawValue == String {
                if let text = value.string, let chosen = T(rawValue: text) {
                    set(chosen)
                    return nil
                }
                return "\(key) must be one of " + T.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
            }
            switch key {
            case "sidebar":
                guard let shown = value.bool else { return "sidebar must be true or false" }
                sidebarShown = shown
            case "split":
                return choice(Split.self) { split = $0 }
            case "date-format":
                return choice(DateFormat.self) { dateFormat = $0 }
            case "columns":
                let names = value.array.map { $0.map { $0.string } } ?? [nil]
                let chosen = names.compactMap { $0.flatMap(Column.init(rawValue:)) }
                guard chosen.count == names.count else {
                    return "columns must be a list of " + Column.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
                }
                columns = Column.allCases.filter(chosen.contains)
            default:
                return "unknown layout setting \(key) (settings: sidebar, split, date-format, columns)"
            }
            return nil
        }
    }
}

extension Keymap {
    /// This map with the `[keys]` table's actions bound to exactly the keys listed. An unknown
    /// action, a bad key name or a key that two actions would share is reported, and the actions
    /// concerned keep their standard keys.
    func remapped(by table: TOMLTable, document: TOMLDocument) -> (Keymap, [SettingsProblem]) {
        var problems: [SettingsProblem] = []
        var overrides: [Action: (keys: [Key], line: Int?)] = [:]
        for name in table.keys {
            let line = document.line(of: name, inTable: "keys")
            guard let action = Action(rawValue: name) else {
                problems.append(SettingsProblem(line: line, "unknown action \(name) (`folio keys` lists the actions)"))
                continue
            }
            let value = table[name]!
            let names = value.string.map { [$0] } ?? value.array?.map { $0.string ?? "" }
            guard let names, !names.isEmpty else {
                problems.append(SettingsProblem(line: line, "\(name) must be a list of keys, such as [\"f\", \"Ctrl-F\"]"))
                continue
            }
            let keys = names.map { Key(label: $0) }
            if let bad = zip(names, keys).first(where: { $0.1 == nil }) {
                problems.append(SettingsProblem(line: line, "unknown key \"\(bad.0)\" for \(name) (a character, Enter, Esc, Tab, Shift-Tab, Space, Up, Down, Left, Right, PgUp, PgDn, Home, End, Backspace, Delete, Ctrl-X or F1…F12)"))
                continue
            }
            overrides[action] = (keys.compactMap { $0 }, line)
        }
        var result = self
        // Conflicts drop the config's binding and are looked for again, since the standard map has none.
        while true {
            for (action, override) in overrides {
                result.bindings[result.bindings.firstIndex { $0.action == action }!].keys = override.keys
            }
            guard let (key, first, second) = result.firstConflict() else { break }
            let dropped = overrides[second] != nil ? second : first
            guard overrides[dropped] != nil else { break }
            let line = overrides[dropped]?.line
            problems.append(SettingsProblem(line: line, "\(key.label) is bound to both \(first.rawValue) and \(second.rawValue)"))
            overrides[dropped] = nil
            result = self
        }
        return (result, problems)
    }

    /// Two actions sharing a key, in table order.
    func firstConflict() -> (Key, Action, Action)? {
        var owner: [Key: Action] = [:]
        for binding in bindings {
            for key in binding.keys {
                if let other = owner[key], other != binding.action { return (key, other, binding.action) }
                owner[key] = binding.action
            }
        }
        return nil
    }
}
