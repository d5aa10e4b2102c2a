/// A line of text being typed and the cursor in it (a position between characters), with the
/// editing keys of a shell's line editor.
public struct LineEditor: Sendable, Equatable {
    public private(set) var text: String
    /// Characters before the cursor.
    public private(set) var cursor: Int

    public init(_ text: String = "") {
        self.text = text
        cursor = text.count
    }

    private var characters: [Character] { Array(text) }

    public var beforeCursor: String { String(text.prefix(cursor)) }

    public mutating func insert(_ c: Character) {
        // Counted as a String: a combining mark joins the character before it.
        let before = beforeCursor + String(c)
        text = before + String(characters[cursor...])
        cursor = min(before.count, text.count)
    }

    public mutating func moveLeft() { cursor = max(cursor - 1, 0) }
    public mutating func moveRight() { cursor = min(cursor + 1, text.count) }
    public mutating func moveHome() { cursor = 0 }
    public mutating func moveEnd() { cursor = text.count }

    /// Backspace.
    public mutating func deleteBackward() {
        guard cursor > 0 else { return }
        var chars = characters
        chars.remove(at: cursor - 1)
        text = String(chars)
        cursor -= 1
    }

    /// Delete.
    public mutating func deleteForward() {
        var chars = characters
        guard cursor < chars.count else { return }
        chars.remove(at: cursor)
        text = String(chars)
    }

    /// Ctrl-W: the word before the cursor and the blanks after it.
    public mutating func deleteWordBackward() {
        var chars = characters
        var start = cursor
        while start > 0, chars[start - 1].isWhitespace { start -= 1 }
        while start > 0, !chars[start - 1].isWhitespace { start -= 1 }
        chars.removeSubrange(start..<cursor)
        text = String(chars)
        cursor = start
    }

    /// Ctrl-K.
    public mutating func deleteToEnd() {
        text = String(characters[..<cursor])
    }

    /// Ctrl-U.
    public mutating func deleteToStart() {
        text = String(characters[cursor...])
        cursor = 0
    }

    /// Replaces the whole text, cursor at its end (history, completion).
    public mutating func replace(with text: String) {
        self = LineEditor(text)
    }
}

/// What was entered at the filter and tag prompts, oldest first, at most `limit` of each; kept in the library.
public struct PromptHistory: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        case filter, tags
    }

    public static let limit = 100
    public private(set) var entries: [Kind: [String]] = [:]

    public init(_ entries: [Kind: [String]] = [:]) {
        for (kind, texts) in entries { self.entries[kind] = Array(texts.suffix(Self.limit)) }
    }

    public func texts(_ kind: Kind) -> [String] { entries[kind] ?? [] }

    /// `text` becomes the newest entry (an earlier copy of it moves up rather than repeating).
    public mutating func add(_ text: String, to kind: Kind) {
        guard !text.allSatisfy(\.isWhitespace) else { return }
        var texts = texts(kind).filter { $0 != text }
        texts.append(text)
        entries[kind] = Array(texts.suffix(Self.limit))
    }
}
