
/// Turns a `Color` into a curses color number for a terminal with `colors` colors: pure, so
/// it is tested without a terminal.
///
/// Terminals with fewer than 16 colors get the bright colors (8–15) folded onto 0–7; the
/// caller adds bold to a folded foreground (`isFoldedBright`), which most such terminals
/// show as the bright color. A terminal with more than 256 colors is treated as a 256-color
/// one: a direct-color terminfo would read these numbers as RGB (see DECISIONS.md on true color).
public enum ColorMapper {
    /// The terminal's own color, `use_default_colors`' -1.
    public static let terminalDefault: Int16 = -1

    /// The color number to pass to `init_pair`; -1 for `.default` and whenever the terminal
    /// has no colors.
    public static func pairColor(_ color: Color, colors: Int) -> Int16 {
        guard colors >= 8, color != .default else { return terminalDefault }
        if colors >= 256 { return Int16(index256(of: color)) }
        let ansi = ansiIndex(of: color)
        return Int16(colors >= 16 ? ansi : ansi % 8)
    }

    /// Whether `pairColor` folded a bright color onto 0–7: the foreground then wants bold.
    public static func isFoldedBright(_ color: Color, colors: Int) -> Bool {
        guard colors >= 8, colors < 16, color != .default else { return false }
        return ansiIndex(of: color) >= 8
    }

    // MARK: - Palettes

    struct RGB: Equatable {
        var red: Int, green: Int, blue: Int

        init(red: Int, green: Int, blue: Int) {
            (self.red, self.green, self.blue) = (red, green, blue)
        }

        init(_ red: UInt8, _ green: UInt8, _ blue: UInt8) {
            self.init(red: Int(red), green: Int(green), blue: Int(blue))
        }

        func distanceSquared(to other: RGB) -> Int {
            let (dr, dg, db) = (red - other.red, green - other.green, blue - other.blue)
            return dr * dr + dg * dg + db * db
        }
    }

    /// xterm's default 16 colors: a reference to measure against, since the real ones are
    /// the user's theme and unknown to us.
    static let ansiPalette: [RGB] = [
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0),
        (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
        (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0),
        (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255),
    ].map { RGB(red: $0.0, green: $0.1, blue: $0.2) }

    /// The six channel levels of the 6×6×6 cube at indices 16–231.
    static let cubeLevels = [0, 95, 135, 175, 215, 255]

    /// The color of a 256-palette index.
    static func rgb(ofIndexed index: Int) -> RGB {
        switch index {
        case ..<16:
            return ansiPalette[index]
        case 16..<232:
            let cube = index - 16
            return RGB(red: cubeLevels[cube / 36], green: cubeLevels[cube / 6 % 6], blue: cubeLevels[cube % 6])
        default:
            let gray = 8 + 10 * (index - 232)
            return RGB(red: gray, green: gray, blue: gray)
        }
    }

    /// The nearest color of the cube or the gray ramp (16–255); the first 16 are skipped
    /// because the user's theme may have redefined them.
    static func nearestIndexed(to target: RGB) -> Int {
        func nearestLevel(_ channel: Int) -> Int {
            cubeLevels.indices.min { abs(cubeLevels[$0] - channel) < abs(cubeLevels[$1] - channel) }!
        }
        let (r, g, b) = (nearestLevel(target.red), nearestLevel(target.green), nearestLevel(target.blue))
        let cubeIndex = 16 + 36 * r + 6 * g + b
        let average = (target.red + target.green + target.blue) / 3
        let grayIndex = 232 + min(23, max(0, (average - 3) / 10))
        let cubeDistance = rgb(ofIndexed: cubeIndex).distanceSquared(to: target)
        let grayDistance = rgb(ofIndexed: grayIndex).distanceSquared(to: target)
        return grayDistance < cubeDistance ? grayIndex : cubeIndex
    }

    /// The nearest of the 16 ANSI colors.
    static func nearestANSI(to target: RGB) -> Int {
        ansiPalette.indices.min { ansiPalette[$0].distanceSquared(to: target) < ansiPalette[$1].distanceSquared(to: target) }!
    }

    /// Where a color lands in the 256-color palette.
    private static func index256(of color: Color) -> Int {
        switch color {
        case .default: return Int(terminalDefault)
        case .ansi(let index), .indexed(let index): return Int(index)
        case .rgb(let red, let green, let blue):
            return nearestIndexed(to: RGB(red, green, blue))
        }
    }

    /// Where a color lands among the 16 ANSI colors, before any folding.
    private static func ansiIndex(of color: Color) -> Int {
        switch color {
        case .default: return Int(terminalDefault)
        case .ansi(let index), .indexed(let index):
            return index < 16 ? Int(index) : nearestANSI(to: rgb(ofIndexed: Int(index)))
        case .rgb(let red, let green, let blue):
            return nearestANSI(to: RGB(red, green, blue))
        }
    }
}
