/// The canonical text of a query: parsing it gives the same query back.
extension Query: CustomStringConvertible {
    public var description: String {
        switch self {
        case .and(let parts): parts.map { $0.operand(groupingOr: true) }.joined(separator: " ")
        case .or(let parts): parts.map { $0.operand(groupingOr: true) }.joined(separator: " OR ")
        case .not(let inner): "-" + inner.operand(groupingOr: true, groupingAnd: true)
        case .text(let term): term.description
        case .filter(let filter): filter.description
        }
    }

    /// In parentheses where precedence would otherwise change the meaning; an empty `and` too, so it stays a term.
    private func operand(groupingOr: Bool, groupingAnd: Bool = false) -> String {
        switch self {
        case .or where groupingOr, .and where groupingAnd, .and([]): "(\(description))"
        default: description
        }
    }

    /// The text terms a matching paper contains (those not under NOT), in query order, each once:
    /// what the reader highlights.
    public var highlightTerms: [TextTerm] {
        var terms: [TextTerm] = []
        collectPositiveTerms(into: &terms)
        return terms
    }

    private func collectPositiveTerms(into terms: inout [TextTerm]) {
        switch self {
        case .and(let parts), .or(let parts): parts.forEach { $0.collectPositiveTerms(into: &terms) }
        case .text(let term): if !terms.contains(term) { terms.append(term) }
        case .not, .filter: break
        }
    }
}

extension TextTerm: CustomStringConvertible {
    /// `title:"language model"`, `retriev*`.
    public var description: String {
        let scope = field.map { "\($0.rawValue):" } ?? ""
        let text = words.count == 1 ? words[0] : "\"\(words.joined(separator: " "))\""
        return scope + text + (prefix ? "*" : "")
    }
}

extension Filter: CustomStringConvertible {
    public var description: String {
        switch self {
        case .tag(let name): "tag:" + Self.quotedIfNeeded(name)
        case .topic(let name): "topic:" + Self.quotedIfNeeded(name)
        case .category(let category): "cat:" + Self.quotedIfNeeded(category)
        case .id(let id): "id:" + Self.quotedIfNeeded(id)
        case .starred: "is:starred"
        case .unread: "is:unread"
        case .read: "is:read"
        case .year(let year): "year:\(year)"
        case .after(let date): "after:" + date
        case .before(let date): "before:" + date
        case .arrivedSince(let moment): "arrived:" + moment
        case .count(let field, let comparison, let bound): field.rawValue + comparison.rawValue + String(bound)
        case .has(let feature): "has:" + feature.rawValue
        case .keyword(let words): "kw:" + Self.quotedIfNeeded(words.joined(separator: " "))
        case .note(let words): "note:" + Self.quotedIfNeeded(words.joined(separator: " "))
        }
    }

    /// Values with spaces, parentheses or quotes would end early unquoted.
    private static func quotedIfNeeded(_ value: String) -> String {
        let plain = !value.isEmpty && !value.contains { $0.isWhitespace || $0 == "(" || $0 == ")" || $0 == "\"" }
        return plain ? value : "\"\(value)\""
    }
}
