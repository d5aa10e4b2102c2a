import TerminalUI

/// What a view asks the theme for: never a raw color.
public enum Role: String, CaseIterable, Sendable {
    case listNormal = "list-normal", listSelected = "list-selected", listSelectedUnfocused = "list-selected-unfocused"
    case listRead = "list-read", star, tagChip = "tag-chip", topicChip = "topic-chip", match, upvotes
    case paneTitle = "pane-title", authors, metadata, abstract
    case border, borderFocused = "border-focused"
    case sidebarHeading = "sidebar-heading", sidebarEntry = "sidebar-entry", sidebarSelected = "sidebar-selected"
    case header, status, statusError = "status-error", filterLine = "filter-line", help
}

/// Styles by role. Passed into views, never global, so a theme can change while running.
public struct Theme: Sendable, Equatable {
    public var name: String
    public var styles: [Role: Style]

    public init(name: String, styles: [Role: Style]) {
        self.name = name
        self.styles = styles
    }

    public subscript(role: Role) -> Style { styles[role] ?? .plain }

    /// Built in until theme files land. The selected row and stars stay distinct without color
    /// through reverse video and bold.
    public static let standard = Theme(name: "default", styles: [
        .listNormal: .plain,
        .listSelected: Style(foreground: .default, background: .default, attributes: [.reverse, .bold]),
        .listSelectedUnfocused: Style(attributes: [.reverse]),
        .listRead: Style(attributes: [.dim]),
        .star: Style(foreground: .ansi(3), attributes: [.bold]),
        .tagChip: Style(foreground: .ansi(6)),
        .topicChip: Style(foreground: .ansi(5)),
        .match: Style(foreground: .ansi(3), attributes: [.bold, .underline]),
        .upvotes: Style(foreground: .ansi(2)),
        .paneTitle: Style(attributes: [.bold]),
        .authors: Style(foreground: .ansi(4)),
        .metadata: Style(foreground: .ansi(8)),
        .abstract: .plain,
        .border: Style(foreground: .ansi(8)),
        .borderFocused: Style(foreground: .ansi(4), attributes: [.bold]),
        .sidebarHeading: Style(attributes: [.bold, .underline]),
        .sidebarEntry: .plain,
        .sidebarSelected: Style(attributes: [.reverse]),
        .header: Style(attributes: [.bold]),
        .status: Style(attributes: [.reverse]),
        .statusError: Style(foreground: .ansi(1), attributes: [.bold, .reverse]),
        .filterLine: Style(attributes: [.bold]),
        .help: .plain,
    ])
}
