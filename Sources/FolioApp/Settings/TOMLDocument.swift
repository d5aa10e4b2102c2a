import Foundation
import TOMLKit

/// Something wrong in a theme or config file, with the line it is on when known.
public struct SettingsProblem: Error, Sendable, Equatable, CustomStringConvertible {
    public var line: Int?
    public var message: String

    public init(line: Int?, _ message: String) {
        self.line = line
        self.message = message
    }

    public var description: String { line.map { "line \($0): \(message)" } ?? message }
}

/// A parsed TOML file that still knows its text, so a problem found in a value can name its line:
/// TOMLKit gives positions for syntax errors but not for the keys and values it returns.
struct TOMLDocument {
    let root: TOMLTable
    private let lines: [Substring]

    init(text: String) throws(SettingsProblem) {
        do {
            root = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw SettingsProblem(line: error.source.begin.line, error.description)
        } catch {
            throw SettingsProblem(line: nil, "\(error)")
        }
        lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    }

    /// The line (from 1) where `key` is assigned inside the table `[table]` (nil: the top level),
    /// found by reading the text: the one place Folio maps values back to lines.
    func line(of key: String, inTable table: String? = nil) -> Int? {
        var current: String?
        for (index, raw) in lines.enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("[") {
                current = String(line.dropFirst().prefix { $0 != "]" }).trimmingCharacters(in: .whitespaces)
                continue
            }
            guard current == table else { continue }
            let name = line.prefix { $0 != "=" }.trimmingCharacters(in: .whitespaces)
            if line.contains("="), name == key || name == "\"\(key)\"" || name == "'\(key)'" { return index + 1 }
        }
        return table.flatMap { table in lines.firstIndex { $0.trimmingCharacters(in: .whitespaces) == "[\(table)]" }.map { $0 + 1 } }
    }

    /// A subtable, or a problem naming its line when the key holds something else.
    func table(_ key: String) throws(SettingsProblem) -> TOMLTable? {
        guard let value = root[key] else { return nil }
        guard let table = value.table else {
            throw SettingsProblem(line: line(of: key), "\(key) must be a table ([\(key)])")
        }
        return table
    }
}
