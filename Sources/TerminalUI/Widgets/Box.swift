/// A single-line border around an area, with an optional title in the top edge:
/// `┌ Title ───┐`. Draws only the border; the inside is left as it is.
public struct Box: Widget, Sendable {
    public var title: String?
    public var borderStyle: Style
    public var titleStyle: Style

    public init(title: String? = nil, borderStyle: Style = .plain, titleStyle: Style? = nil) {
        self.title = title
        self.borderStyle = borderStyle
        self.titleStyle = titleStyle ?? borderStyle
    }

    /// The area inside the border of a box drawn in `area`.
    public static func inner(_ area: Rect) -> Rect { area.inset(by: 1) }

    /// Draws nothing in an area smaller than 2×2. The title, with a space either side, is cut
    /// with `…` to fit between the corners and left out when not one column of it fits.
    public func render(in area: Rect, on canvas: inout Canvas) {
        guard area.width >= 2, area.height >= 2 else { return }
        // Edges as fills of one cell each: a box is drawn every frame.
        let inside = Rect(x: area.x + 1, y: area.y + 1, width: area.width - 2, height: area.height - 2)
        canvas.fill(Rect(x: inside.x, y: area.y, width: inside.width, height: 1), with: "─", style: borderStyle)
        canvas.fill(Rect(x: inside.x, y: area.maxY - 1, width: inside.width, height: 1), with: "─", style: borderStyle)
        canvas.fill(Rect(x: area.x, y: inside.y, width: 1, height: inside.height), with: "│", style: borderStyle)
        canvas.fill(Rect(x: area.maxX - 1, y: inside.y, width: 1, height: inside.height), with: "│", style: borderStyle)
        canvas.put("┌", x: area.x, y: area.y, style: borderStyle)
        canvas.put("┐", x: area.maxX - 1, y: area.y, style: borderStyle)
        canvas.put("└", x: area.x, y: area.maxY - 1, style: borderStyle)
        canvas.put("┘", x: area.maxX - 1, y: area.maxY - 1, style: borderStyle)
        if let title {
            let fitted = TextLayout.truncate(title, width: area.width - 4)
            if !fitted.isEmpty {
                canvas.put(" \(fitted) ", x: area.x + 1, y: area.y, style: titleStyle, maxWidth: area.width - 2)
            }
        }
    }
}
