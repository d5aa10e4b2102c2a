import TerminalUI

/// What a view asks the theme for: never a raw color. The raw value is the role's name in theme files.
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

    /// `Themes/default.toml` as embedded; a test keeps it loadable, so the fallback is never reached.
    public static let standard: Theme = (try? ThemeCatalog(userFolder: nil).load("default")) ?? Theme(name: "default", styles: [:])

    /// What keeps the selection, matches, stars and messages apart when colors cannot
    /// (no color, or 8 colors where a background may fold onto the terminal's own).
    static let essentialAttributes: [Role: Style.Attributes] = [
        .listSelected: [.reverse, .bold], .listSelectedUnfocused: [.reverse], .sidebarSelected: [.reverse],
        .match: [.bold, .underline], .star: [.bold], .status: [.reverse], .statusError: [.reverse, .bold],
        .borderFocused: [.bold], .filterLine: [.bold],
        // Read rows differ from unread ones by a grey in most themes, gone without colors.
        .listRead: [.dim],
    ]

    /// This theme on a terminal of `depth`. Below 16 colors the roles that must stay distinct
    /// get their attributes, since their colors may be gone or folded together.
    public func degraded(to depth: ColorDepth) -> Theme {
        var result = Theme(name: name, styles: [:])
        let plainBackground = self[.listNormal].degraded(to: depth).background
        for role in Role.allCases {
            var style = self[role].degraded(to: depth)
            if depth <= .eight, var needed = Self.essentialAttributes[role] {
                // A background that still differs from the list's shows the role; reversing would hide that.
                if style.background != plainBackground { needed.remove(.reverse) }
                style.attributes.formUnion(needed)
            }
            result.styles[role] = style
        }
        return result
    }
}
