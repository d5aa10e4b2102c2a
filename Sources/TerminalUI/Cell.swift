import CWidth

/// One terminal column: a grapheme as it should be displayed, and its style. A grapheme the
/// terminal draws as several cells (`👍🏽`, `🇫🇷`) is kept as its parts, one a cell (see `TerminalCells`).
///
/// A wide grapheme (width 2) occupies its own cell and a *continuation* cell to its right,
/// which holds no text and has width 0. Cells are safe by construction: their text has
/// been through `SafeText`, so nothing a terminal would act on can reach a backend.
///
/// A cell holds no reference: its grapheme's UTF-8 bytes are kept inside it (the rare grapheme
/// longer than 15 bytes, an emoji sequence, by its number in a shared table), so the thousands
/// of cells of a frame are created, copied, compared and freed as plain bytes.
public struct Cell: Sendable, Hashable {
    /// UTF-8 bytes 0–7 of the grapheme, or the table number of a long one.
    private let low: UInt64
    /// UTF-8 bytes 8–14, and in the top byte their count (`Cell.interned` for a long one).
    private let high: UInt64
    public let style: Style
    private let columns: UInt8

    /// The grapheme to draw; empty in a continuation cell.
    public var grapheme: String {
        let count = Int(high >> 56)
        if count == Cell.interned { return GraphemeTable.string(Int(low)) }
        if count <= 1 { return count == 0 ? "" : Cell.asciiGraphemes[Int(low & 0x7F)] }
        return withUnsafeBytes(of: (low.littleEndian, high.littleEndian)) { String(decoding: $0.prefix(count), as: UTF8.self) }
    }

    /// 1 or 2 for a cell that starts a grapheme, 0 for a continuation cell.
    public var width: Int { Int(columns) }

    public var isContinuation: Bool { columns == 0 }

    /// A cell showing `character`. A character that is unsafe (see `SafeText.visible`), has
    /// no width of its own (a lone combining mark) or takes several cells (see `TerminalCells`)
    /// is shown as U+FFFD instead, so every cell is visible and exactly as wide as it says.
    public init(_ character: Character, style: Style = .plain) {
        let safe = SafeText.visible(String(character))
        let cells = safe.count == 1 ? TerminalCells.of(safe.first!) : []
        if cells.count == 1 {
            self.init(checked: cells[0].text, width: cells[0].width, style: style)
        } else {
            self.init(checked: String(SafeText.replacement), width: 1, style: style)
        }
    }

    /// For text that has been made safe and measured already.
    init(checked grapheme: String, width: Int, style: Style) {
        let utf8 = grapheme.utf8
        let count = utf8.count
        var low: UInt64 = 0, high: UInt64 = 0
        if count <= 15 {
            var i = 0
            for byte in utf8 {
                if i < 8 { low |= UInt64(byte) << (8 * i) } else { high |= UInt64(byte) << (8 * (i - 8)) }
                i += 1
            }
            high |= UInt64(count) << 56
        } else {
            low = UInt64(GraphemeTable.number(grapheme))
            high = UInt64(Cell.interned) << 56
        }
        self.init(low: low, high: high, width: width, style: style)
    }

    /// A printable ASCII byte, a column wide.
    init(ascii byte: UInt8, style: Style) {
        self.init(low: UInt64(byte), high: 1 << 56, width: 1, style: style)
    }

    private init(low: UInt64, high: UInt64, width: Int, style: Style) {
        self.low = low
        self.high = high
        self.style = style
        self.columns = UInt8(width)
    }

    /// The count marking a grapheme kept in `GraphemeTable`.
    private static let interned = 0xFF

    /// The ASCII graphemes as strings, made once, for `grapheme`.
    static let asciiGraphemes: [String] = (0..<128).map { String(UnicodeScalar(UInt8($0))) }

    /// A space in `style`: what an empty canvas holds.
    public static func blank(_ style: Style = .plain) -> Cell {
        Cell(ascii: 0x20, style: style)
    }

    /// The right half of a wide grapheme.
    static func continuation(_ style: Style) -> Cell {
        Cell(low: 0, high: 0, width: 0, style: style)
    }
}

/// Graphemes longer than a cell holds, numbered once each for the life of the process: there are
/// few (emoji sequences), and equal graphemes get equal numbers, so equal cells stay equal bytes.
enum GraphemeTable {
    nonisolated(unsafe) private static var strings: [String] = []
    nonisolated(unsafe) private static var numbers: [String: Int] = [:]

    static func number(_ grapheme: String) -> Int {
        folio_grapheme_table_lock()
        defer { folio_grapheme_table_unlock() }
        if let number = numbers[grapheme] { return number }
        strings.append(grapheme)
        numbers[grapheme] = strings.count - 1
        return strings.count - 1
    }

    static func string(_ number: Int) -> String {
        folio_grapheme_table_lock()
        defer { folio_grapheme_table_unlock() }
        return strings[number]
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
