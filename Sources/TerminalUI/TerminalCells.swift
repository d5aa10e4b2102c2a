/// How a grapheme becomes terminal cells: the one place where text is cut to what a curses cell
/// can hold and what the terminal draws.
///
/// The reference is tmux 3.3a in C.UTF-8, as the end-to-end tests run it: it gives every code
/// point its `wcwidth` and puts one of width 0 into the cell before it. curses keeps one character
/// of non-zero width per cell (`setcchar` stops at the next one), so a grapheme such as `👍🏽`, `🇫🇷`
/// or Thai `กำ` is sent as one cell per such character: `👍` `🏽` take 4 columns, as tmux draws
/// them. U+200D is never sent: tmux joins a wide character after it onto the cell before, which
/// curses would count as columns of their own, so `👨‍👩‍👧` is drawn as its people, 2 columns each.
public enum TerminalCells {
    /// What curses keeps of one cell (`CCHARW_MAX`): a character and four of width 0.
    static let maxScalarsPerCell = 5

    /// Calls `body` with each cell `character` takes, left to right: its text and width (1 or 2).
    /// Scalars of width 0 join the cell before them in the grapheme; with none before (a lone
    /// combining mark) they are dropped, since the terminal would put them on whatever is left of it.
    public static func forEach(in character: Character, _ body: (String, Int) -> Void) {
        let scalars = character.unicodeScalars
        var count = 0, spacing = 0, joiners = false
        for scalar in scalars {
            count += 1
            if scalar.value == 0x200D { joiners = true } else if DisplayWidth.of(scalar) > 0 { spacing += 1 }
        }
        // Most graphemes are one cell as they are: a letter, CJK, an emoji, a letter and its accents.
        if spacing == 1, !joiners, count <= maxScalarsPerCell, let first = scalars.first, DisplayWidth.of(first) > 0 {
            return body(String(character), DisplayWidth.of(first))
        }
        var cell = String.UnicodeScalarView()
        var width = 0
        var kept = 0
        for scalar in scalars where scalar.value != 0x200D {
            let scalarWidth = DisplayWidth.of(scalar)
            if scalarWidth == 0 {
                if width > 0 && kept < maxScalarsPerCell { cell.append(scalar); kept += 1 }
                continue
            }
            if width > 0 { body(String(cell), width) }
            cell = String.UnicodeScalarView([scalar])
            width = scalarWidth
            kept = 1
        }
        if width > 0 { body(String(cell), width) }
    }

    /// The cells of `character`, for tests and callers that want them at once.
    public static func of(_ character: Character) -> [(text: String, width: Int)] {
        var cells: [(String, Int)] = []
        forEach(in: character) { cells.append(($0, $1)) }
        return cells
    }
}
