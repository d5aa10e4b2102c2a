import TerminalUI

/// Where each part of the screen goes, for a size, a mode and the layout preferences: `AppState.layout`
/// keeps the one for the state's own, so update and view agree on every rectangle.
public struct Layout: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// Sidebar, list and abstract side by side.
        case wide
        /// List above the abstract.
        case stacked
        /// Too small for two panes: the list alone, Enter reads full screen.
        case listOnly
        case reading
        case help
    }

    public var kind: Kind
    public var header: Rect
    public var status: Rect
    public var sidebar: Rect?
    public var list: Rect
    public var pane: Rect?
    /// Small screens draw no borders: every row is worth more than a frame.
    public var boxed: Bool

    public static let wideMinWidth = 110
    public static let stackedMinWidth = 60
    public static let stackedMinHeight = 16

    public init(width: Int, height: Int, mode: Mode, sidebarShown: Bool, split: ReaderPreferences.Split) {
        let w = max(width, 1), h = max(height, 1)
        header = Rect(x: 0, y: 0, width: w, height: h >= 3 ? 1 : 0)
        status = Rect(x: 0, y: h - 1, width: w, height: 1)
        let body = Rect(x: 0, y: header.height, width: w, height: max(h - header.height - 1, 0))
        boxed = w >= Layout.stackedMinWidth && h >= 10
        sidebar = nil
        pane = nil
        var rest = body
        let small = w < Layout.stackedMinWidth || h < Layout.stackedMinHeight
        if sidebarShown && !small {
            let split = rest.splitHorizontally(leftWidth: w >= Layout.wideMinWidth ? 20 : 18)
            sidebar = split.left
            rest = split.right
        }
        if small {
            kind = .listOnly
            list = rest
        } else if split == .sideBySide || (split == .auto && w >= Layout.wideMinWidth) {
            kind = .wide
            let split = rest.splitHorizontally(leftWidth: rest.width * 3 / 5)
            list = split.left
            pane = split.right
        } else {
            kind = .stacked
            let split = rest.splitVertically(topHeight: rest.height * 9 / 20)
            list = split.top
            pane = split.bottom
        }
        // Reading and help cover the body; the list keeps its browsing size, so its offset means the same after.
        switch mode {
        case .help: kind = .help
        case .reading: kind = .reading
        case .browse: return
        }
        sidebar = nil
        pane = body
    }

    public func inner(_ area: Rect) -> Rect { boxed ? Box.inner(area) : area }

    /// How many papers the list shows at once.
    public var listRows: Int { inner(list).height }
}
