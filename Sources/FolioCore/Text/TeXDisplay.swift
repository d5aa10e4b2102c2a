import Foundation

/// The text a person reads for TeX-ish source (arXiv titles, abstracts and names, BibTeX fields).
/// Display only: the stored text stays source. Outside math nothing is dropped but markup (accents
/// composed, formatting commands, grouping braces); a command it does not know is shown as written.
/// Math (`$…$`, `$$…$$`, `\(…\)`, `\[…\]`) shows as Unicode where Unicode has a faithful form
/// (Greek, operators, scripts, ℝ, 𝒪, √, a/b) and as written where it has not. The result is NFC.
public enum TeXDisplay {
    public static func render(_ source: String) -> String {
        isPlain(source) ? source : renderScanning(source)
    }

    /// True when `render` may change the text's words: it holds `\`, `{`, `}` or `$`.
    public static func hasMarkup(_ source: String) -> Bool {
        var source = source
        return source.withUTF8 { bytes in
            var i = 0
            while i + 8 <= bytes.count {
                let word = ByteScan.word(bytes, at: i)
                if markup.contains(where: { ByteScan.has(word, $0) }) { return true }
                i += 8
            }
            return bytes[i...].contains(where: markup.contains)
        }
    }

    private static let markup: [UInt8] = Array(#"\{}$"#.utf8)

    /// Every character through the scanner: what `render` gives for any text.
    static func renderScanning(_ source: String) -> String {
        var scanner = TeXDisplayScanner(Array(source.unicodeScalars))
        var out: [Unicode.Scalar] = []
        out.reserveCapacity(scanner.text.count)
        scanner.render(until: scanner.text.count, math: false, into: &out)
        let shown = String(String.UnicodeScalarView(out))
        // No scalar below U+0300 composes with what precedes it: such text is NFC already.
        return out.allSatisfy { $0.value < 0x300 } ? shown : shown.precomposedStringWithCanonicalMapping
    }

    /// ASCII with nothing the scanner changes: most titles and abstracts skip the scan.
    static func isPlain(_ text: String) -> Bool {
        var text = text
        return text.withUTF8(isPlain)
    }

    /// Bytes that may make the scanner change the text: TeX's specials and the first of a ligature.
    private static let specials: [UInt8] = Array(#"\{}$~-`'"#.utf8) + [0x7F]

    private static func isPlain(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var previous: UInt8 = 0
        var i = 0
        while i + 8 <= bytes.count {
            let word = ByteScan.word(bytes, at: i)
            if ByteScan.hasNonASCII(word) { return false }
            if ByteScan.hasBelow(word, 0x20) || specials.contains(where: { ByteScan.has(word, $0) }) {
                for j in i..<(i + 8) where !plainByte(bytes[j], after: &previous) { return false }
            } else {
                previous = bytes[i + 7]
            }
            i += 8
        }
        for j in i..<bytes.count where !plainByte(bytes[j], after: &previous) { return false }
        return true
    }

    @inline(__always)
    private static func plainByte(_ byte: UInt8, after previous: inout UInt8) -> Bool {
        defer { previous = byte }
        switch byte {
        case 0..<0x20, 0x7F..., UInt8(ascii: "\\"), UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "$"), UInt8(ascii: "~"): return false
        case UInt8(ascii: "-"), UInt8(ascii: "`"), UInt8(ascii: "'"): return previous != byte  // `--`, ``, '' are ligatures
        default: return true
        }
    }
}

/// One pass over TeX text. `index` only moves forward; a range (a group, a math span, an argument)
/// is read by narrowing `limit`. Output is an array: `UnicodeScalarView.append(contentsOf:)` copies.
private struct TeXDisplayScanner {
    typealias Scalars = [Unicode.Scalar]

    /// What a brace does once its group is known: dropped, or shown because it is an unknown command's
    /// argument (`\cite{x}`; chained to the next: `\foo{a}{b}`) or a script outside math (`x_{s}`).
    enum BraceRole { case none, drop, keep(chained: Bool) }
    enum Closer: Int { case inline, display, paren, bracket }

    /// Deep enough for any real text; deeper input is shown as written rather than recursed into.
    static let maxDepth = 64

    let text: [Unicode.Scalar]
    /// For each `{`, the index of its `}`, or -1 (escaped braces do not count).
    let match: [Int]
    var roles: [BraceRole]
    var urlFlags: [Bool]?
    var index = 0, limit: Int, depth = 0
    /// Per closer, the last range it was not found in: a later search inside it fails at once.
    var failed: [(from: Int, limit: Int)] = Array(repeating: (Int.max, 0), count: 4)

    init(_ text: [Unicode.Scalar]) {
        self.text = text
        limit = text.count
        var match = [Int](repeating: -1, count: text.count), open: [Int] = [], i = 0
        while i < text.count {
            switch text[i] {
            case "\\": i += 1
            case "{": open.append(i)
            case "}": if let o = open.popLast() { match[o] = i; match[i] = o }
            default: break
            }
            i += 1
        }
        self.match = match
        roles = Array(repeating: .none, count: text.count)
    }

    mutating func render(until end: Int, math: Bool, into out: inout Scalars) {
        let saved = limit
        limit = end
        depth += 1
        defer { limit = saved; depth -= 1 }
        guard depth <= Self.maxDepth else { copy(index..<end, into: &out); index = end; return }
        while index < limit { step(math: math, into: &out) }
    }

    private mutating func step(math: Bool, into out: inout Scalars) {
        let c = text[index]
        switch c {
        case "\\": command(math: math, into: &out)
        case "{": openGroup(into: &out)
        case "}": closeGroup(into: &out)
        case "$" where !math: mathSpan(into: &out)
        case "~": tie(math: math, into: &out)
        case "^" where math, "_" where math: script(c, into: &out)
        case "^", "_":
            // Outside math a script is shown as written, its braces too: `x_{10}` is not `x_10`.
            out.append(c)
            index += 1
            if isGroup(index) { roles[index] = .keep(chained: false) }
        case "-" where !math: dashes(into: &out)
        case "`" where !math && next(is: "`"): out.append("“"); index += 2
        case "'" where !math && next(is: "'"): out.append("”"); index += 2
        default: out.append(Self.visible(c)); index += 1
        }
    }

    private func isGroup(_ at: Int) -> Bool { at < limit && text[at] == "{" && match[at] > at && match[at] < limit }
    private func next(is scalar: Unicode.Scalar) -> Bool { index + 1 < limit && text[index + 1] == scalar }

    private mutating func openGroup(into out: inout Scalars) {
        if !isGroup(index) {
            out.append("{")  // unclosed here: shown as written
        } else if case .keep(let chained) = roles[index] {
            out.append("{")
            roles[match[index]] = .keep(chained: chained)
        } else {
            roles[match[index]] = .drop
        }
        index += 1
    }

    private mutating func closeGroup(into out: inout Scalars) {
        let role = roles[index]
        index += 1
        switch role {
        case .drop: break
        case .none: out.append("}")  // unbalanced
        case .keep(let chained):
            out.append("}")
            if chained && isGroup(index) { roles[index] = .keep(chained: true) }
        }
    }

    /// `$…$` or `$$…$$` that close show their content as math; a `$` without a partner stays.
    private mutating func mathSpan(into out: inout Scalars) {
        let i = index
        if next(is: "$") {
            guard let j = closer(.display, from: i + 2) else { out += ["$", "$"]; index = i + 2; return }
            index = i + 2
            render(until: j, math: true, into: &out)
            index = j + 2
        } else if let j = closer(.inline, from: i + 1), !(Self.isDigit(text[i + 1]) && text[j - 1] == " ") {
            // (An opener before a digit with a closer after a space is money: `$5 and $10`.)
            index = i + 1
            render(until: j, math: true, into: &out)
            index = j + 1
        } else {
            out.append("$")
            index = i + 1
        }
    }

    private mutating func closer(_ kind: Closer, from start: Int) -> Int? {
        let known = failed[kind.rawValue]
        if start >= known.from && limit <= known.limit { return nil }
        var j = start
        while j < limit {
            switch text[j] {
            case "\\":
                if j + 1 < limit && (kind == .paren && text[j + 1] == ")" || kind == .bracket && text[j + 1] == "]") { return j }
                j += 2
            case "$" where kind == .inline: return j
            case "$" where kind == .display && j + 1 < limit && text[j + 1] == "$": return j
            default: j += 1
            }
        }
        failed[kind.rawValue] = (start, limit)
        return nil
    }

    /// A tie is a no-break space (`Fig.~3`). After white space it is no tie but the author's `~`, most often
    /// "about" (`of ~25 Myr`), and in a URL it is a URL's: both stay `~`.
    private mutating func tie(math: Bool, into out: inout Scalars) {
        let i = index
        index += 1
        let literal = i > 0 && [" ", "\t", "\n", "\r", "/"].contains(text[i - 1]) || isURL(i)
        out.append(!math && literal ? "~" : "\u{A0}")
    }

    private mutating func dashes(into out: inout Scalars) {
        let start = index
        while index < limit && text[index] == "-" { index += 1 }
        let count = index - start
        if count == 1 || isURL(start) { return out += repeatElement("-", count: count) }
        index = start + min(count, 3)
        out.append(count == 2 ? "–" : "—")
    }

    /// Whether `i` is in a token (up to white space) that began with a URL's start.
    private mutating func isURL(_ i: Int) -> Bool {
        if urlFlags == nil {
            var flags = [Bool](repeating: false, count: text.count), inURL = false
            for p in text.indices {
                if text[p].value <= 0x20 || text[p] == "\u{A0}" {
                    inURL = false
                } else if !inURL && (text[p] == "h" || text[p] == "f" || text[p] == "w") && (p == 0 || !Self.isASCIILetterOrDigit(text[p - 1])) {
                    inURL = ["http://", "https://", "ftp://", "www."].contains { text[p...].starts(with: $0.unicodeScalars) }
                }
                flags[p] = inURL
            }
            urlFlags = flags
        }
        return urlFlags![i]
    }

    private mutating func command(math: Bool, into out: inout Scalars) {
        let start = index
        index += 1
        guard index < limit else { out.append("\\"); return }
        let c = text[index]
        index += 1
        guard Self.isASCIILetter(c) else { return controlSymbol(c, from: start, math: math, into: &out) }
        while index < limit && Self.isASCIILetter(text[index]) { index += 1 }
        controlWord(String(String.UnicodeScalarView(text[(start + 1)..<index])), from: start, math: math, into: &out)
    }

    private mutating func controlSymbol(_ c: Unicode.Scalar, from start: Int, math: Bool, into out: inout Scalars) {
        if let mark = TeXSymbols.symbolAccents[c] { return accent(mark, spacing: c, from: start, math: math, into: &out) }
        switch c {
        case "&", "%", "_", "$", "#", "{", "}": out.append(c)
        case "\\", " ", ",", ";", ":", ">", "\t", "\n", "\r": out.append(" ")  // a line break or a space
        case "-", "/", "!", "@": break  // hyphenation hint, italic correction, negative space, space factor
        case "|": out.append("‖")
        case "(" where !math, "[" where !math:
            guard let j = closer(c == "(" ? .paren : .bracket, from: index) else { return copy(start..<index, into: &out) }
            render(until: j, math: true, into: &out)
            index = j + 2
        default: copy(start..<index, into: &out)
        }
    }

    private mutating func controlWord(_ name: String, from start: Int, math: Bool, into out: inout Scalars) {
        let nameEnd = index
        if let mark = TeXSymbols.wordAccents[name] { return accent(mark, spacing: nil, from: start, math: math, into: &out) }
        if let mark = TeXSymbols.mathAccents[name] {
            guard let (arg, group) = argument(math: true) else { return copy(start..<index, into: &out) }
            if arg.count == 1 { return out += arg + [mark] }
            copy(start..<nameEnd, into: &out)
            return out += group ? Self.braced(arg) : arg
        }
        if let alphabet = TeXSymbols.alphabets[name] {
            var arg = Scalars()
            skipSpaces()
            if name == "cal" && !isGroup(index) {
                // A declaration: it styles the letters that follow.
                while index < limit && Self.isASCIILetter(text[index]) { arg.append(text[index]); index += 1 }
            } else if let (a, _) = argument(math: true) {
                arg = a
            } else {
                return copy(start..<index, into: &out)
            }
            return out += arg.map { TeXSymbols.styled($0, alphabet) }
        }
        switch name {
        case "url", "href":
            guard let url = verbatimGroup() else { return copy(start..<index, into: &out) }
            let label = name == "href" && isGroup(index) ? argument(math: false)?.0 : nil
            guard let label, !label.isEmpty, label != url else { return out += url }
            return out += label + [" ", "("] + url + [")"]
        case "sqrt": return squareRoot(from: start, into: &out)
        case "frac", "dfrac", "tfrac", "cfrac":
            guard let (a, _) = argument(math: true) else { return copy(start..<index, into: &out) }
            guard let (b, _) = argument(math: true) else { copy(start..<nameEnd, into: &out); return out += Self.braced(a) }
            return out += TeXSymbols.fractionSide(a) + ["/"] + TeXSymbols.fractionSide(b)
        case "textsuperscript", "textsubscript":
            guard let (arg, _) = argument(math: false) else { return copy(start..<index, into: &out) }
            return out += TeXSymbols.small(arg, superscript: name == "textsuperscript") ?? arg
        default: break
        }
        if TeXSymbols.delimiterSizes.contains(name) {
            skipSpaces()
            if index < limit && text[index] == "." { index += 1 }
        } else if TeXSymbols.mathStyles.contains(name) {
            if index < limit && text[index] == "*" { index += 1 }  // \operatorname*
            if let (arg, _) = argument(math: true) { out += arg }
        } else if TeXSymbols.textStyles.contains(name) {
            // Outside math the argument is a plain group; inside, it is text to read as text.
            if !math { skipSpaces() } else if let (arg, _) = argument(math: false) { out += arg }
        } else if let letter = TeXSymbols.letters[name] {
            out += letter.unicodeScalars
            skipSpaces()
        } else if let symbol = TeXSymbols.textSymbols[name] {
            out += symbol.unicodeScalars
            if name.hasPrefix("text") { skipSpaces() }
        } else if let symbol = TeXSymbols.mathSymbols[name] {
            out += symbol.unicodeScalars  // the spaces after stay: `\alpha particle`
        } else if TeXSymbols.declarations.contains(name) {
            skipSpaces()
        } else {
            copy(start..<index, into: &out)
            keepArguments()
        }
    }

    /// An unknown command is shown as written: its arguments keep their braces (`\cite{x}`).
    private mutating func keepArguments() {
        var k = index
        if k < limit && text[k] == "*" { k += 1 }
        if k < limit && text[k] == "[", let close = bracketEnd(from: k + 1) { k = close + 1 }
        if isGroup(k) { roles[k] = .keep(chained: true) }
    }

    /// Puts `mark` on the first letter of the argument: `e`, `{e}`, `\i`. `\^{}` is the accent itself.
    private mutating func accent(_ mark: Unicode.Scalar, spacing: Unicode.Scalar?, from start: Int, math: Bool, into out: inout Scalars) {
        let nameEnd = index
        skipSpaces()
        let c = index < limit ? text[index] : " "
        if c == "{" || c == "\\" {
            guard let (arg, _) = argument(math: math) else { index = nameEnd; return copy(start..<nameEnd, into: &out) }
            guard var base = arg.first else {
                if let spacing { return out.append(spacing) }
                return copy(start..<index, into: &out)
            }
            if c == "\\" && !base.properties.isAlphabetic { copy(start..<nameEnd, into: &out); return out += arg }
            // Accents go on the dotted letter: `\'{\i}` is í.
            if base == "ı" { base = "i" } else if base == "ȷ" { base = "j" }
            out += [base, mark] + arg.dropFirst()
        } else if c.properties.isAlphabetic {
            index += 1
            out += [c, mark]
        } else {
            index = nameEnd
            copy(start..<nameEnd, into: &out)
        }
    }

    /// `\sqrt{x}` is `√x`; an argument of more than one character (other than a number) is bracketed.
    private mutating func squareRoot(from start: Int, into out: inout Scalars) {
        skipSpaces()
        var degree: Scalars?
        if index < limit && text[index] == "[", let close = bracketEnd(from: index + 1) {
            var d = Scalars()
            index += 1
            render(until: close, math: true, into: &d)
            index = close + 1
            degree = d
        }
        guard let (arg, _) = argument(math: true) else { return copy(start..<index, into: &out) }
        var root: Scalars = ["√"]
        switch degree {
        case nil, ["2"]?: break
        case ["3"]?: root = ["∛"]
        case ["4"]?: root = ["∜"]
        case let degree?:
            guard let small = TeXSymbols.small(degree, superscript: true) else {
                return out += Array(#"\sqrt["#.unicodeScalars) + degree + ["]"] + Self.braced(arg)
            }
            root = small + root
        }
        let shown = String(String.UnicodeScalarView(arg))
        let bare = shown.count <= 1 || shown.allSatisfy { $0.isASCII && ($0.isNumber || $0 == ".") }
        out += root + (bare ? arg : ["("] + arg + [")"])
    }

    /// `^…` or `_…` in math: Unicode's small forms when the whole script has them, else as written.
    private mutating func script(_ c: Unicode.Scalar, into out: inout Scalars) {
        let start = index
        index += 1
        guard let (arg, group) = argument(math: true) else { return copy(start..<index, into: &out) }
        if c == "^" && arg == ["∘"] { return out.append("°") }
        if c == "^" && !arg.isEmpty && arg.allSatisfy({ $0 == "′" }) { return out += arg }
        if let small = TeXSymbols.small(arg, superscript: c == "^") { return out += small }
        out += [c] + (group ? Self.braced(arg) : arg)
    }

    /// The next argument, read in `math` or text: a group (true) or one token (false). Nil when there is none.
    private mutating func argument(math: Bool) -> (Scalars, Bool)? {
        skipSpaces()
        guard index < limit, depth < Self.maxDepth else { return nil }
        var arg = Scalars()
        switch text[index] {
        case "{":
            guard isGroup(index) else { return nil }
            let end = match[index]
            index += 1
            render(until: end, math: math, into: &arg)
            index = end + 1
            return (arg, true)
        case "}", "$":
            return nil
        case "\\":
            depth += 1
            command(math: math, into: &arg)
            depth -= 1
            return (arg, false)
        case let c:
            index += 1
            return ([Self.visible(c)], false)
        }
    }

    /// A group's text exactly as written (a URL).
    private mutating func verbatimGroup() -> Scalars? {
        skipSpaces()
        guard isGroup(index) else { return nil }
        var content = Scalars()
        copy((index + 1)..<match[index], into: &content)
        index = match[index] + 1
        return content
    }

    /// The `]` of an optional argument starting at `from`: near, and with no group or math in between.
    private func bracketEnd(from: Int) -> Int? {
        for j in from..<max(from, min(limit, from + 200)) {
            switch text[j] {
            case "]": return j
            case "{", "}", "$": return nil
            default: continue
            }
        }
        return nil
    }

    private mutating func skipSpaces() {
        while index < limit && [" ", "\t", "\n", "\r"].contains(text[index]) { index += 1 }
    }

    private func copy(_ range: Range<Int>, into out: inout Scalars) {
        out += text[range].lazy.map(Self.visible)
    }

    /// Control characters would break a terminal line: they show as spaces.
    private static func visible(_ c: Unicode.Scalar) -> Unicode.Scalar {
        c.value < 0x20 || (0x7F...0x9F).contains(c.value) ? " " : c
    }

    private static func isASCIILetter(_ c: Unicode.Scalar) -> Bool { (c.value | 0x20) &- 0x61 < 26 }
    private static func isDigit(_ c: Unicode.Scalar) -> Bool { c.value &- 0x30 < 10 }
    private static func isASCIILetterOrDigit(_ c: Unicode.Scalar) -> Bool { isASCIILetter(c) || isDigit(c) }
    private static func braced(_ s: Scalars) -> Scalars { ["{"] + s + ["}"] }
}
