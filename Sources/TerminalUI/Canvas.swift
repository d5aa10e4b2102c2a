/// A width × height grid of cells that a view draws into; a backend shows it.
///
/// Invariant: a cell of width 2 is always followed by a continuation cell, and a continuation
/// cell always follows one. Writing over either half of a wide grapheme turns the other half
/// into a space, as a terminal does.
public struct Canvas: Sendable, Equatable {
    public let width: Int
    public let height: Int
    private var cells: [Cell]

    /// A canvas of spaces in `style`. Negative sizes count as 0.
    public init(width: Int, height: Int, style: Style = .plain) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: .blank(style), count: self.width * self.height)
    }

    /// The whole canvas as a rectangle at 0, 0.
    public var bounds: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    /// The cell at column `x`, row `y`; both must be inside the canvas.
    public subscript(x: Int, y: Int) -> Cell {
        precondition(bounds.contains(x: x, y: y), "cell \(x),\(y) outside a \(width)x\(height) canvas")
        return cells[y * width + x]
    }

    public func style(atX x: Int, y: Int) -> Style { self[x, y].style }

    /// Writes `text` from column `x` of row `y`, cell by cell as `TerminalCells` cuts its graphemes,
    /// after making it safe with `SafeText.visible`. Stops at the canvas edge and after `maxWidth`
    /// columns; a wide cell that would straddle either limit becomes a space. Graphemes of
    /// width 0 (a lone combining mark) take no column and are skipped. Columns left of the
    /// canvas are clipped. Returns the number of columns written inside the canvas.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, style: Style = .plain, maxWidth: Int? = nil) -> Int {
        guard y >= 0, y < height else { return 0 }
        let limit = min(width, maxWidth.map { x + max(0, $0) } ?? width)
        var column = x
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) {
            // Printable ASCII: one grapheme and one column a byte, nothing to make safe.
            for byte in text.utf8 {
                guard column < limit else { break }
                if column >= 0 { place(Cell(ascii: byte, style: style), x: column, y: y) }
                column += 1
            }
            return max(0, column - max(0, x))
        }
        for character in SafeText.visible(text) {
            guard column < limit else { break }
            TerminalCells.forEach(in: character) { grapheme, cellWidth in
                guard column < limit else { return }
                let end = column + cellWidth
                if column >= 0 && end <= limit {
                    place(Cell(checked: grapheme, width: cellWidth, style: style), x: column, y: y)
                } else if max(0, column) < min(limit, end) {
                    // A wide cell cut by the left edge or the right limit: its visible half becomes a space.
                    place(.blank(style), x: max(0, column), y: y)
                }
                column = min(end, limit)
            }
        }
        return max(0, column - max(0, x))
    }

    /// Fills `rect` (clipped to the canvas) with spaces in `style`.
    public mutating func fill(_ rect: Rect, style: Style) {
        let area = rect.intersection(bounds)
        for y in area.y..<area.maxY {
            for x in area.x..<area.maxX { place(.blank(style), x: x, y: y) }
        }
    }

    /// Fills `rect` (clipped to the canvas) with `character` in `style`: one cell measured once, for
    /// borders and rules. A character that is not one column wide is drawn by `put`, cell by cell.
    public mutating func fill(_ rect: Rect, with character: Character, style: Style) {
        let cell = Cell(character, style: style)
        let area = rect.intersection(bounds)
        for y in area.y..<area.maxY {
            guard cell.width == 1 else {
                put(String(repeating: String(character), count: rect.width), x: rect.x, y: y, style: style, maxWidth: rect.width)
                continue
            }
            for x in area.x..<area.maxX { place(cell, x: x, y: y) }
        }
    }

    /// Copies `source` with its top-left corner at `x`, `y`, clipped to this canvas: a part of the
    /// screen drawn once and kept. Wide graphemes cut by the clip or the edges of the copy become spaces.
    public mutating func draw(_ source: Canvas, x: Int, y: Int) {
        let area = Rect(x: x, y: y, width: source.width, height: source.height).intersection(bounds)
        guard !area.isEmpty else { return }
        for row in area.y..<area.maxY {
            let from = (row - y) * source.width + (area.x - x)
            breakWideGrapheme(coveringX: area.x, y: row)
            breakWideGrapheme(coveringX: area.maxX - 1, y: row)
            let to = row * width + area.x
            for i in 0..<area.width { cells[to + i] = source.cells[from + i] }
            // The copy's own edges: a continuation without its grapheme, or a grapheme without its continuation.
            if cells[to].isContinuation { cells[to] = .blank(cells[to].style) }
            if cells[to + area.width - 1].width == 2 { cells[to + area.width - 1] = .blank(cells[to + area.width - 1].style) }
        }
    }

    /// The text of each row, continuation cells left out, trailing spaces kept: each row is
    /// exactly `width` columns wide.
    public func lines() -> [String] {
        (0..<height).map { y in
            var line = ""
            for cell in cells[y * width ..< (y + 1) * width] where !cell.isContinuation {
                line += cell.grapheme
            }
            return line
        }
    }

    /// The cells that differ from `previous`, row by row; every cell when there is no previous
    /// frame or its size differs. Continuation cells are included so a cell grid copying the
    /// changes stays exact; a terminal backend skips them, since drawing the wide grapheme to
    /// their left covers them.
    public func diff(from previous: Canvas?) -> [CellChange] {
        func change(at index: Int) -> CellChange {
            CellChange(x: index % width, y: index / width, cell: cells[index])
        }
        guard let previous, previous.width == width, previous.height == height else {
            return cells.indices.map(change(at:))
        }
        var changes: [CellChange] = []
        for index in cells.indices where cells[index] != previous.cells[index] { changes.append(change(at: index)) }
        return changes
    }

    /// Copies cells as they are, for a backend replaying a diff; changes outside are ignored.
    mutating func apply(_ changes: [CellChange]) {
        for change in changes where bounds.contains(x: change.x, y: change.y) {
            cells[change.y * width + change.x] = change.cell
        }
    }

    /// Sets one cell inside the canvas, keeping wide graphemes whole (see the invariant).
    /// A wide `cell` needs its column and the next inside the canvas.
    private mutating func place(_ cell: Cell, x: Int, y: Int) {
        breakWideGrapheme(coveringX: x, y: y)
        if cell.width == 2 { breakWideGrapheme(coveringX: x + 1, y: y) }
        cells[y * width + x] = cell
        if cell.width == 2 { cells[y * width + x + 1] = .continuation(cell.style) }
    }

    /// Before column `x` is overwritten: the other half of a wide grapheme there becomes a space.
    private mutating func breakWideGrapheme(coveringX x: Int, y: Int) {
        let index = y * width + x
        let cell = cells[index]
        if cell.isContinuation, x > 0 {
            cells[index - 1] = .blank(cells[index - 1].style)
        } else if cell.width == 2, x + 1 < width {
            cells[index + 1] = .blank(cell.style)
        }
    }
}
