import Foundation
import TerminalUI

/// A theme that could not be loaded, with every problem found and where.
public struct ThemeError: Error, Sendable, Equatable, CustomStringConvertible {
    public var theme: String
    public var path: String?
    public var problems: [SettingsProblem]

    public var description: String {
        let place = path.map { " (\($0))" } ?? ""
        return "theme \(theme)\(place): " + problems.map(\.description).joined(separator: "; ")
    }
}

/// The themes Folio can use: those built in (embedded from `Themes/`) and the user's own in
/// `$XDG_CONFIG_HOME/folio/themes/NAME.toml`, which win over a built-in of the same name.
public struct ThemeCatalog: Sendable {
    public var userFolder: String?

    public init(userFolder: String?) {
        self.userFolder = userFolder
    }

    public init(environment: [String: String]) {
        self.init(userFolder: SettingsPaths.configFolder(environment: environment) + "/themes")
    }

    /// Built-in names, `default` first.
    public static let builtInNames: [String] = ["default"] + BuiltinThemes.files.map(\.name).filter { $0 != "default" }

    public var userNames: [String] {
        guard let userFolder, let files = try? FileManager.default.contentsOfDirectory(atPath: userFolder) else { return [] }
        return files.filter { $0.hasSuffix(".toml") }.map { String($0.dropLast(5)) }.filter { Self.isValidName($0) }.sorted()
    }

    /// Every name, built-in first, each once.
    public var names: [String] {
        Self.builtInNames + userNames.filter { !Self.builtInNames.contains($0) }
    }

    /// A name is one file in the themes folder: no `/`, no leading dot, so `../x` cannot escape.
    public static func isValidName(_ name: String) -> Bool {
        !name.isEmpty && !name.hasPrefix(".") && name.allSatisfy { $0.isLetter || $0.isNumber || "-_.".contains($0) }
    }

    /// Where a theme comes from: the user's file if there is one, else the built-in text.
    public func source(of name: String, builtInOnly: Bool = false) throws(ThemeError) -> (text: String, path: String?) {
        guard Self.isValidName(name) else {
            throw ThemeError(theme: name, path: nil, problems: [SettingsProblem(line: nil, "a theme name is a file name in the themes folder, without / or a leading dot")])
        }
        if !builtInOnly, let userFolder {
            let path = userFolder + "/" + name + ".toml"
            if let text = try? String(contentsOfFile: path, encoding: .utf8) { return (text, path) }
        }
        guard let text = BuiltinThemes.files.first(where: { $0.name == name })?.text else {
            throw ThemeError(theme: name, path: nil, problems: [SettingsProblem(line: nil, "no such theme (themes: \(names.joined(separator: ", ")))")])
        }
        return (text, nil)
    }

    /// The theme with its inherited roles filled in, in the file's own colors (see `Theme.degraded`).
    public func load(_ name: String) throws(ThemeError) -> Theme {
        try load(name, builtInOnly: false, seen: [])
    }

    private func load(_ name: String, builtInOnly: Bool, seen: [String]) throws(ThemeError) -> Theme {
        let (text, path) = try source(of: name, builtInOnly: builtInOnly)
        let (parsed, problems) = ThemeFile.parse(text)
        guard let file = parsed else { throw ThemeError(theme: name, path: path, problems: problems) }
        var styles: [Role: Style] = [:]
        if let parent = file.inherits {
            guard !seen.contains(parent) else {
                throw ThemeError(theme: name, path: path, problems: [SettingsProblem(line: nil, "inherits in a circle: \((seen + [name, parent]).joined(separator: " → "))")])
            }
            // A user file named like a built-in extends that built-in, not itself.
            styles = try load(parent, builtInOnly: parent == name, seen: seen + [name]).styles
        }
        styles.merge(file.styles) { $1 }
        return Theme(name: name, styles: styles)
    }

    /// Checks a theme file's text as `load` would, inheritance included.
    public func check(text: String, path: String) -> [SettingsProblem] {
        let (parsed, problems) = ThemeFile.parse(text)
        guard let parent = parsed?.inherits else { return problems }
        do { _ = try load(parent) } catch {
            return [SettingsProblem(line: nil, "inherits \(parent): \(error.problems.map(\.description).joined(separator: "; "))")]
        }
        return []
    }
}

/// Where Folio looks for its settings.
public enum SettingsPaths {
    /// `$XDG_CONFIG_HOME/folio`, else `~/.config/folio`.
    public static func configFolder(environment: [String: String]) -> String {
        if let xdg = environment["XDG_CONFIG_HOME"], xdg.hasPrefix("/") { return xdg + "/folio" }
        let home = environment["HOME"] ?? NSHomeDirectory()
        return home + "/.config/folio"
    }

    public static func configFile(environment: [String: String]) -> String {
        configFolder(environment: environment) + "/config.toml"
    }
}
