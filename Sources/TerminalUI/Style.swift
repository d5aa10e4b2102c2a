/// A terminal color, from "whatever the terminal uses" to 24-bit.
public enum Color: Sendable, Hashable {
    /// The terminal's own foreground or background.
    case `default`
    /// One of the 16 palette colors the user's terminal theme defines (0–15; 8–15 are the bright ones).
    case ansi(UInt8)
    /// A color of the 256-color palette.
    case indexed(UInt8)
    /// A 24-bit color; a backend without true color approximates it.
    case rgb(UInt8, UInt8, UInt8)
}

/// How one cell is drawn: colors plus attributes. Widgets get styles from a theme, never invent them.
public struct Style: Sendable, Hashable {
    public struct Attributes: OptionSet, Sendable, Hashable {
        public let rawValue: UInt8
        public init(rawValue: UInt8) { self.rawValue = rawValue }

        public static let bold = Attributes(rawValue: 1 << 0)
        public static let dim = Attributes(rawValue: 1 << 1)
        public static let italic = Attributes(rawValue: 1 << 2)
        public static let underline = Attributes(rawValue: 1 << 3)
        /// Swapped colors: what keeps a selection visible on a terminal without colors.
        public static let reverse = Attributes(rawValue: 1 << 4)
    }

    public var foreground: Color
    public var background: Color
    public var attributes: Attributes

    public init(foreground: Color = .default, background: Color = .default, attributes: Attributes = []) {
        self.foreground = foreground
        self.background = background
        self.attributes = attributes
    }

    /// The terminal's default colors, no attributes.
    public static let plain = Style()

    /// This style with `extra` attributes added.
    public func adding(_ extra: Attributes) -> Style {
        var style = self
        style.attributes.formUnion(extra)
        return style
    }
}
