import FolioCore
import TerminalUI

/// Tab in the filter prompt: the word being typed completed to a scope (`tit` → `title:`), a tag or topic
/// name (`tag:to` → `tag:"to read"`) or a value (`is:st` → `is:starred`).
enum QueryCompletion {
    static let scopes = ["title:", "abstract:", "author:", "tag:", "topic:", "cat:", "id:", "is:", "year:", "after:", "before:",
                         "arrived:", "has:", "kw:", "note:", "upvotes>", "comments>", "stars>"]
    static let values = ["is": ["starred", "unread", "read", "new", "today"], "has": ["code", "doi", "abstract", "note", "pdf"]]

    /// Where the word being typed starts: after the last space or `(` outside quotes, and after a `-`.
    static func wordStart(_ text: String) -> String.Index {
        var start = text.startIndex
        var quoted = false
        var i = text.startIndex
        while i < text.endIndex {
            let c = text[i]
            if c == "\"" { quoted.toggle() }
            if !quoted && (c.isWhitespace || c == "(") { start = text.index(after: i) }
            i = text.index(after: i)
        }
        if start < text.endIndex, text[start] == "-" { start = text.index(after: start) }
        return start
    }

    /// Whole words that could stand for the word being typed.
    static func candidates(for text: String, tags: [String], topics: [String]) -> [String] {
        let word = String(text[wordStart(text)...])
        guard !word.isEmpty else { return [] }
        guard let colon = word.firstIndex(of: ":") else {
            return word.allSatisfy(\.isLetter) ? scopes.filter { $0.hasPrefix(word.lowercased()) } : []
        }
        let scope = word[..<colon].lowercased()
        let typed = word[word.index(after: colon)...].filter { $0 != "\"" }.lowercased()
        let pool: [String]
        switch scope {
        case "tag": pool = tags
        case "topic": pool = topics
        default: pool = values[scope] ?? []
        }
        return pool.filter { $0.lowercased().hasPrefix(typed) }.map { scope + ":" + quotedIfNeeded($0) }
    }

    /// `text` with the word being typed replaced by what all `candidates` begin with (and a space after
    /// a single whole value).
    static func completed(_ text: String, _ candidates: [String]) -> String {
        guard var common = candidates.first else { return text }
        for candidate in candidates.dropFirst() {
            while !candidate.hasPrefix(common) { common.removeLast() }
        }
        let start = wordStart(text)
        guard common.count >= text[start...].count else { return text }
        let whole = candidates.count == 1 && !(common.hasSuffix(":") || common.hasSuffix(">"))
        return String(text[..<start]) + common + (whole ? " " : "")
    }

    static func quotedIfNeeded(_ name: String) -> String {
        name.contains { $0.isWhitespace || $0 == "(" || $0 == ")" } ? "\"\(name)\"" : name
    }
}

extension AppState {
    /// `tag:` or `topic:` of a name the library does not have: said on the prompt, not a silent 0.
    public var filterWarning: String? {
        guard let filterQuery else { return nil }
        let tags = Set(snapshot.tags.map { TextNormalizer.clean($0.name).lowercased() })
        let topics = Set(snapshot.topics.map { TextNormalizer.clean($0.name).lowercased() })
        var missing: [String] = []
        func walk(_ query: Query) {
            switch query {
            case .and(let parts), .or(let parts): parts.forEach(walk)
            case .not(let inner): walk(inner)
            case .filter(.tag(let name)) where !tags.contains(name.lowercased()): missing.append("no tag named \(name)")
            case .filter(.topic(let name)) where !topics.contains(name.lowercased()): missing.append("no topic named \(name)")
            default: break
            }
        }
        walk(filterQuery)
        return missing.isEmpty ? nil : missing.joined(separator: ", ")
    }
}

/// The query language in brief, over the list while the filter prompt asks for it.
enum QuerySyntaxView {
    static let lines = [
        "Query syntax (Ctrl-G hides it; Tab completes scopes, names and values)",
        "",
        "words            all must match, in the title, abstract or authors",
        "a OR b           either;   -word or NOT word: without;   ( ) group",
        "\"a phrase\"       words in a row;   retriev*  any word starting so",
        "title: abstract: author:        in that field only",
        "tag:NAME  topic:NAME  cat:cs.LG  cat:cs.*  id:2306.02556",
        "is:starred  is:unread  is:read  is:new  is:today",
        "year:2024  year:>=2024  after:2024-03-01  before:7d  (7d 2w 3m 1y back)",
        "arrived:3d       imported since the start of that day",
        "upvotes>50  comments>=3  stars>100     (> >= < <= =)",
        "has:code  has:doi  has:abstract  has:note  has:pdf  kw:diffusion  note:idea",
    ]

    static func render(area: Rect, theme: Theme, on canvas: inout Canvas) {
        canvas.fill(area, style: theme[.listNormal])
        for (i, line) in lines.enumerated() where i < area.height {
            canvas.put(line, x: area.x + 1, y: area.y + i, style: theme[i == 0 ? .paneTitle : .listNormal], maxWidth: area.width - 1)
        }
    }
}
