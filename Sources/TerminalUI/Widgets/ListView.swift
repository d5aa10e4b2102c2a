/// Which part of a long list a pane of `height` rows shows.
public enum ScrollWindow {
    /// The index of the first visible row that keeps `selected` visible, scrolling as little as
    /// possible from `currentOffset`: the selection moving past the bottom scrolls it to the
    /// last row, past the top to the first. The result is also clamped so the window never
    /// extends past the end of a list that is longer than the pane (no blank rows after a shrink).
    /// 0 for an empty list or pane; `selected` is clamped into the list.
    public static func offset(selected: Int, count: Int, height: Int, currentOffset: Int) -> Int {
        guard count > 0, height > 0 else { return 0 }
        let selection = min(max(0, selected), count - 1)
        var offset = min(max(0, currentOffset), max(0, count - height))
        if selection < offset {
            offset = selection
        } else if selection >= offset + height {
            offset = selection - height + 1
        }
        return offset
    }
}

/// Rows of plain text, one per item, from `offset`; the selected row in `selectedStyle`
/// across the full width. Rows without an item are filled with `style`.
public struct ListView: Widget, Sendable {
    public var items: [String]
    public var selected: Int?
    /// The first visible item: keep it from `ScrollWindow.offset` between frames.
    public var offset: Int
    public var style: Style
    /// Reverse video by default, so the selection shows without colors.
    public var selectedStyle: Style

    public init(items: [String], selected: Int? = nil, offset: Int = 0,
                style: Style = .plain, selectedStyle: Style = Style(attributes: .reverse)) {
        self.items = items
        self.selected = selected
        self.offset = offset
        self.style = style
        self.selectedStyle = selectedStyle
    }

    public func render(in area: Rect, on canvas: inout Canvas) {
        canvas.fill(area, style: style)
        for row in 0..<area.height {
            let index = offset + row
            guard items.indices.contains(index) else { break }
            let rowStyle = index == selected ? selectedStyle : style
            canvas.put(TextLayout.pad(items[index], width: area.width),
                       x: area.x, y: area.y + row, style: rowStyle, maxWidth: area.width)
        }
    }
}
