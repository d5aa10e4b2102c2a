/// Reads Folio's query language into a `Query`.
///
/// Precedence as in SQLite FTS5: NOT (and `-`) binds tightest, then AND (explicit or words side
/// by side), then OR; parentheses group. Operators are upper case only: `or` is a word.
public enum QueryParser {
    /// With `typing`, a bare word at the very end of `text` (no space after it yet) is a prefix:
    /// the reader filters while the user is still typing that word.
    public static func parse(_ text: String, typing: Bool = false) throws(QueryError) -> Query {
        var parser = Parser(tokens: try QueryLexer.tokens(text), typing: typing)
        return try parser.parseQuery()
    }
}

private struct Parser {
    let tokens: [QueryToken]
    let typing: Bool
    var position = 0

    init(tokens: [QueryToken], typing: Bool) {
        self.tokens = tokens
        self.typing = typing
    }

    var current: QueryToken { tokens[position] }

    mutating func advance() -> QueryToken {
        defer { position += 1 }
        return current
    }

    mutating func parseQuery() throws(QueryError) -> Query {
        let query = try parseOr()
        if current.kind == .rightParen { throw QueryError("unexpected ')'", column: current.column) }
        return query ?? .and([])
    }

    // Each level returns nil when everything it read normalized to nothing (`!!`, `--`): such terms drop out.

    mutating func parseOr() throws(QueryError) -> Query? {
        if current.kind == .or { throw QueryError("expected a term before OR", column: current.column) }
        var alternatives: [Query] = []
        if let first = try parseAnd() { alternatives.append(first) }
        while current.kind == .or {
            position += 1
            guard startsTerm(current) else { throw QueryError("expected a term after OR", column: current.column) }
            if let next = try parseAnd() { alternatives.append(next) }
        }
        return Query.anyOf(alternatives)
    }

    mutating func parseAnd() throws(QueryError) -> Query? {
        if current.kind == .and { throw QueryError("expected a term before AND", column: current.column) }
        var parts: [Query] = []
        while true {
            switch current.kind {
            case .end, .rightParen, .or:
                return Query.allOf(parts)
            case .and:
                position += 1
                guard startsTerm(current) else { throw QueryError("expected a term after AND", column: current.column) }
            default:
                if let part = try parseUnary() { parts.append(part) }
            }
        }
    }

    mutating func parseUnary() throws(QueryError) -> Query? {
        guard current.kind == .not || current.kind == .minus else { return try parsePrimary() }
        let name = advance().kind == .not ? "NOT" : "-"
        guard startsTerm(current) else { throw QueryError("expected a term after \(name)", column: current.column) }
        return try parseUnary().map(Query.not)
    }

    func startsTerm(_ token: QueryToken) -> Bool {
        switch token.kind {
        case .word, .phrase, .scope, .leftParen, .not, .minus: true
        case .rightParen, .or, .and, .end: false
        }
    }

    mutating func parsePrimary() throws(QueryError) -> Query? {
        let token = advance()
        switch token.kind {
        case .leftParen:
            if current.kind == .rightParen { throw QueryError("expected a term after '('", column: current.column) }
            let group = try parseOr()
            guard current.kind == .rightParen else { throw QueryError("expected ')'", column: current.column) }
            position += 1
            return group
        case .word(let raw):
            return textTerm(raw, prefix: raw.hasSuffix("*") || isTypedLast(token), field: nil)
        case .phrase(let text, let prefix):
            return textTerm(text, prefix: prefix, field: nil)
        case .scope(let name):
            return try parseScope(name, at: token)
        case .rightParen, .or, .and, .not, .minus, .end:
            throw QueryError("expected a term", column: token.column)
        }
    }

    /// The word the user is still typing: bare, and nothing after it, not even a space.
    func isTypedLast(_ token: QueryToken) -> Bool {
        typing && token.end == tokens[tokens.count - 1].column
    }

    func textTerm(_ raw: String, prefix: Bool, field: TextField?) -> Query? {
        let words = TextNormalizer.searchWords(raw)
        return words.isEmpty ? nil : .text(TextTerm(words: words, prefix: prefix, field: field))
    }

    mutating func parseScope(_ typedName: String, at scopeToken: QueryToken) throws(QueryError) -> Query? {
        guard let scope = QueryScope(rawValue: typedName.lowercased()) else {
            throw QueryError("unknown scope \"\(typedName)\"", column: scopeToken.column)
        }
        let missing = QueryError("expected \(scope.expectedValue) after \(scope.rawValue):", column: scopeToken.end)
        guard current.column == scopeToken.end else { throw missing }
        let valueToken = current
        if let field = scope.textField {
            switch valueToken.kind {
            case .word(let raw):
                position += 1
                return textTerm(raw, prefix: raw.hasSuffix("*") || isTypedLast(valueToken), field: field)
            case .phrase(let text, let prefix):
                position += 1
                return textTerm(text, prefix: prefix, field: field)
            case .leftParen:
                // `title:(a OR b)`: the scope goes to every text term inside that has none of its own.
                return try parsePrimary()?.scoped(to: field)
            default:
                throw missing
            }
        }
        let value: String
        switch valueToken.kind {
        case .word(let raw): value = raw
        case .phrase(let text, _): value = text
        default: throw missing
        }
        position += 1
        guard let filter = scope.filter(value) else {
            throw QueryError("expected \(scope.expectedValue)", column: valueToken.column)
        }
        return .filter(filter)
    }
}

/// The `name:` prefixes the language knows.
private enum QueryScope: String {
    case title, abstract, author, tag, topic, cat, id, `is`, year, after, before

    var textField: TextField? {
        switch self {
        case .title: .title
        case .abstract: .abstract
        case .author: .author
        default: nil
        }
    }

    /// What the value must be, for error messages.
    var expectedValue: String {
        switch self {
        case .title, .abstract, .author: "a word"
        case .tag, .topic: "a name"
        case .cat: "a category"
        case .id: "an id"
        case .is: "starred, unread or read"
        case .year: "a year"
        case .after, .before: "a date YYYY-MM-DD"
        }
    }

    /// The filter for a non-text scope's value, or nil when the value is not valid.
    func filter(_ value: String) -> Filter? {
        switch self {
        case .title, .abstract, .author:
            return nil
        case .tag, .topic:
            let name = TextNormalizer.clean(value)
            if name.isEmpty { return nil }
            return self == .tag ? .tag(name) : .topic(name)
        case .cat:
            return value.isEmpty ? nil : .category(value)
        case .id:
            return value.isEmpty ? nil : .id(Filter.canonicalID(value))
        case .is:
            switch value.lowercased() {
            case "starred": return .starred
            case "unread": return .unread
            case "read": return .read
            default: return nil
            }
        case .year:
            guard value.count == 4, value.allSatisfy(\.isASCIIDigit), let year = Int(value) else { return nil }
            return .year(year)
        case .after:
            return CalendarDate.isValid(value) ? .after(value) : nil
        case .before:
            return CalendarDate.isValid(value) ? .before(value) : nil
        }
    }
}

private enum CalendarDate {
    /// `YYYY-MM-DD` naming a day that exists (2024-02-29 yes, 2023-02-29 no).
    static func isValid(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              parts.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) }),
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
              (1...12).contains(month)
        else { return false }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return (1...days[month - 1]).contains(day)
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}

extension Filter {
    /// The id a paper is known by: arXiv ids lose their version and any `arXiv:` or URL prefix.
    static func canonicalID(_ raw: String) -> String {
        ArxivID.parse(raw)?.id ?? raw
    }
}

extension Query {
    /// `and` of `parts`, nested `and`s flattened; one part is itself; none is nil.
    static func allOf(_ parts: [Query]) -> Query? {
        let flat = parts.flatMap { part -> [Query] in
            if case .and(let inner) = part { return inner }
            return [part]
        }
        return flat.count <= 1 ? flat.first : .and(flat)
    }

    /// `or` of `alternatives`, nested `or`s flattened; one alternative is itself; none is nil.
    static func anyOf(_ alternatives: [Query]) -> Query? {
        let flat = alternatives.flatMap { alternative -> [Query] in
            if case .or(let inner) = alternative { return inner }
            return [alternative]
        }
        return flat.count <= 1 ? flat.first : .or(flat)
    }

    /// Text terms without a field get `field`; filters and terms already scoped stay as they are.
    fileprivate func scoped(to field: TextField) -> Query {
        switch self {
        case .and(let parts): return .and(parts.map { $0.scoped(to: field) })
        case .or(let parts): return .or(parts.map { $0.scoped(to: field) })
        case .not(let inner): return .not(inner.scoped(to: field))
        case .text(var term):
            if term.field == nil { term.field = field }
            return .text(term)
        case .filter: return self
        }
    }
}
