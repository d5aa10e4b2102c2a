/// Reads Folio's query language into a `Query`.
///
/// Precedence as in SQLite FTS5: NOT (and `-`) binds tightest, then AND (explicit or words side
/// by side), then OR; parentheses group. Operators are upper case only: `or` is a word.
public enum QueryParser {
    /// With `typing`, a bare word at the very end of `text` (no space after it yet) is a prefix:
    /// the reader filters while the user is still typing that word.
    /// `context` fixes what relative dates and `is:new` mean (now, by default).
    public static func parse(_ text: String, typing: Bool = false, context: QueryContext = .now()) throws(QueryError) -> Query {
        var parser = Parser(tokens: try QueryLexer.tokens(text), typing: typing, context: context)
        return try parser.parseQuery()
    }
}

private struct Parser {
    let tokens: [QueryToken]
    let typing: Bool
    let context: QueryContext
    var position = 0

    init(tokens: [QueryToken], typing: Bool, context: QueryContext) {
        self.tokens = tokens
        self.typing = typing
        self.context = context
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
        guard let filter = scope.filter(value, context: context) else {
            throw QueryError("expected \(scope.expectedValue)", column: valueToken.column)
        }
        return .filter(filter)
    }
}

/// The `name:` prefixes the language knows.
private enum QueryScope: String {
    case title, abstract, author, tag, topic, cat, id, `is`, year, after, before, arrived, has, kw, note
    case upvotes, comments, stars

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
        case .is: "starred, unread, read, new or today"
        case .year: "a year, or a comparison with one (>=2024)"
        case .after, .before, .arrived: "a date YYYY-MM-DD or a span back from today (7d, 2w, 3m, 1y)"
        case .has: "code, doi, abstract, note or pdf"
        case .kw: "a keyword"
        case .note: "a word of a note"
        case .upvotes, .comments, .stars: "a comparison with a number (>50, >=50, <50, <=50, =50)"
        }
    }

    /// The filter for a non-text scope's value, or nil when the value is not valid.
    func filter(_ value: String, context: QueryContext) -> Filter? {
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
            case "today": return .arrivedSince(context.start(of: context.today))
            // Never closed: a moment after every stored one, so nothing is new (as the New view).
            case "new": return .arrivedSince(context.newSince ?? "9999")
            default: return nil
            }
        case .year:
            guard let (comparison, number) = Self.comparison(value), number.count == 4, let year = Int(number) else { return nil }
            // A year compared is a range of dates: `year:>=2024` is `after:2024-01-01`.
            let first = CalendarDay(year: year, month: 1, day: 1).description, next = CalendarDay(year: year + 1, month: 1, day: 1).description
            switch comparison {
            case .equal: return .year(year)
            case .atLeast: return .after(first)
            case .more: return .after(next)
            case .less: return .before(first)
            case .atMost: return .before(next)
            }
        case .arrived where Timestamp.isMoment(value):
            return .arrivedSince(value)
        case .after, .before, .arrived:
            guard let day = CalendarDay(value) ?? context.today.back(value) else { return nil }
            return self == .after ? .after(day.description) : self == .before ? .before(day.description)
                : .arrivedSince(context.start(of: day))
        case .has:
            return PaperFeature(rawValue: value.lowercased()).map(Filter.has)
        case .kw, .note:
            let words = TextNormalizer.searchWords(value)
            return words.isEmpty ? nil : self == .kw ? .keyword(words) : .note(words)
        case .upvotes, .comments, .stars:
            guard let (comparison, number) = Self.comparison(value), let bound = Int(number) else { return nil }
            return .count(CountField(rawValue: rawValue)!, comparison, bound)
        }
    }

    /// `>=50` as (atLeast, "50"); a bare number is `=`. The number is ASCII digits, nothing else.
    private static func comparison(_ value: String) -> (Comparison, String)? {
        let comparison = Comparison.allCases.first { value.hasPrefix($0.rawValue) }
        let number = String(value.dropFirst(comparison?.rawValue.count ?? 0))
        guard !number.isEmpty, number.count <= 9, number.allSatisfy(\.isASCIIDigit) else { return nil }
        return (comparison ?? .equal, number)
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
