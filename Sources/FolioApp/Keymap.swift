import TerminalUI

/// Everything a key can do. The raw value is the action's name in `?` help, `folio keys` and the
/// `[keys]` table of the config file.
public enum Action: String, CaseIterable, Sendable {
    case moveDown = "down", moveUp = "up"
    case pageDown = "page-down", pageUp = "page-up"
    case halfPageDown = "half-page-down", halfPageUp = "half-page-up"
    case top, bottom
    case nextPaper = "next-paper", previousPaper = "previous-paper"
    case focusNext = "focus-next", focusPrevious = "focus-previous"
    case scrollPaneDown = "scroll-abstract-down", scrollPaneUp = "scroll-abstract-up"
    case toggleSource = "toggle-source"
    case open, back
    case star, tag, untag
    case toggleRead = "toggle-read"
    case editNote = "edit-note"
    case mark, markAll = "mark-all", clearMarks = "clear-marks", forView = "for-view", catchUp = "catch-up"
    case undo, redo
    case openInBrowser = "open-in-browser", copyURL = "copy-url", copyAs = "copy-as"
    case openPDF = "open-pdf", downloadPDF = "download-pdf"
    case filter
    case moreLikeThis = "more-like-this", sort, jumpToDate = "jump-to-date"
    case saveTopic = "save-topic", editTopic = "edit-topic", deleteTopic = "delete-topic"
    case mute, showMuted = "show-muted"
    case toggleSidebar = "toggle-sidebar"
    case cycleTheme = "cycle-theme"
    case fetch
    case redraw, help, quit
}

public struct Binding: Sendable, Equatable {
    public var action: Action
    public var keys: [Key]
    public var help: String
}

/// What a key does while the status line asks for text (the filter, tags, a topic's name or query).
public enum PromptAction: String, CaseIterable, Sendable {
    case submit, cancel, complete
    case deleteBackward = "delete-backward", deleteForward = "delete-forward"
    case left, right, home, end
    case deleteWord = "delete-word", deleteToEnd = "delete-to-end", deleteToStart = "delete-to-start"
    case older = "history-older", newer = "history-newer"
    case syntax
}

public struct PromptBinding: Sendable, Equatable {
    public var action: PromptAction
    public var keys: [Key]
    public var help: String
}

/// One table both dispatches keys and writes the help screen, so the two cannot disagree.
public struct Keymap: Sendable, Equatable {
    public var bindings: [Binding]
    /// Keys in a prompt; any other printable key is typed.
    public var promptBindings: [PromptBinding] = Keymap.promptStandard

    public static let promptStandard = [
        PromptBinding(action: .submit, keys: [.enter], help: "accept (an invalid query stays open with its error)"),
        PromptBinding(action: .cancel, keys: [.escape], help: "cancel (clears the filter)"),
        PromptBinding(action: .complete, keys: [.tab], help: "complete a tag name; in the filter, a scope (tit → title:), a tag or topic name, a value"),
        PromptBinding(action: .syntax, keys: [.ctrl("g"), .function(1)], help: "show or hide the query syntax (in the filter)"),
        PromptBinding(action: .deleteBackward, keys: [.backspace, .ctrl("h")], help: "delete the character before the cursor"),
        PromptBinding(action: .deleteForward, keys: [.delete, .ctrl("d")], help: "delete the character under the cursor"),
        PromptBinding(action: .left, keys: [.left, .ctrl("b")], help: "cursor left"),
        PromptBinding(action: .right, keys: [.right, .ctrl("f")], help: "cursor right"),
        PromptBinding(action: .home, keys: [.home, .ctrl("a")], help: "cursor to the start"),
        PromptBinding(action: .end, keys: [.end, .ctrl("e")], help: "cursor to the end"),
        PromptBinding(action: .deleteWord, keys: [.ctrl("w")], help: "delete the word before the cursor"),
        PromptBinding(action: .deleteToEnd, keys: [.ctrl("k")], help: "delete to the end"),
        PromptBinding(action: .deleteToStart, keys: [.ctrl("u")], help: "delete to the start"),
        PromptBinding(action: .older, keys: [.up, .ctrl("p")], help: "earlier filter or tags (history)"),
        PromptBinding(action: .newer, keys: [.down, .ctrl("n")], help: "later filter or tags (history)"),
    ]

    public init(bindings: [Binding]) {
        self.bindings = bindings
    }

    public func promptAction(for key: Key) -> PromptAction? {
        promptBindings.first { $0.keys.contains(key) }?.action
    }

    /// Status-line hints: each action's first key as bound now, and what it does in a word or two.
    public func hints(_ actions: KeyValuePairs<Action, String>) -> String {
        actions.compactMap { action, name in keys(for: action).first.map { "\($0.label) \(name)" } }.joined(separator: "  ")
    }

    public static let standard = Keymap(bindings: [
        Binding(action: .moveDown, keys: [.char("j"), .down], help: "next paper"),
        Binding(action: .moveUp, keys: [.char("k"), .up], help: "previous paper"),
        Binding(action: .pageDown, keys: [.pageDown, .char(" ")], help: "page down; reading, at the paper's end: the next paper"),
        Binding(action: .pageUp, keys: [.pageUp, .char("b")], help: "page up"),
        Binding(action: .halfPageDown, keys: [.ctrl("d")], help: "half a page down"),
        Binding(action: .halfPageUp, keys: [.ctrl("u")], help: "half a page up"),
        Binding(action: .nextPaper, keys: [.char("n")], help: "next paper, also while reading it full screen (marked read as it opens)"),
        Binding(action: .previousPaper, keys: [.char("p")], help: "previous paper, also while reading it full screen"),
        Binding(action: .top, keys: [.char("g"), .home], help: "first paper"),
        Binding(action: .bottom, keys: [.char("G"), .end], help: "last paper"),
        Binding(action: .focusNext, keys: [.tab], help: "focus the next pane"),
        Binding(action: .focusPrevious, keys: [.backTab], help: "focus the previous pane"),
        Binding(action: .scrollPaneDown, keys: [.char("J")], help: "scroll the abstract down"),
        Binding(action: .scrollPaneUp, keys: [.char("K")], help: "scroll the abstract up"),
        Binding(action: .toggleSource, keys: [.char("v")], help: "show the title and abstract as stored (TeX source), or rendered"),
        Binding(action: .open, keys: [.enter], help: "read the paper full screen"),
        Binding(action: .back, keys: [.escape], help: "go back (clears a filter)"),
        Binding(action: .star, keys: [.char("s")], help: "star or unstar"),
        Binding(action: .tag, keys: [.char("t")], help: "add tags (comma separated)"),
        Binding(action: .untag, keys: [.char("T")], help: "remove a tag"),
        Binding(action: .toggleRead, keys: [.char("r")], help: "mark read or unread"),
        Binding(action: .editNote, keys: [.char("a")], help: "write the paper's note in $VISUAL or $EDITOR (an empty note removes it)"),
        Binding(action: .mark, keys: [.char("m")], help: "mark or unmark the paper for a bulk action, and move on"),
        Binding(action: .markAll, keys: [.char("M")], help: "mark every paper of the view"),
        Binding(action: .clearMarks, keys: [.char("c")], help: "clear the marks"),
        Binding(action: .forView, keys: [.char(";")], help: "the next star, read, tag or untag acts on every paper of the view"),
        Binding(action: .catchUp, keys: [.char("A")], help: "catch up: mark every paper of the view read"),
        Binding(action: .undo, keys: [.char("u")], help: "undo the last change (the reader's or the command line's)"),
        Binding(action: .redo, keys: [.ctrl("r")], help: "redo what was undone"),
        Binding(action: .openInBrowser, keys: [.char("o")], help: "open the downloaded PDF, else the paper's page"),
        Binding(action: .openPDF, keys: [.char("P")], help: "open the paper's PDF address in the browser"),
        Binding(action: .downloadPDF, keys: [.char("d")], help: "download the PDF into the PDF folder (in the background)"),
        Binding(action: .copyURL, keys: [.char("y")], help: "copy the paper's URL (arXiv's abstract page, else its link)"),
        Binding(action: .copyAs, keys: [.char("Y")], help: "copy as: then u URL, t title, b BibTeX, m Markdown link"),
        Binding(action: .filter, keys: [.char("/")], help: "filter the list (query language)"),
        Binding(action: .moreLikeThis, keys: [.char("L")], help: "papers like this one, or like a sidebar tag's (Esc back)"),
        Binding(action: .sort, keys: [.char("O")], help: "sort by: best, date, title, upvotes, relevance"),
        Binding(action: .jumpToDate, keys: [.char("@")], help: "jump to a day, YYYY-MM-DD: its newest paper (in date order)"),
        Binding(action: .saveTopic, keys: [.char("S")], help: "save the filter as a topic"),
        Binding(action: .editTopic, keys: [.char("e")], help: "edit the topic, or rename the tag, chosen in the sidebar"),
        Binding(action: .deleteTopic, keys: [.char("D")], help: "delete the topic, or remove the tag from every paper, chosen in the sidebar"),
        Binding(action: .mute, keys: [.char("x")], help: "save the filter as a mute rule: its papers leave every view and count"),
        Binding(action: .showMuted, keys: [.char("H")], help: "show the papers mute rules hide, in place and marked ×; again hides them"),
        Binding(action: .toggleSidebar, keys: [.char("\\")], help: "show or hide the sidebar"),
        Binding(action: .cycleTheme, keys: [.char("C")], help: "switch to the next theme"),
        Binding(action: .fetch, keys: [.char("R")], help: "fetch new papers from the sources (in the background)"),
        Binding(action: .redraw, keys: [.ctrl("l")], help: "redraw the screen"),
        Binding(action: .help, keys: [.char("?")], help: "this help"),
        Binding(action: .quit, keys: [.char("q")], help: "quit (go back when reading)"),
    ])

    public func action(for key: Key) -> Action? {
        bindings.first { $0.keys.contains(key) }?.action
    }

    public func keys(for action: Action) -> [Key] {
        bindings.first { $0.action == action }?.keys ?? []
    }
}

extension Key {
    /// How help and hints write the key.
    public var label: String {
        switch self {
        case .char(" "): return "Space"
        case .char(let c): return String(c)
        case .ctrl(let c): return "Ctrl-" + c.uppercased()
        case .enter: return "Enter"
        case .escape: return "Esc"
        case .tab: return "Tab"
        case .backTab: return "Shift-Tab"
        case .backspace: return "Backspace"
        case .delete: return "Delete"
        case .up: return "Up"
        case .down: return "Down"
        case .left: return "Left"
        case .right: return "Right"
        case .pageUp: return "PgUp"
        case .pageDown: return "PgDn"
        case .home: return "Home"
        case .end: return "End"
        case .function(let n): return "F\(n)"
        }
    }

    static let named: [String: Key] = [
        "Space": .char(" "), "Enter": .enter, "Esc": .escape, "Tab": .tab, "Shift-Tab": .backTab,
        "Backspace": .backspace, "Delete": .delete, "Up": .up, "Down": .down, "Left": .left, "Right": .right,
        "PgUp": .pageUp, "PgDn": .pageDown, "Home": .home, "End": .end,
    ]

    /// The key `label` writes as `name`, for config files: the inverse of `label`.
    public init?(label name: String) {
        if let key = Key.named[name] {
            self = key
        } else if name.count == 1, let c = name.first, !c.isWhitespace, !c.isASCII || c.asciiValue! >= 0x20 {
            self = .char(c)
        } else if name.hasPrefix("Ctrl-"), name.count == 6, let c = name.last, c.isLetter, c.isASCII {
            self = .ctrl(Character(c.lowercased()))
        } else if name.hasPrefix("F"), let n = Int(name.dropFirst()), (1...12).contains(n) {
            self = .function(n)
        } else {
            return nil
        }
    }
}
