/// How the list and panes are arranged, from the `[layout]` table.
public struct ReaderPreferences: Sendable, Equatable {
    public enum Split: String, Sendable, CaseIterable {
        /// Side by side on wide terminals, stacked on narrower ones.
        case auto
        case sideBySide = "side-by-side", stacked
    }

    public enum DateFormat: String, Sendable, CaseIterable {
        /// `03-18`
        case monthDay = "month-day"
        /// `2024-03-18`
        case iso
    }

    public enum Column: String, Sendable, CaseIterable {
        case date, tags, upvotes
    }

    public var sidebarShown = true
    public var split = Split.auto
    public var dateFormat = DateFormat.monthDay
    public var columns = Column.allCases

    public init() {}
}
