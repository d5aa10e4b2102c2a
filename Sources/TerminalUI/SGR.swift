extension Style {
    /// The ANSI escape sequence that draws this style, for printing outside curses (`folio themes show`).
    public var sgr: String {
        var codes = ["0"]
        for (attribute, code) in [(Attributes.bold, "1"), (.dim, "2"), (.italic, "3"), (.underline, "4"), (.reverse, "7")]
        where attributes.contains(attribute) {
            codes.append(code)
        }
        codes += Self.codes(foreground, base: 30)
        codes += Self.codes(background, base: 40)
        return "\u{1B}[" + codes.joined(separator: ";") + "m"
    }

    private static func codes(_ color: Color, base: Int) -> [String] {
        switch color {
        case .default: return []
        case .ansi(let index) where index < 8: return ["\(base + Int(index))"]
        case .ansi(let index) where index < 16: return ["\(base + 60 + Int(index) - 8)"]
        case .ansi(let index), .indexed(let index): return ["\(base + 8)", "5", "\(index)"]
        case .rgb(let red, let green, let blue): return ["\(base + 8)", "2", "\(red)", "\(green)", "\(blue)"]
        }
    }
}
