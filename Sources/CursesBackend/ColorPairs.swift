import CNcursesw
import TerminalUI

/// curses color pairs made on first use: each (foreground, background) a frame needs gets the
/// next free pair number. Only used once `start_color` succeeded.
struct ColorPairs {
    private let colorCount: Int
    /// Pair numbers above this are not made: the terminal's limit, or what `setcchar`'s short takes.
    private let lastPair: Int
    /// When false the terminal cannot show "its own" colors, so -1 becomes white on black.
    private let hasDefaultColors: Bool
    private var pairs: [PairColors: Int16] = [:]

    private struct PairColors: Hashable {
        let foreground: Int16
        let background: Int16
    }

    init(colorCount: Int, pairCount: Int, hasDefaultColors: Bool) {
        self.colorCount = colorCount
        self.lastPair = min(pairCount, Int(Int16.max)) - 1
        self.hasDefaultColors = hasDefaultColors
    }

    /// The pair for these colors, and whether the foreground wants bold to look bright (see
    /// `ColorMapper.isFoldedBright`). Pair 0, the terminal's colors, once pairs run out.
    mutating func pair(foreground: Color, background: Color) -> (pair: Int16, wantsBold: Bool) {
        let colors = PairColors(
            foreground: curses(ColorMapper.pairColor(foreground, colors: colorCount), orDefault: COLOR_WHITE),
            background: curses(ColorMapper.pairColor(background, colors: colorCount), orDefault: COLOR_BLACK)
        )
        return (pairNumber(for: colors), ColorMapper.isFoldedBright(foreground, colors: colorCount))
    }

    private func curses(_ color: Int16, orDefault fallback: Int32) -> Int16 {
        color == ColorMapper.terminalDefault && !hasDefaultColors ? Int16(fallback) : color
    }

    private mutating func pairNumber(for colors: PairColors) -> Int16 {
        if colors.foreground == ColorMapper.terminalDefault, colors.background == ColorMapper.terminalDefault {
            return 0
        }
        if let existing = pairs[colors] { return existing }
        let next = pairs.count + 1
        guard next <= lastPair, init_pair(Int16(next), colors.foreground, colors.background) == OK else { return 0 }
        pairs[colors] = Int16(next)
        return Int16(next)
    }
}
