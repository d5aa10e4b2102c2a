/// One piece of a query string, with the 1-based columns (in Characters) it spans.
struct QueryToken: Equatable {
    enum Kind: Equatable {
        /// A bare word as typed, `*` included: the parser normalizes it or reads it as a scope value.
        case word(String)
        /// The text between quotes; `prefix` when a `*` follows the closing quote.
        case phrase(String, prefix: Bool)
        /// `title:` and the like, name as typed; the value is the next token when it starts at `end`.
        case scope(String)
        case leftParen
        case rightParen
        case or
        case and
        case not
        /// `-` glued to the term it negates.
        case minus
        case end
    }

    var kind: Kind
    var column: Int
    /// The column just past the token.
    var end: Int
}

/// Splits a query into tokens. Operators are recognized only in upper case and never as a scope's value.
struct QueryLexer {
    private let characters: [Character]
    private var index = 0
    private var tokens: [QueryToken] = []

    static func tokens(_ text: String) throws(QueryError) -> [QueryToken] {
        var lexer = QueryLexer(characters: Array(text))
        return try lexer.run()
    }

    private init(characters: [Character]) {
        self.characters = characters
    }

    private mutating func run() throws(QueryError) -> [QueryToken] {
        while index < characters.count {
            let character = characters[index]
            if character.isWhitespace {
                index += 1
            } else if character == "(" {
                emit(.leftParen, length: 1)
            } else if character == ")" {
                emit(.rightParen, length: 1)
            } else if character == "\"" {
                try lexPhrase()
            } else if character == "-", startsNegatedTerm(at: index + 1) {
                emit(.minus, length: 1)
            } else {
                lexChunk()
            }
        }
        tokens.append(QueryToken(kind: .end, column: characters.count + 1, end: characters.count + 1))
        return tokens
    }

    /// `-word`, `-"phrase"`, `-(group)` negate; `--` or a lone `-` stay words (that normalize to nothing).
    private func startsNegatedTerm(at position: Int) -> Bool {
        guard position < characters.count else { return false }
        let next = characters[position]
        return !next.isWhitespace && next != "-" && next != ")"
    }

    private mutating func emit(_ kind: QueryToken.Kind, length: Int) {
        tokens.append(QueryToken(kind: kind, column: index + 1, end: index + 1 + length))
        index += length
    }

    private func endsChunk(_ character: Character) -> Bool {
        character.isWhitespace || character == "(" || character == ")" || character == "\""
    }

    private func chunkLength(from start: Int) -> Int {
        var position = start
        while position < characters.count, !endsChunk(characters[position]) { position += 1 }
        return position - start
    }

    private mutating func lexPhrase() throws(QueryError) {
        let start = index
        guard let close = characters[(start + 1)...].firstIndex(of: "\"") else {
            throw QueryError(#"expected '"'"#, column: characters.count + 1)
        }
        let prefix = close + 1 < characters.count && characters[close + 1] == "*"
        let text = String(characters[(start + 1)..<close])
        emit(.phrase(text, prefix: prefix), length: close + 1 - start + (prefix ? 1 : 0))
    }

    private mutating func lexChunk() {
        let length = chunkLength(from: index)
        let chunk = characters[index..<(index + length)]
        if let colon = chunk.firstIndex(of: ":"), colon > index, chunk[..<colon].allSatisfy(\.isLetter) {
            emit(.scope(String(chunk[..<colon])), length: colon + 1 - index)
            lexScopeValue()
            return
        }
        // `upvotes>50`: a count's name glued to its comparison reads as `upvotes:>50`.
        if let operatorStart = chunk.firstIndex(where: { "<>=".contains($0) }), operatorStart > index,
           CountField(rawValue: String(chunk[..<operatorStart]).lowercased()) != nil {
            emit(.scope(String(chunk[..<operatorStart])), length: operatorStart - index)
            lexScopeValue()
            return
        }
        switch String(chunk) {
        case "OR": emit(.or, length: length)
        case "AND": emit(.and, length: length)
        case "NOT": emit(.not, length: length)
        default: emit(.word(String(chunk)), length: length)
        }
    }

    /// Right after `name:`: a quoted value, a group, or everything up to the next space, colons included
    /// (`id:arXiv:2306.02556`). A space or the end leaves the value missing; the parser reports it.
    private mutating func lexScopeValue() {
        guard index < characters.count else { return }
        let length = chunkLength(from: index)
        if length > 0 { emit(.word(String(characters[index..<(index + length)])), length: length) }
    }
}
