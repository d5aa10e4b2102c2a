import TOMLKit
import TerminalUI

/// One theme file as written: what it inherits and the roles it sets.
///
/// ```toml
/// inherits = "default"            # optional: roles not set here come from this theme
/// description = "…"
/// [styles]
/// star = { fg = "yellow", bold = true }
/// list-selected = { fg = "#fbf1c7", bg = 239, reverse = false }
/// ```
public struct ThemeFile: Sendable, Equatable {
    public var description: String
    public var inherits: String?
    public var styles: [Role: Style]

    static let styleKeys = ["fg", "bg", "bold", "dim", "italic", "underline", "reverse"]
    static let attributeKeys: [(String, Style.Attributes)] = [
        ("bold", .bold), ("dim", .dim), ("italic", .italic), ("underline", .underline), ("reverse", .reverse),
    ]

    /// The file, or every problem in it, each with its line: a file with any problem is not used.
    public static func parse(_ text: String) -> (file: ThemeFile?, problems: [SettingsProblem]) {
        let document: TOMLDocument
        do { document = try TOMLDocument(text: text) } catch { return (nil, [error]) }
        var problems: [SettingsProblem] = []
        var file = ThemeFile(description: "", inherits: nil, styles: [:])
        for key in document.root.keys {
            let value = document.root[key]!
            let line = document.line(of: key)
            switch key {
            case "description":
                if let text = value.string { file.description = text } else { problems.append(SettingsProblem(line: line, "description must be a string")) }
            case "inherits":
                if let name = value.string { file.inherits = name } else { problems.append(SettingsProblem(line: line, "inherits must be a theme name in quotes")) }
            case "styles":
                guard let styles = value.table else {
                    problems.append(SettingsProblem(line: line, "styles must be a table ([styles])"))
                    continue
                }
                for roleName in styles.keys {
                    let roleLine = document.line(of: roleName, inTable: "styles")
                    do throws(SettingsProblem) {
                        guard let role = Role(rawValue: roleName) else {
                            throw SettingsProblem(line: roleLine, "unknown role \(roleName) (roles: \(Role.allCases.map(\.rawValue).joined(separator: ", ")))")
                        }
                        file.styles[role] = try style(styles[roleName]!, role: roleName, line: roleLine)
                    } catch {
                        problems.append(error)
                    }
                }
            default:
                problems.append(SettingsProblem(line: line, "unknown setting \(key) (expected description, inherits, [styles])"))
            }
        }
        return problems.isEmpty ? (file, []) : (nil, problems.sorted { ($0.line ?? 0) < ($1.line ?? 0) })
    }

    static func style(_ value: TOMLValueConvertible, role: String, line: Int?) throws(SettingsProblem) -> Style {
        guard let table = value.table else {
            throw SettingsProblem(line: line, "\(role) must be an inline table such as { fg = \"red\", bold = true }")
        }
        var style = Style.plain
        for key in table.keys {
            let field = table[key]!
            switch key {
            case "fg", "bg":
                let color = try color(field, line: line, what: "\(key) of \(role)")
                if key == "fg" { style.foreground = color } else { style.background = color }
            default:
                guard let attribute = attributeKeys.first(where: { $0.0 == key })?.1 else {
                    throw SettingsProblem(line: line, "unknown key \(key) in \(role) (expected \(styleKeys.joined(separator: ", ")))")
                }
                guard let on = field.bool else { throw SettingsProblem(line: line, "\(key) of \(role) must be true or false") }
                if on { style.attributes.insert(attribute) }
            }
        }
        return style
    }

    static let colorNames = ["black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"]

    /// `default`, a name (`red`, `bright-blue`), a 256-palette index (0–255) or `#rrggbb`.
    static func color(_ value: TOMLValueConvertible, line: Int?, what: String) throws(SettingsProblem) -> Color {
        if let index = value.int {
            guard (0...255).contains(index) else { throw SettingsProblem(line: line, "color index \(index) for \(what) is not 0–255") }
            return index < 16 ? .ansi(UInt8(index)) : .indexed(UInt8(index))
        }
        guard let text = value.string, let color = Color(themeName: text) else {
            let shown = value.string.map { "\"\($0)\"" } ?? "this value"
            throw SettingsProblem(line: line, "bad color \(shown) for \(what): expected default, a name such as red or bright-blue, 0–255, or #rrggbb")
        }
        return color
    }
}

extension Color {
    /// A color as theme files write it; nil when it is none of the accepted forms.
    init?(themeName text: String) {
        let name = text.lowercased()
        if name == "default" {
            self = .default
        } else if let index = ThemeFile.colorNames.firstIndex(of: name) {
            self = .ansi(UInt8(index))
        } else if name.hasPrefix("bright-"), let index = ThemeFile.colorNames.firstIndex(of: String(name.dropFirst(7))) {
            self = .ansi(UInt8(index + 8))
        } else if name.hasPrefix("#"), name.count == 7, let value = UInt32(name.dropFirst(), radix: 16) {
            self = .rgb(UInt8(value >> 16), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF))
        } else {
            return nil
        }
    }
}
