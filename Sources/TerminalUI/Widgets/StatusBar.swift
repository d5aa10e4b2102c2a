/// One row: `left` text at the start, `right` text against the end. When both do not fit,
/// the left is cut first; the right is cut only when it alone is wider than the row.
public struct StatusBar: Widget, Sendable {
    public var left: String
    public var right: String
    public var style: Style

    public init(left: String, right: String = "", style: Style = .plain) {
        self.left = left
        self.right = right
        self.style = style
    }

    /// The row's text, exactly `width` columns: left, at least one space, right.
    public static func line(left: String, right: String, width: Int) -> String {
        guard width > 0 else { return "" }
        let fittedRight = TextLayout.truncate(right, width: width)
        let rightWidth = DisplayWidth.of(fittedRight)
        let leftWidth = width - rightWidth - (rightWidth > 0 ? 1 : 0)
        let fittedLeft = TextLayout.truncate(left, width: leftWidth)
        return TextLayout.pad(fittedLeft, width: width - rightWidth) + fittedRight
    }

    /// Draws in the first row of `area`.
    public func render(in area: Rect, on canvas: inout Canvas) {
        guard !area.isEmpty else { return }
        canvas.put(Self.line(left: left, right: right, width: area.width),
                   x: area.x, y: area.y, style: style, maxWidth: area.width)
    }
}
