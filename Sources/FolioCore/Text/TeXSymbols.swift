/// The tables `TeXDisplay` reads TeX commands with: accents, letters, symbols, and the Unicode
/// forms math has for scripts and letter styles.
enum TeXSymbols {
    /// Accents written with a symbol (`\'e`), as combining marks.
    static let symbolAccents: [Unicode.Scalar: Unicode.Scalar] = [
        "'": "\u{0301}", "`": "\u{0300}", "^": "\u{0302}", "\"": "\u{0308}",
        "~": "\u{0303}", "=": "\u{0304}", ".": "\u{0307}",
    ]

    /// Accents written with a letter (`\c{c}`), as combining marks.
    static let wordAccents: [String: Unicode.Scalar] = [
        "u": "\u{0306}", "v": "\u{030C}", "H": "\u{030B}", "c": "\u{0327}", "k": "\u{0328}",
        "d": "\u{0323}", "b": "\u{0331}", "r": "\u{030A}", "t": "\u{0361}",
    ]

    /// Math accents (`\hat{x}`), put on an argument of one character.
    static let mathAccents: [String: Unicode.Scalar] = [
        "hat": "\u{0302}", "widehat": "\u{0302}", "check": "\u{030C}", "tilde": "\u{0303}", "widetilde": "\u{0303}",
        "acute": "\u{0301}", "grave": "\u{0300}", "dot": "\u{0307}", "ddot": "\u{0308}", "breve": "\u{0306}",
        "bar": "\u{0304}", "overline": "\u{0305}", "vec": "\u{20D7}", "mathring": "\u{030A}", "not": "\u{0338}",
    ]

    /// Commands that are a letter of a word: TeX's skipping the spaces after them is what joins `\ss e`.
    static let letters: [String: String] = [
        "ss": "ß", "ae": "æ", "AE": "Æ", "oe": "œ", "OE": "Œ", "aa": "å", "AA": "Å",
        "o": "ø", "O": "Ø", "l": "ł", "L": "Ł", "i": "ı", "j": "ȷ",
        "dh": "ð", "DH": "Ð", "th": "þ", "TH": "Þ", "ng": "ŋ", "NG": "Ŋ", "dj": "đ", "DJ": "Đ",
    ]

    /// Text symbols. The `\text…` ones are written to be followed by `{}` or a space that TeX swallows.
    static let textSymbols: [String: String] = [
        "textendash": "–", "textemdash": "—", "textbackslash": "\\", "textasciitilde": "~",
        "textasciicircum": "^", "textunderscore": "_", "textbar": "|", "textless": "<", "textgreater": ">",
        "textquotedblleft": "“", "textquotedblright": "”", "textquoteleft": "‘", "textquoteright": "’",
        "textquotesingle": "'", "textbullet": "•", "textperiodcentered": "·", "textdegree": "°",
        "textregistered": "®", "texttrademark": "™", "textcopyright": "©", "textsection": "§",
        "textparagraph": "¶", "textdagger": "†", "textdaggerdbl": "‡", "textellipsis": "…", "texteuro": "€",
        "textsterling": "£", "textyen": "¥", "textcent": "¢", "textmu": "µ", "texttimes": "×", "textdiv": "÷",
        "textpm": "±", "textminus": "−", "textonehalf": "½",
        "ldots": "…", "dots": "…", "S": "§", "P": "¶", "copyright": "©", "pounds": "£", "euro": "€",
        "TeX": "TeX", "LaTeX": "LaTeX", "LaTeXe": "LaTeX2ε", "BibTeX": "BibTeX",
        "guillemotleft": "«", "guillemotright": "»", "guilsinglleft": "‹", "guilsinglright": "›",
        "quotedblbase": "„", "quotesinglbase": "‚", "dag": "†", "ddag": "‡", "checkmark": "✓", "degree": "°",
        "slash": "/", "newline": " ", "par": " ", "nobreakspace": "\u{A0}",
    ]

    /// Greek letters, operators, relations and named functions: TeX allows them in math only, but
    /// authors write them outside math too, so they are read in both.
    static let mathSymbols: [String: String] = [
        "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ε", "varepsilon": "ε",
        "zeta": "ζ", "eta": "η", "theta": "θ", "vartheta": "ϑ", "iota": "ι", "kappa": "κ", "varkappa": "ϰ",
        "lambda": "λ", "mu": "μ", "nu": "ν", "xi": "ξ", "omicron": "ο", "pi": "π", "varpi": "ϖ", "rho": "ρ",
        "varrho": "ϱ", "sigma": "σ", "varsigma": "ς", "tau": "τ", "upsilon": "υ", "phi": "φ", "varphi": "ϕ",
        "chi": "χ", "psi": "ψ", "omega": "ω", "digamma": "ϝ",
        "Gamma": "Γ", "Delta": "Δ", "Theta": "Θ", "Lambda": "Λ", "Xi": "Ξ", "Pi": "Π", "Sigma": "Σ",
        "Upsilon": "Υ", "Phi": "Φ", "Psi": "Ψ", "Omega": "Ω",
        "pm": "±", "mp": "∓", "times": "×", "div": "÷", "cdot": "·", "ast": "∗", "star": "⋆", "circ": "∘",
        "bullet": "∙", "oplus": "⊕", "ominus": "⊖", "otimes": "⊗", "odot": "⊙", "setminus": "∖",
        "le": "≤", "leq": "≤", "ge": "≥", "geq": "≥", "leqslant": "⩽", "geqslant": "⩾", "ne": "≠", "neq": "≠",
        "approx": "≈", "sim": "∼", "simeq": "≃", "cong": "≅", "equiv": "≡", "propto": "∝", "asymp": "≍",
        "doteq": "≐", "ll": "≪", "gg": "≫", "lesssim": "≲", "gtrsim": "≳", "prec": "≺", "succ": "≻",
        "perp": "⊥", "parallel": "∥", "mid": "∣", "vert": "|", "Vert": "‖",
        "to": "→", "rightarrow": "→", "leftarrow": "←", "gets": "←", "Rightarrow": "⇒", "Leftarrow": "⇐",
        "leftrightarrow": "↔", "Leftrightarrow": "⇔", "longrightarrow": "⟶", "longleftarrow": "⟵",
        "Longrightarrow": "⟹", "implies": "⟹", "iff": "⟺", "mapsto": "↦", "uparrow": "↑", "downarrow": "↓",
        "infty": "∞", "partial": "∂", "nabla": "∇", "sum": "∑", "prod": "∏", "coprod": "∐", "int": "∫",
        "iint": "∬", "oint": "∮", "in": "∈", "ni": "∋", "notin": "∉", "subset": "⊂", "supset": "⊃",
        "subseteq": "⊆", "supseteq": "⊇", "cup": "∪", "cap": "∩", "bigcup": "⋃", "bigcap": "⋂",
        "forall": "∀", "exists": "∃", "nexists": "∄", "neg": "¬", "lnot": "¬", "land": "∧", "wedge": "∧",
        "lor": "∨", "vee": "∨", "emptyset": "∅", "varnothing": "∅", "ell": "ℓ", "hbar": "ℏ", "hslash": "ℏ",
        "Re": "ℜ", "Im": "ℑ", "aleph": "ℵ", "wp": "℘", "dagger": "†", "ddagger": "‡", "prime": "′",
        "langle": "⟨", "rangle": "⟩", "lceil": "⌈", "rceil": "⌉", "lfloor": "⌊", "rfloor": "⌋",
        "lbrace": "{", "rbrace": "}", "lbrack": "[", "rbrack": "]", "backslash": "\\", "colon": ":",
        "cdots": "⋯", "vdots": "⋮", "ddots": "⋱", "angle": "∠", "triangle": "△", "Box": "□", "square": "□",
        "therefore": "∴", "because": "∵", "top": "⊤", "bot": "⊥", "vdash": "⊢", "models": "⊨",
        "sharp": "♯", "flat": "♭", "natural": "♮", "quad": " ", "qquad": " ", "enspace": " ", "thinspace": " ",
        "log": "log", "ln": "ln", "lg": "lg", "exp": "exp", "sin": "sin", "cos": "cos", "tan": "tan",
        "cot": "cot", "sec": "sec", "csc": "csc", "sinh": "sinh", "cosh": "cosh", "tanh": "tanh",
        "arcsin": "arcsin", "arccos": "arccos", "arctan": "arctan", "max": "max", "min": "min", "lim": "lim",
        "sup": "sup", "inf": "inf", "limsup": "lim sup", "liminf": "lim inf", "det": "det", "dim": "dim",
        "ker": "ker", "arg": "arg", "deg": "deg", "gcd": "gcd", "hom": "hom", "Pr": "Pr",
    ]

    /// Font and size declarations, and markup that only spaces or numbers: they vanish, their text stays.
    static let declarations: Set<String> = [
        "em", "bf", "it", "tt", "sc", "rm", "sf", "sl", "up", "md", "normalfont", "bfseries", "mdseries",
        "itshape", "upshape", "slshape", "scshape", "rmfamily", "sffamily", "ttfamily", "tiny", "scriptsize",
        "footnotesize", "small", "normalsize", "large", "Large", "LARGE", "huge", "Huge", "displaystyle",
        "textstyle", "scriptstyle", "scriptscriptstyle", "boldmath", "unboldmath", "limits", "nolimits",
        "nonumber", "noindent", "relax", "protect", "mathstrut",
    ]

    /// Commands whose argument is text, shown as it is.
    static let textStyles: Set<String> = [
        "emph", "textbf", "textit", "texttt", "textsc", "textrm", "textsf", "textsl", "textmd", "textup",
        "textnormal", "underline", "uline", "mbox", "hbox", "fbox", "text",
    ]

    /// Commands whose argument is math, shown as it is.
    static let mathStyles: Set<String> = [
        "mathrm", "mathbf", "mathit", "mathsf", "mathtt", "mathnormal", "boldsymbol", "bm", "pmb",
        "operatorname", "mathop", "ensuremath",
    ]

    /// Sizes for delimiters: the command goes, the delimiter stays (`\left.` is no delimiter).
    static let delimiterSizes: Set<String> = [
        "left", "right", "middle", "big", "Big", "bigg", "Bigg", "bigl", "bigr", "Bigl", "Bigr",
        "biggl", "biggr", "Biggl", "Biggr", "bigm", "Bigm",
    ]

    /// What makes a side of `a/b` need brackets: `(a+b)/c`.
    private static let fractionOperators: Set<Unicode.Scalar> = ["+", "-", "−", "±", "∓", "×", "·", "÷", "/", "*", "=", "<", ">", "≤", "≥", "≠", "≈", "∼"]

    /// A side of `a/b`, bracketed when it is longer than a character and holds an operator.
    static func fractionSide(_ s: [Unicode.Scalar]) -> [Unicode.Scalar] {
        let long = String(String.UnicodeScalarView(s)).count > 1
        return long && s.contains(where: fractionOperators.contains) ? ["("] + s + [")"] : s
    }

    /// `s` in Unicode's superscript or subscript forms, or nil if one of its characters has none.
    static func small(_ s: [Unicode.Scalar], superscript: Bool) -> [Unicode.Scalar]? {
        let table = superscript ? superscripts : subscripts
        let small = s.compactMap { table[$0] }
        return !s.isEmpty && small.count == s.count ? small : nil
    }

    enum Alphabet { case script, doubleStruck, fraktur }

    static let alphabets: [String: Alphabet] = [
        "cal": .script, "mathcal": .script, "mathscr": .script,
        "mathbb": .doubleStruck, "Bbb": .doubleStruck, "mathbbm": .doubleStruck,
        "mathfrak": .fraktur, "frak": .fraktur,
    ]

    /// The letters of the styled alphabets that Unicode had already put in Letterlike Symbols.
    private static let alphabetHoles: [Unicode.Scalar: Unicode.Scalar] = [
        "B": "ℬ", "E": "ℰ", "F": "ℱ", "H": "ℋ", "I": "ℐ", "L": "ℒ", "M": "ℳ", "R": "ℛ", "e": "ℯ", "g": "ℊ", "o": "ℴ",
    ]
    private static let doubleStruckHoles: [Unicode.Scalar: Unicode.Scalar] = [
        "C": "ℂ", "H": "ℍ", "N": "ℕ", "P": "ℙ", "Q": "ℚ", "R": "ℝ", "Z": "ℤ",
    ]
    private static let frakturHoles: [Unicode.Scalar: Unicode.Scalar] = [
        "C": "ℭ", "H": "ℌ", "I": "ℑ", "R": "ℜ", "Z": "ℨ",
    ]

    /// `scalar` in `alphabet`; a character the alphabet has no form for stays as it is.
    static func styled(_ scalar: Unicode.Scalar, _ alphabet: Alphabet) -> Unicode.Scalar {
        let (holes, upper, lower, digit): ([Unicode.Scalar: Unicode.Scalar], UInt32, UInt32, UInt32?) = switch alphabet {
        case .script: (alphabetHoles, 0x1D49C, 0x1D4B6, nil)
        case .doubleStruck: (doubleStruckHoles, 0x1D538, 0x1D552, 0x1D7D8)
        case .fraktur: (frakturHoles, 0x1D504, 0x1D51E, nil)
        }
        if let hole = holes[scalar] { return hole }
        let v = scalar.value
        let styled: UInt32? = switch v {
        case 0x41...0x5A: upper + v - 0x41
        case 0x61...0x7A: lower + v - 0x61
        case 0x30...0x39: digit.map { $0 + v - 0x30 }
        default: nil
        }
        return styled.flatMap(Unicode.Scalar.init) ?? scalar
    }

    static let superscripts: [Unicode.Scalar: Unicode.Scalar] = [
        "0": "⁰", "1": "¹", "2": "²", "3": "³", "4": "⁴", "5": "⁵", "6": "⁶", "7": "⁷", "8": "⁸", "9": "⁹",
        "+": "⁺", "-": "⁻", "−": "⁻", "=": "⁼", "(": "⁽", ")": "⁾",
        "a": "ᵃ", "b": "ᵇ", "c": "ᶜ", "d": "ᵈ", "e": "ᵉ", "f": "ᶠ", "g": "ᵍ", "h": "ʰ", "i": "ⁱ", "j": "ʲ",
        "k": "ᵏ", "l": "ˡ", "m": "ᵐ", "n": "ⁿ", "o": "ᵒ", "p": "ᵖ", "r": "ʳ", "s": "ˢ", "t": "ᵗ", "u": "ᵘ",
        "v": "ᵛ", "w": "ʷ", "x": "ˣ", "y": "ʸ", "z": "ᶻ",
        "A": "ᴬ", "B": "ᴮ", "D": "ᴰ", "E": "ᴱ", "G": "ᴳ", "H": "ᴴ", "I": "ᴵ", "J": "ᴶ", "K": "ᴷ", "L": "ᴸ",
        "M": "ᴹ", "N": "ᴺ", "O": "ᴼ", "P": "ᴾ", "R": "ᴿ", "T": "ᵀ", "U": "ᵁ", "V": "ⱽ", "W": "ᵂ",
        "α": "ᵅ", "β": "ᵝ", "γ": "ᵞ", "δ": "ᵟ", "θ": "ᶿ", "φ": "ᵠ", "χ": "ᵡ",
    ]

    static let subscripts: [Unicode.Scalar: Unicode.Scalar] = [
        "0": "₀", "1": "₁", "2": "₂", "3": "₃", "4": "₄", "5": "₅", "6": "₆", "7": "₇", "8": "₈", "9": "₉",
        "+": "₊", "-": "₋", "−": "₋", "=": "₌", "(": "₍", ")": "₎",
        "a": "ₐ", "e": "ₑ", "o": "ₒ", "x": "ₓ", "ə": "ₔ", "h": "ₕ", "k": "ₖ", "l": "ₗ", "m": "ₘ", "n": "ₙ",
        "p": "ₚ", "s": "ₛ", "t": "ₜ", "i": "ᵢ", "j": "ⱼ", "r": "ᵣ", "u": "ᵤ", "v": "ᵥ",
        "β": "ᵦ", "γ": "ᵧ", "ρ": "ᵨ", "φ": "ᵩ", "χ": "ᵪ",
    ]
}
