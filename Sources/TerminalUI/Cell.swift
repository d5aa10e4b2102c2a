/// One terminal column: a grapheme as it should be displayed, and its style.
///
/// A wide grapheme (width 2) occupies its own cell and a *continuation* cell to its right,
/// which holds no text and has width 0. Cells are safe by construction: their text has
/// been through `SafeText`, so nothing a terminal would act on can reach a backend.
public struct Cell: Sendable, Hashable {
    /// The grapheme to draw; empty in a continuation cell.
    public let grapheme: String
    public let style: Style
    /// Stored in a byte so a cell is 32 bytes: frames copy and compare thousands of them.
    private let columns: UInt8
    /// 1 or 2 for a cell that starts a grapheme, 0 for a continuation cell.
    public var width: Int { Int(columns) }

    public var isContinuation: Bool { width == 0 }

    /// A cell showing `character`. A character that is unsafe (see `SafeText.visible`) or has
    /// no width of its own (a lone combining mark) is shown as U+FFFD instead, so every cell
    /// is visible and exactly as wide as it says.
    public init(_ character: Character, style: Style = .plain) {
        let safe = SafeText.visible(String(character))
        let width = DisplayWidth.of(safe)
        if safe.count == 1, width > 0 {
            self.init(checked: safe, width: width, style: style)
        } else {
            self.init(checked: String(SafeText.replacement), width: 1, style: style)
        }
    }

    /// For text that has been made safe and measured already.
    init(checked grapheme: String, width: Int, style: Style) {
        self.grapheme = grapheme
        self.style = style
        self.columns = UInt8(width)
    }

    /// The printable ASCII graphemes, made once: most text is ASCII, and `put` draws it a byte a cell.
    static let asciiGraphemes: [String] = (0..<128).map { String(UnicodeScalar(UInt8($0))) }

    /// A space in `style`: what an empty canvas holds.
    public static func blank(_ style: Style = .plain) -> Cell {
        Cell(checked: " ", width: 1, style: style)
    }

    /// The right half of a wide grapheme.
    static func continuation(_ style: Style) -> Cell {
        Cell(checked: "", width: 0, style: style)
    }
}

/// One cell a frame changed, and where; what a backend is asked to draw.
public struct CellChange: Sendable, Hashable {
    public let x: Int
    public let y: Int
    public let cell: Cell

    public init(x: Int, y: Int, cell: Cell) {
        self.x = x
        self.y = y
        self.cell = cell
    }
}
