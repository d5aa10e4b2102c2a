/// How many colors a terminal shows, from most to none. A theme is written once, in any colors,
/// and `Style.degraded(to:)` brings it down to what the terminal has.
public enum ColorDepth: Int, Sendable, Comparable, CaseIterable, CustomStringConvertible {
    case none, eight, sixteen, indexed256, trueColor

    public static func < (lhs: ColorDepth, rhs: ColorDepth) -> Bool { lhs.rawValue < rhs.rawValue }

    /// What curses' `COLORS` and the environment say: `NO_COLOR` (any non-empty value) wins,
    /// then `COLORTERM=truecolor|24bit` on a terminal of 256 colors or more.
    public static func detect(colors: Int, environment: [String: String]) -> ColorDepth {
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return .none }
        switch colors {
        case ..<8: return .none
        case ..<16: return .eight
        case ..<256: return .sixteen
        default:
            let colorTerm = environment["COLORTERM"]?.lowercased() ?? ""
            return colorTerm == "truecolor" || colorTerm == "24bit" ? .trueColor : .indexed256
        }
    }

    /// The palette size `ColorMapper` measures against; true color still draws through the 256 palette.
    public var paletteSize: Int {
        switch self {
        case .none: return 0
        case .eight: return 8
        case .sixteen: return 16
        case .indexed256, .trueColor: return 256
        }
    }

    public var description: String {
        switch self {
        case .none: return "no color"
        case .eight: return "8 colors"
        case .sixteen: return "16 colors"
        case .indexed256: return "256 colors"
        case .trueColor: return "true color"
        }
    }
}

extension Color {
    /// The nearest color the depth can show: RGB kept only in true color, then the 256 palette,
    /// the 16 ANSI colors, the 8 base colors, and at no color the terminal's own.
    public func degraded(to depth: ColorDepth) -> Color {
        guard self != .default else { return .default }
        switch depth {
        case .trueColor: return self
        case .none: return .default
        case .indexed256:
            if case .rgb = self { return .indexed(UInt8(ColorMapper.pairColor(self, colors: 256))) }
            return self
        case .eight, .sixteen:
            return .ansi(UInt8(ColorMapper.pairColor(self, colors: depth.paletteSize)))
        }
    }
}

extension Style {
    /// This style on a terminal of `depth`: colors degraded, and bold added where a bright
    /// foreground folded onto a base color (8 colors), since most such terminals show bold as bright.
    public func degraded(to depth: ColorDepth) -> Style {
        var style = Style(foreground: foreground.degraded(to: depth), background: background.degraded(to: depth),
                          attributes: attributes)
        if ColorMapper.isFoldedBright(foreground, colors: depth.paletteSize) { style.attributes.insert(.bold) }
        return style
    }
}
