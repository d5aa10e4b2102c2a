/// A rectangle of terminal cells; `x`, `y` is its top-left corner. Width and height are never negative.
public struct Rect: Sendable, Hashable {
    public var x: Int
    public var y: Int
    public var width: Int
    public var height: Int

    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = max(0, width)
        self.height = max(0, height)
    }

    /// One past the last column.
    public var maxX: Int { x + width }
    /// One past the last row.
    public var maxY: Int { y + height }
    public var isEmpty: Bool { width == 0 || height == 0 }

    public func contains(x column: Int, y row: Int) -> Bool {
        column >= x && column < maxX && row >= y && row < maxY
    }

    /// The cells both rectangles cover; empty (at the later corner) when they do not meet.
    public func intersection(_ other: Rect) -> Rect {
        let left = max(x, other.x), top = max(y, other.y)
        return Rect(x: left, y: top, width: min(maxX, other.maxX) - left, height: min(maxY, other.maxY) - top)
    }

    /// Shrunk by the given number of cells on each side; never smaller than empty.
    public func inset(top: Int = 0, left: Int = 0, bottom: Int = 0, right: Int = 0) -> Rect {
        Rect(x: x + left, y: y + top, width: width - left - right, height: height - top - bottom)
    }

    /// Shrunk by `amount` cells on all four sides.
    public func inset(by amount: Int) -> Rect {
        inset(top: amount, left: amount, bottom: amount, right: amount)
    }

    /// Side by side: `left` gets `leftWidth` columns (clamped to the width), `right` the rest.
    public func splitHorizontally(leftWidth: Int) -> (left: Rect, right: Rect) {
        let cut = min(max(0, leftWidth), width)
        return (Rect(x: x, y: y, width: cut, height: height),
                Rect(x: x + cut, y: y, width: width - cut, height: height))
    }

    /// Stacked: `top` gets `topHeight` rows (clamped to the height), `bottom` the rest.
    public func splitVertically(topHeight: Int) -> (top: Rect, bottom: Rect) {
        let cut = min(max(0, topHeight), height)
        return (Rect(x: x, y: y, width: width, height: cut),
                Rect(x: x, y: y + cut, width: width, height: height - cut))
    }
}
