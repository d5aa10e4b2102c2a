import Foundation

/// One BibTeX entry as written: field values keep their TeX; delimiters are removed,
/// `@string` macros are expanded and `#` parts joined.
struct BibTeXEntry {
    /// Lower-cased: `inproceedings`.
    var type: String
    var key: String
    /// 1-based line of the entry's `@`.
    var line: Int
    /// Field names lower-cased; the first of repeated fields wins, as in BibTeX.
    var fields: [String: String]
}

/// Splits BibTeX text into entries. `@comment` and `@preamble` are skipped, `@string`
/// defines macros; text between entries is a comment, as BibTeX treats it.
struct BibTeXParser {
    private let text: [Unicode.Scalar]
    private var index = 0
    private var line = 1
    /// Macro names are case-insensitive; the month abbreviations are predefined.
    private var macros: [String: String] = [
        "jan": "January", "feb": "February", "mar": "March", "apr": "April", "may": "May", "jun": "June",
        "jul": "July", "aug": "August", "sep": "September", "oct": "October", "nov": "November", "dec": "December",
    ]

    init(_ string: String) {
        text = Array(string.unicodeScalars)
    }

    mutating func entries() throws -> [BibTeXEntry] {
        var result: [BibTeXEntry] = []
        while skipPast("@") {
            if let entry = try entry() { result.append(entry) }
        }
        return result
    }

    // MARK: Entries

    /// Reads one `@type{…}` after its `@`; nil for the kinds that are not references.
    private mutating func entry() throws -> BibTeXEntry? {
        let startLine = line
        skipWhitespace()
        let type = identifier().lowercased()
        guard !type.isEmpty else {
            throw ImportError(.line(line), "expected an entry type after @, found \(found)")
        }
        skipWhitespace()
        let close: Unicode.Scalar
        switch current {
        case "{": close = "}"
        case "(": close = ")"
        default: throw ImportError(.line(line), "expected { after @\(type), found \(found)")
        }
        advance()
        switch type {
        case "comment", "preamble":
            try skipBody(closedBy: close, what: "@\(type)", startLine: startLine)
            return nil
        case "string":
            try macroDefinition(closedBy: close, startLine: startLine)
            return nil
        default:
            return try reference(type: type, closedBy: close, startLine: startLine)
        }
    }

    private mutating func reference(type: String, closedBy close: Unicode.Scalar, startLine: Int) throws -> BibTeXEntry {
        skipWhitespace()
        var key = ""
        while let scalar = current, scalar != ",", scalar != close, !scalar.properties.isWhitespace {
            key.unicodeScalars.append(scalar)
            advance()
        }
        var entry = BibTeXEntry(type: type, key: key, line: startLine, fields: [:])
        let name = key.isEmpty ? "@\(type) entry" : "entry \(key)"
        skipWhitespace()
        if current == close {
            advance()
            return entry
        }
        guard current == "," else {
            throw ImportError(.line(line), "expected , after the key of \(name), found \(found)")
        }
        advance()
        var lastField: (name: String, line: Int)?
        while true {
            skipWhitespace()
            if current == close {
                advance()
                return entry
            }
            guard current != nil else { throw unterminated(name, closedBy: close, startLine: startLine, lastField: lastField) }
            let fieldLine = line
            let field = identifier().lowercased()
            guard !field.isEmpty else {
                throw ImportError(.line(line), "expected a field name or \(close) in \(name), found \(found)")
            }
            skipWhitespace()
            guard current == "=" else {
                throw ImportError(.line(line), "expected = after field name \(field) in \(name), found \(found)")
            }
            advance()
            let value = try value(of: "field \(field) of \(name)", startLine: fieldLine)
            if entry.fields[field] == nil { entry.fields[field] = value }
            lastField = (field, fieldLine)
            skipWhitespace()
            if current == "," {
                advance()
            } else if current == nil {
                throw unterminated(name, closedBy: close, startLine: startLine, lastField: lastField)
            } else if current != close {
                throw ImportError(.line(line), "expected , or \(close) after the value of field \(field) in \(name), found \(found)")
            }
        }
    }

    /// An entry the file ends inside. A braced value with one `}` too few swallows the rest of
    /// the entry, so the message points at the last field read.
    private func unterminated(_ name: String, closedBy close: Unicode.Scalar, startLine: Int,
                              lastField: (name: String, line: Int)?) -> ImportError {
        var message = "expected \(close) to close \(name) started here, reached the end of the file"
        if let lastField {
            message += " (check the braces of field \(lastField.name) on line \(lastField.line))"
        }
        return ImportError(.line(startLine), message)
    }

    private mutating func macroDefinition(closedBy close: Unicode.Scalar, startLine: Int) throws {
        skipWhitespace()
        let name = identifier()
        guard !name.isEmpty else {
            throw ImportError(.line(line), "expected a macro name in @string, found \(found)")
        }
        skipWhitespace()
        guard current == "=" else {
            throw ImportError(.line(line), "expected = after @string name \(name), found \(found)")
        }
        advance()
        let value = try value(of: "@string \(name)", startLine: startLine)
        skipWhitespace()
        guard current == close else {
            throw ImportError(.line(line), "expected \(close) to close @string \(name), found \(found)")
        }
        advance()
        macros[name.lowercased()] = value
    }

    // MARK: Values

    /// `{…}`, `"…"`, a number or a macro name, possibly joined with `#`.
    private mutating func value(of what: String, startLine: Int) throws -> String {
        var result = ""
        while true {
            skipWhitespace()
            switch current {
            case "{":
                result += try delimited(by: "}", what: what)
            case "\"":
                result += try delimited(by: "\"", what: what)
            case let scalar? where scalar.properties.numericType != nil && scalar.isASCII:
                result += identifier()
            case let scalar? where scalar.properties.isAlphabetic:
                // BibTeX warns about an undefined macro and uses empty text; so do we.
                result += macros[identifier().lowercased()] ?? ""
            default:
                throw ImportError(.line(line), "expected a value ({…}, \"…\", a number or a @string name) for \(what), found \(found)")
            }
            skipWhitespace()
            guard current == "#" else { return result }
            advance()
        }
    }

    /// The text inside `{…}` or `"…"`, nested braces kept. The opening delimiter is current.
    private mutating func delimited(by closing: Unicode.Scalar, what: String) throws -> String {
        let openLine = line
        advance()
        var depth = 0
        var result = String.UnicodeScalarView()
        while let scalar = current {
            if scalar == closing && depth == 0 {
                advance()
                return String(result)
            }
            if scalar == "{" { depth += 1 }
            if scalar == "}" {
                // Only a quoted value can meet a `}` with nothing open: `"a}b"`.
                guard depth > 0 else {
                    throw ImportError(.line(line), "expected \" to close the value of \(what) before this }")
                }
                depth -= 1
            }
            result.append(scalar)
            advance()
        }
        throw ImportError(.line(openLine), "expected \(closing) to close the value of \(what) opened here, reached the end of the file")
    }

    /// Skips the balanced body of `@comment{…}` or `@preamble{…}`.
    private mutating func skipBody(closedBy close: Unicode.Scalar, what: String, startLine: Int) throws {
        var depth = 0
        while let scalar = current {
            advance()
            if scalar == close && depth == 0 { return }
            if scalar == "{" { depth += 1 }
            if scalar == "}" { depth -= 1 }
        }
        throw ImportError(.line(startLine), "expected \(close) to close \(what) started here, reached the end of the file")
    }

    // MARK: Scanning

    private var current: Unicode.Scalar? { index < text.count ? text[index] : nil }

    /// The current character for messages.
    private var found: String {
        guard let scalar = current else { return "the end of the file" }
        if scalar == "\n" || scalar == "\r" { return "the end of the line" }
        return "'\(Character(scalar))'"
    }

    private mutating func advance() {
        if text[index] == "\n" { line += 1 }
        index += 1
    }

    /// Moves past the next `target`; false at the end of the text.
    private mutating func skipPast(_ target: Unicode.Scalar) -> Bool {
        while let scalar = current {
            advance()
            if scalar == target { return true }
        }
        return false
    }

    private mutating func skipWhitespace() {
        while let scalar = current, scalar.properties.isWhitespace { advance() }
    }

    /// Entry types, field names, macro names and numbers: letters, digits and `_-:.+/`.
    private mutating func identifier() -> String {
        var name = String.UnicodeScalarView()
        while let scalar = current,
              scalar.properties.isAlphabetic || scalar.properties.numericType != nil || "_-:.+/".unicodeScalars.contains(scalar) {
            name.append(scalar)
            advance()
        }
        return String(name)
    }
}
