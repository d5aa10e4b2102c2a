import TerminalUI

/// Escape sequences as terminals really send them, whatever `TERM`'s terminfo entry says: xterm
/// (`ESC[H`, `ESC OH`, `ESC[1;5H`), VT220 (`ESC[1~`…`ESC[24~`), rxvt (`ESC[7~`, `ESC[11~`, `ESC[2$`),
/// screen/tmux and the Linux console (`ESC[[A`), and the SGR, X10 and urxvt mouse reports.
///
/// ncurses decodes only the sequences its terminfo entry lists; anything else comes back as ESC
/// followed by loose characters, which would read as Escape (leaving a prompt) and then stray keys.
/// The terminal reads those characters on and hands them here: a whole CSI or SS3 sequence becomes
/// one event, or nothing. Pure, so every encoding is unit tested without a terminal.
enum EscapeSequence {
    /// How far a run of bytes that starts with ESC has got.
    enum Scan: Equatable {
        /// The start of a sequence: read on.
        case incomplete
        /// A whole sequence, ending at the last byte: its event, or nil when Folio has none for it.
        case complete(InputEvent?)
        /// ESC and then something that starts no CSI or SS3 sequence (Alt-x): the ESC is Escape of
        /// its own, and the bytes after it are input of their own.
        case notASequence
        /// Bytes no terminal sends (or longer than any sequence): dropped whole.
        case malformed
    }

    /// Longer than any key or mouse report; a run this long without a final byte is garbage.
    static let maximumLength = 32

    private static let escape: UInt8 = 0x1B

    static func scan(_ bytes: [UInt8]) -> Scan {
        guard bytes.first == escape else { return .notASequence }
        guard bytes.count > 1 else { return .incomplete }
        switch bytes[1] {
        case ascii("["): return scanCSI(bytes)
        case ascii("O"): return scanSS3(bytes)
        default: return .notASequence
        }
    }

    /// The event for a whole sequence (as `scan` found it complete); nil for one Folio has no use
    /// for (Insert, focus reports, releases, motion) or that is not whole.
    static func decode(_ bytes: [UInt8]) -> InputEvent? {
        if case .complete(let event) = scan(bytes) { return event }
        return nil
    }

    // MARK: - Where a sequence ends

    private static func scanCSI(_ bytes: [UInt8]) -> Scan {
        // X10 mouse: `ESC [ M` and three raw bytes, which may be anything from 32 to 255.
        if bytes.count > 2, bytes[2] == ascii("M") {
            return bytes.count < 6 ? .incomplete : (bytes.count == 6 ? .complete(x10Mouse(bytes)) : .malformed)
        }
        // Linux console F1–F5: `ESC [ [ A`…`E`.
        if bytes.count > 2, bytes[2] == ascii("[") {
            return bytes.count < 4 ? .incomplete : (bytes.count == 4 ? .complete(linuxFunctionKey(bytes[3])) : .malformed)
        }
        for index in 2..<bytes.count {
            let byte = bytes[index]
            let isLast = index == bytes.count - 1
            switch byte {
            case 0x30...0x3F: // parameters
                continue
            case ascii("$") where bytes[2..<index].allSatisfy(isDigit):
                // rxvt's Shift-modified keys end in `$` (`ESC[7$`), which is otherwise an intermediate.
                return isLast ? .complete(decodeCSI(bytes)) : .malformed
            case 0x20...0x2F: // intermediates
                continue
            case 0x40...0x7E: // the final byte
                return isLast ? .complete(decodeCSI(bytes)) : .malformed
            default:
                return .malformed
            }
        }
        return bytes.count >= maximumLength ? .malformed : .incomplete
    }

    private static func scanSS3(_ bytes: [UInt8]) -> Scan {
        for index in 2..<bytes.count {
            let byte = bytes[index]
            let isLast = index == bytes.count - 1
            switch byte {
            case 0x30...0x39, ascii(";"): // modifiers, as some terminals send them (`ESC O 5 P`)
                continue
            case 0x40...0x7E:
                return isLast ? .complete(decodeSS3(byte)) : .malformed
            default:
                return .malformed
            }
        }
        return bytes.count >= maximumLength ? .malformed : .incomplete
    }

    // MARK: - Keys

    private static func decodeCSI(_ bytes: [UInt8]) -> InputEvent? {
        let final = bytes[bytes.count - 1]
        let body = bytes[2..<(bytes.count - 1)]
        if body.first == ascii("<") {
            return sgrMouse(parameters(body.dropFirst()), released: final == ascii("m"))
        }
        // `?`, `>`, `=` start replies to queries Folio never makes.
        if let first = body.first, (0x3C...0x3F).contains(first) { return nil }
        let numbers = parameters(body)
        switch final {
        case ascii("~"), ascii("$"), ascii("^"), ascii("@"):
            // VT220 and rxvt numbers; the modifier (`;5~`, `^`, `$`, `@`) is ignored.
            return numbers.first.flatMap { $0 }.flatMap(tildeKey).map(InputEvent.key)
        case ascii("M") where numbers.count == 3:
            // urxvt mouse: the X10 button code, then 1-based column and row, all in decimal.
            guard let code = numbers[0], let x = numbers[1], let y = numbers[2] else { return nil }
            return mouse(code: code - 32, column: x, row: y, released: false)
        default:
            // Only a modifier may follow the `1;` of `ESC[1;5H`: more parameters mean another sequence.
            guard numbers.count <= 2 else { return nil }
            return letterKey(final).map(InputEvent.key)
        }
    }

    private static func decodeSS3(_ final: UInt8) -> InputEvent? {
        if let key = letterKey(final) { return .key(key) }
        switch final {
        case ascii("M"): return .key(.enter) // the keypad's Enter in application mode
        case ascii("j"): return .key(.char("*"))
        case ascii("k"): return .key(.char("+"))
        case ascii("l"): return .key(.char(","))
        case ascii("m"): return .key(.char("-"))
        case ascii("n"): return .key(.char("."))
        case ascii("o"): return .key(.char("/"))
        case ascii("X"): return .key(.char("="))
        case ascii("p")...ascii("y"): // keypad digits in application mode
            return .key(.char(Character(Unicode.Scalar(final - ascii("p") + ascii("0")))))
        default: return nil
        }
    }

    /// Keys named by the final letter alone (`ESC[A`, `ESC OH`, `ESC[1;2P`).
    private static func letterKey(_ final: UInt8) -> Key? {
        switch final {
        case ascii("A"): return .up
        case ascii("B"): return .down
        case ascii("C"): return .right
        case ascii("D"): return .left
        case ascii("H"): return .home
        case ascii("F"): return .end
        case ascii("Z"): return .backTab
        case ascii("P")...ascii("S"): return .function(Int(final - ascii("P")) + 1)
        default: return nil // `E` (keypad 5), focus `I`/`O`, kitty's `u`
        }
    }

    /// The keys of `ESC [ n ~`: VT220, xterm and rxvt numbering. Insert (2) has no key in Folio.
    private static func tildeKey(_ number: Int) -> Key? {
        switch number {
        case 1, 7: return .home // VT220 Find, rxvt Home
        case 4, 8: return .end // VT220 Select, rxvt End
        case 3: return .delete
        case 5: return .pageUp
        case 6: return .pageDown
        case 11...15: return .function(number - 10)
        case 17...21: return .function(number - 11)
        case 23...26: return .function(number - 12)
        case 28, 29: return .function(number - 13)
        case 31...34: return .function(number - 14)
        default: return nil // 2 Insert, 200/201 bracketed paste
        }
    }

    private static func linuxFunctionKey(_ final: UInt8) -> InputEvent? {
        guard (ascii("A")...ascii("E")).contains(final) else { return nil }
        return .key(.function(Int(final - ascii("A")) + 1))
    }

    // MARK: - Mouse

    private static func sgrMouse(_ numbers: [Int?], released: Bool) -> InputEvent? {
        guard numbers.count == 3, let code = numbers[0], let x = numbers[1], let y = numbers[2] else { return nil }
        return mouse(code: code, column: x, row: y, released: released)
    }

    private static func x10Mouse(_ bytes: [UInt8]) -> InputEvent? {
        mouse(code: Int(bytes[3]) - 32, column: Int(bytes[4]) - 32, row: Int(bytes[5]) - 32, released: false)
    }

    /// An xterm button code at a 1-based column and row: presses and the wheel; releases, motion
    /// and buttons beyond the wheel are nil. Modifier bits (4, 8, 16) are ignored.
    private static func mouse(code: Int, column: Int, row: Int, released: Bool) -> InputEvent? {
        let (x, y) = (column - 1, row - 1)
        guard !released, code >= 0, code & 32 == 0, code & 128 == 0, x >= 0, y >= 0 else { return nil }
        if code & 64 != 0 {
            switch code & 3 {
            case 0: return .mouse(.wheelUp(x: x, y: y))
            case 1: return .mouse(.wheelDown(x: x, y: y))
            default: return nil // sideways
            }
        }
        switch code & 3 {
        case 0: return .mouse(.press(.left, x: x, y: y))
        case 1: return .mouse(.press(.middle, x: x, y: y))
        case 2: return .mouse(.press(.right, x: x, y: y))
        default: return nil // X10's release, which does not say which button
        }
    }

    // MARK: - Bytes

    /// `;`-separated decimal parameters; an empty or non-numeric one is nil.
    private static func parameters(_ body: ArraySlice<UInt8>) -> [Int?] {
        guard !body.isEmpty else { return [] }
        return body.split(separator: ascii(";"), omittingEmptySubsequences: false).map { field in
            guard !field.isEmpty, field.count <= 6, field.allSatisfy(isDigit) else { return nil }
            return field.reduce(0) { $0 * 10 + Int($1 - ascii("0")) }
        }
    }

    private static func isDigit(_ byte: UInt8) -> Bool { (0x30...0x39).contains(byte) }

    private static func ascii(_ character: Unicode.Scalar) -> UInt8 { UInt8(character.value) }
}
