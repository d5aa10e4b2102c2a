import FolioCore
import TerminalUI

extension AppState {
    /// The whole screen for this state: a pure function, so tests compare canvases. With a `cache`,
    /// parts drawn for an earlier frame that show the same things are copied instead of drawn again.
    public func render(theme: Theme, cache: RenderCache? = nil) -> Canvas {
        var canvas = Canvas(width: max(width, 1), height: max(height, 1))
        let layout = self.layout
        HeaderView.render(self, layout: layout, theme: theme, on: &canvas)
        switch layout.kind {
        case .help:
            HelpView.render(self, area: layout.pane!, boxed: layout.boxed, theme: theme, on: &canvas)
        case .reading:
            frame(layout.pane!, title: showsSource ? "Paper (TeX source)" : "Paper", focused: true, layout: layout, theme: theme, on: &canvas)
            PaneView.render(self, area: layout.inner(layout.pane!), theme: theme, on: &canvas)
        case .wide, .stacked, .listOnly:
            if let sidebar = layout.sidebar {
                frame(sidebar, title: "Library", focused: focus == .sidebar, layout: layout, theme: theme, on: &canvas)
                SidebarView.render(self, area: layout.inner(sidebar), theme: theme, cache: cache, on: &canvas)
            }
            frame(layout.list, title: "Papers", focused: focus == .list, layout: layout, theme: theme, on: &canvas)
            if let prompt, prompt.showsSyntax {
                QuerySyntaxView.render(area: layout.inner(layout.list), theme: theme, on: &canvas)
            } else if snapshot.total == 0 {
                WelcomeView.render(area: layout.inner(layout.list), theme: theme, on: &canvas)
            } else {
                PaperListView.render(self, area: layout.inner(layout.list), theme: theme, cache: cache, on: &canvas)
            }
            if let pane = layout.pane {
                frame(pane, title: showsSource ? "Abstract (TeX source)" : "Abstract", focused: focus == .pane, layout: layout, theme: theme,
                      on: &canvas)
                PaneView.render(self, area: layout.inner(pane), theme: theme, on: &canvas)
            }
        }
        StatusView.render(self, area: layout.status, theme: theme, on: &canvas)
        return canvas
    }

    /// Where the terminal cursor goes: at the prompt's editing point, else hidden.
    public func cursor() -> (x: Int, y: Int)? {
        guard let prompt else { return nil }
        let x = DisplayWidth.of(SafeText.visible(prompt.label + prompt.editor.beforeCursor))
        return (min(x, width - 1), height - 1)
    }

    private func frame(_ area: Rect, title: String, focused: Bool, layout: Layout, theme: Theme, on canvas: inout Canvas) {
        guard layout.boxed else { return }
        Box(title: title, borderStyle: theme[focused ? .borderFocused : .border], titleStyle: theme[focused ? .borderFocused : .header])
            .render(in: area, on: &canvas)
    }
}

enum HeaderView {
    static func render(_ state: AppState, layout: Layout, theme: Theme, on canvas: inout Canvas) {
        guard layout.header.height > 0 else { return }
        canvas.fill(layout.header, style: theme[.header])
        var right = "\(state.list.countText) of \(state.snapshot.total)"
        if !state.filterText.isEmpty { right = "/\(state.filterText)  " + right }
        right += " ─ \(state.view.label)"
        let line = StatusBar.line(left: " Folio ─ \(state.libraryName)", right: right + " ", width: layout.header.width)
        canvas.put(line, x: 0, y: layout.header.y, style: theme[.header])
    }
}

enum WelcomeView {
    static let lines = [
        "Your library is empty.",
        "",
        "Import papers from a file:",
        "  folio import FILE…",
        "(a saved Daily Papers page, Hugging Face JSON,",
        " arXiv Atom or RSS, the arXiv snapshot, BibTeX)",
        "",
        "Or try Folio on sample papers:",
        "  folio --demo",
        "",
        "q quits.",
    ]

    static func render(area: Rect, theme: Theme, on canvas: inout Canvas) {
        let top = area.y + max((area.height - lines.count) / 2, 0)
        for (i, line) in lines.enumerated() where top + i < area.maxY {
            let x = area.x + max((area.width - DisplayWidth.of(line)) / 2, 0)
            canvas.put(line, x: x, y: top + i, style: theme[i == 0 ? .paneTitle : .listNormal], maxWidth: area.maxX - x)
        }
    }
}

enum StatusView {
    static func render(_ state: AppState, area: Rect, theme: Theme, on canvas: inout Canvas) {
        if let prompt = state.prompt {
            canvas.fill(area, style: theme[.filterLine])
            let choices = state.completions(for: prompt)
            let hint: String
            switch prompt.kind {
            case .filter:
                // The count follows every keystroke; an incomplete query says why, quietly.
                let warning = state.filterWarning.map { "\($0)  " } ?? ""
                hint = (state.filterError.map { "(\($0))  " } ?? warning) + "\(state.list.countText) of \(state.snapshot.total)"
                    + (state.list.complete ? "" : " (Enter checks every match)")
            case .editTopic:
                hint = state.liveCount(prompt.text)
            case .copyAs:
                hint = "any other key cancels"
            case .jumpToDate:
                hint = prompt.error ?? "YYYY-MM-DD  Enter jump  Esc cancel"
            default:
                hint = choices.isEmpty ? "Enter ok  Esc cancel" : "Tab: " + choices.prefix(8).joined(separator: " ")
            }
            let line = StatusBar.line(left: prompt.label + prompt.text, right: hint, width: area.width)
            canvas.put(line, x: area.x, y: area.y, style: theme[.filterLine])
            return
        }
        let position = state.selectedPosition.map { "\($0 + 1)/\(state.list.count)" } ?? "0/\(state.list.count)"
        let keys = state.keymap
        let hint: String
        switch state.mode {
        case .reading:
            hint = keys.hints([.nextPaper: "next", .previousPaper: "previous", .moveDown: "scroll", .star: "star", .tag: "tag",
                                .openInBrowser: "open", .quit: "back"])
        case .help:
            hint = keys.hints([.moveDown: "scroll"]) + "  any other key closes"
        case .browse:
            hint = keys.hints([.star: "star", .tag: "tag", .toggleRead: "read", .filter: "filter", .saveTopic: "save topic",
                               .open: "read", .help: "help", .quit: "quit"])
        }
        let marks = (state.marked.isEmpty ? "" : "  \(state.marked.count) marked")
            + (state.list.hidden == 0 ? "" : state.showMuted ? "  \(state.list.hidden) muted shown" : "  \(state.list.hidden) hidden")
        let order = state.order == state.orderChoices[0] ? "" : " · \(state.order.label)"
        let left = " \(position)  \(state.view.label)\(order)\(marks)  \(hint)"
        let message = state.status?.text ?? state.backgroundProgressText ?? ""
        let style = theme[state.status?.isError == true ? .statusError : .status]
        canvas.fill(area, style: theme[.status])
        // A message matters more than the hint: the hint is cut first.
        let line = StatusBar.line(left: left, right: message.isEmpty ? "" : message + " ", width: area.width)
        canvas.put(line, x: area.x, y: area.y, style: theme[.status])
        if !message.isEmpty {
            let width = min(DisplayWidth.of(SafeText.visible(message + " ")), area.width)
            canvas.put(TextLayout.truncate(message + " ", width: width), x: area.maxX - width, y: area.y, style: style, maxWidth: width)
        }
    }
}

/// One binding as `?` and `folio keys` write it: keys, action name, what it does.
public enum KeyHelp {
    public static func line(_ binding: Binding) -> String {
        line(keys: binding.keys, name: binding.action.rawValue, help: binding.help)
    }

    public static func line(_ binding: PromptBinding) -> String {
        line(keys: binding.keys, name: binding.action.rawValue, help: binding.help)
    }

    static func line(keys: [Key], name: String, help: String) -> String {
        TextLayout.pad(keys.map(\.label).joined(separator: ", "), width: 18) + "  " + TextLayout.pad(name, width: 22) + help
    }
}

extension KeyHelp {
    /// The man page's KEYS section for `keymap`, in roff.
    public static func manSection(_ keymap: Keymap) -> String {
        func roff(_ text: String) -> String {
            text.reduce(into: "") { out, c in out += c == "\\" ? "\\e" : c == "-" ? "\\-" : String(c) }
        }
        func entry(_ keys: [Key], _ name: String, _ help: String) -> [String] {
            [".TP", ".B " + roff(keys.map(\.label).joined(separator: ", ")), roff(name) + ": " + roff(help)]
        }
        var lines = [".SH KEYS", "In the reader (a [keys] table in the config file rebinds an action;",
                     ".B folio keys", "shows the map in effect, and", ".B ?", "in the reader lists it):"]
        for binding in keymap.bindings { lines += entry(binding.keys, binding.action.rawValue, binding.help) }
        lines += [".SS In a prompt (filter, tags, topic)"]
        for binding in keymap.promptBindings { lines += entry(binding.keys, binding.action.rawValue, binding.help) }
        return lines.joined(separator: "\n")
    }
}

public enum HelpView {
    public static func lines(_ keymap: Keymap) -> [String] {
        ["Keys", ""] + keymap.bindings.map(KeyHelp.line)
            + ["", "In a prompt (filter, tags, topic)", ""] + keymap.promptBindings.map(KeyHelp.line)
            + ["", "Mouse: click selects a row or focuses a pane; the wheel scrolls what is under the pointer."]
    }

    static func render(_ state: AppState, area: Rect, boxed: Bool, theme: Theme, on canvas: inout Canvas) {
        if boxed { Box(title: "Help", borderStyle: theme[.borderFocused], titleStyle: theme[.borderFocused]).render(in: area, on: &canvas) }
        let inner = boxed ? Box.inner(area) : area
        let all = lines(state.keymap)
        let start = min(state.helpScroll, max(all.count - inner.height, 0))
        for (row, line) in all.dropFirst(start).prefix(inner.height).enumerated() {
            canvas.put(line, x: inner.x, y: inner.y + row, style: theme[row == 0 && start == 0 ? .paneTitle : .help], maxWidth: inner.width)
        }
        ScrollSigns.draw(start: start, total: all.count, area: inner, style: theme[.metadata], on: &canvas)
    }
}
