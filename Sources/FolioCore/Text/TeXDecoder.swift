import Foundation

/// Turns the TeX found in BibTeX fields into plain Unicode text: accents (`\'e`, `\"{o}`,
/// `{\L}`), special letters, escaped symbols, dashes and ties. Grouping braces are dropped;
/// math between `$…$` is kept exactly as written, since it has no faithful plain-text form.
/// The result is NFC but not white-space normalized; callers pass it to `TextNormalizer.clean`.
public enum TeXDecoder {
    public static func decode(_ tex: String) -> String {
        isPlain(tex) ? tex : decodeScanning(tex)
    }

    /// Every character through the scanner, then NFC: what `decode` gives for any text.
    static func decodeScanning(_ tex: String) -> String {
        var scanner = TeXScanner(Array(tex.unicodeScalars))
        var out = String.UnicodeScalarView()
        scanner.decode(into: &out, insideGroup: false)
        return String(out).precomposedStringWithCanonicalMapping
    }

    /// ASCII with nothing the scanner changes (`{ } $ \ ~`, a dash run): already what `decode` gives, as
    /// most titles and abstracts of a large import are, so they skip the scan and the normalization.
    static func isPlain(_ text: String) -> Bool {
        var text = text
        return text.withUTF8(isPlain)
    }

    private static func isPlain(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var previous: UInt8 = 0
        func plain(_ byte: UInt8) -> Bool {
            switch byte {
            case 0x80..., UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "$"), UInt8(ascii: "\\"), UInt8(ascii: "~"): return false
            case UInt8(ascii: "-") where previous == UInt8(ascii: "-"): return false
            default: previous = byte; return true
            }
        }
        var i = 0
        while i + 8 <= bytes.count {
            let word = ByteScan.word(bytes, at: i)
            if ByteScan.hasNonASCII(word) { return false }
            if ByteScan.has(word, UInt8(ascii: "{")) || ByteScan.has(word, UInt8(ascii: "}")) || ByteScan.has(word, UInt8(ascii: "$"))
                || ByteScan.has(word, UInt8(ascii: "\\")) || ByteScan.has(word, UInt8(ascii: "~")) || ByteScan.has(word, UInt8(ascii: "-")) {
                for j in i..<(i + 8) where !plain(bytes[j]) { return false }
            } else {
                previous = bytes[i + 7]
            }
            i += 8
        }
        return bytes[i...].allSatisfy(plain)
    }

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

    /// Commands that stand for a letter or a piece of text.
    static let wordSymbols: [String: String] = [
        "ss": "ß", "ae": "æ", "AE": "Æ", "oe": "œ", "OE": "Œ", "aa": "å", "AA": "Å",
        "o": "ø", "O": "Ø", "l": "ł", "L": "Ł", "i": "ı", "j": "ȷ",
        "textendash": "–", "textemdash": "—", "ldots": "…", "dots": "…",
        "TeX": "TeX", "LaTeX": "LaTeX", "textasciitilde": "~", "textbackslash": "\\",
    ]
}

/// One pass over TeX text; `index` only moves forward.
private struct TeXScanner {
    let text: [Unicode.Scalar]
    var index = 0

    init(_ text: [Unicode.Scalar]) { self.text = text }

    private var current: Unicode.Scalar? { index < text.count ? text[index] : nil }

    /// Decodes up to the end of the text, or past the `}` closing the current group.
    mutating func decode(into out: inout String.UnicodeScalarView, insideGroup: Bool) {
        while let scalar = current {
            switch scalar {
            case "{":
                index += 1
                decode(into: &out, insideGroup: true)
            case "}":
                index += 1
                if insideGroup { return }  // a stray `}` outside any group is dropped
            case "$":
                copyMath(into: &out)
            case "\\":
                index += 1
                command(into: &out)
            case "~":
                index += 1
                out.append(" ")  // a tie is a space that does not break; plain text has no need of it
            case "-":
                dashes(into: &out)
            default:
                out.append(scalar)
                index += 1
            }
        }
    }

    /// Copies `$…$` or `$$…$$` unchanged, delimiters included.
    private mutating func copyMath(into out: inout String.UnicodeScalarView) {
        let display = index + 1 < text.count && text[index + 1] == "$"
        let delimiter = display ? 2 : 1
        for _ in 0..<delimiter { out.append(text[index]); index += 1 }
        var closing = 0
        while let scalar = current, closing < delimiter {
            out.append(scalar)
            index += 1
            if scalar == "\\", let escaped = current {
                out.append(escaped)  // `\$` inside math does not end it
                index += 1
            } else {
                closing = scalar == "$" ? closing + 1 : 0
            }
        }
    }

    private mutating func dashes(into out: inout String.UnicodeScalarView) {
        var count = 0
        while current == "-" && count < 3 {
            count += 1
            index += 1
        }
        switch count {
        case 3: out.append("—")
        case 2: out.append("–")
        default: out.append("-")
        }
    }

    /// Handles what follows a backslash.
    private mutating func command(into out: inout String.UnicodeScalarView) {
        guard let first = current else {
            out.append("\\")
            return
        }
        guard first.properties.isAlphabetic && first.isASCII else {
            index += 1
            controlSymbol(first, into: &out)
            return
        }
        var name = ""
        while let scalar = current, scalar.isASCII, scalar.properties.isAlphabetic {
            name.unicodeScalars.append(scalar)
            index += 1
        }
        skipSpaces()  // TeX ignores spaces after a control word: `\ss e` is `ße`
        if let mark = TeXDecoder.wordAccents[name] {
            accent(mark, into: &out)
        } else if let symbol = TeXDecoder.wordSymbols[name] {
            out.append(contentsOf: symbol.unicodeScalars)
        } else if name == "url" {
            copyVerbatimArgument(into: &out)
        }
        // Any other command (`\emph`, `\textbf`) is dropped; its argument decodes as a group.
    }

    private mutating func controlSymbol(_ symbol: Unicode.Scalar, into out: inout String.UnicodeScalarView) {
        if let mark = TeXDecoder.symbolAccents[symbol] {
            accent(mark, into: &out)
            return
        }
        switch symbol {
        case "\\", " ", ",", ";", ":", "\n":
            out.append(" ")  // line break and explicit spaces
        case "-", "/":
            break  // hyphenation hint, italic correction
        default:
            out.append(symbol)  // `\&`, `\%`, `\_`, `\$`, `\#`, `\{`, `\}`
        }
    }

    /// Puts `mark` on the first letter of the accent's argument: `e`, `{e}` or `\i`.
    private mutating func accent(_ mark: Unicode.Scalar, into out: inout String.UnicodeScalarView) {
        skipSpaces()
        var argument = String.UnicodeScalarView()
        switch current {
        case "{":
            index += 1
            decode(into: &argument, insideGroup: true)
        case "\\":
            index += 1
            command(into: &argument)
        case let scalar?:
            argument.append(scalar)
            index += 1
        case nil:
            break
        }
        guard var base = argument.first else { return }
        // Accents go on the dotted letter: `\'{\i}` is í.
        if base == "ı" { base = "i" }
        if base == "ȷ" { base = "j" }
        out.append(base)
        out.append(mark)
        out.append(contentsOf: argument.dropFirst())
    }

    /// `\url{…}`: the argument is a URL, so `_`, `~` and `%` in it are taken literally.
    private mutating func copyVerbatimArgument(into out: inout String.UnicodeScalarView) {
        guard current == "{" else { return }
        index += 1
        var depth = 1
        while let scalar = current {
            index += 1
            if scalar == "{" { depth += 1 }
            if scalar == "}" { depth -= 1 }
            if depth == 0 { return }
            out.append(scalar)
        }
    }

    private mutating func skipSpaces() {
        while let scalar = current, scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r" {
            index += 1
        }
    }
}
