import Testing
import TerminalUI
@testable import CursesBackend

/// Sequences written as a terminal sends them (`\u{1B}` is ESC), so each line reads like a terminal's manual.
@Suite struct EscapeSequenceTests {
    private func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }
    private func decode(_ text: String) -> InputEvent? { EscapeSequence.decode(bytes(text)) }
    private func key(_ text: String) -> Key? {
        if case .key(let key) = decode(text) { return key }
        return nil
    }
    private func scan(_ text: String) -> EscapeSequence.Scan { EscapeSequence.scan(bytes(text)) }

    @Test func homeAndEndInEveryEncoding() {
        for home in ["\u{1B}[H", "\u{1B}OH", "\u{1B}[1~", "\u{1B}[7~", "\u{1B}[1;5H", "\u{1B}[1;2~", "\u{1B}[7$", "\u{1B}[7^"] {
            #expect(key(home) == .home, "\(Array(home.utf8))")
        }
        for end in ["\u{1B}[F", "\u{1B}OF", "\u{1B}[4~", "\u{1B}[8~", "\u{1B}[1;2F", "\u{1B}[8@"] {
            #expect(key(end) == .end, "\(Array(end.utf8))")
        }
    }

    @Test func editingAndPagingKeys() {
        #expect(key("\u{1B}[3~") == .delete)
        #expect(key("\u{1B}[3;5~") == .delete)
        #expect(key("\u{1B}[5~") == .pageUp)
        #expect(key("\u{1B}[6~") == .pageDown)
        #expect(key("\u{1B}[6;2~") == .pageDown)
        #expect(key("\u{1B}[Z") == .backTab)
        #expect(decode("\u{1B}[2~") == nil, "Insert has no key in Folio")
        #expect(decode("\u{1B}[2$") == nil)
    }

    @Test func arrowsInNormalAndApplicationMode() {
        #expect(key("\u{1B}[A") == .up)
        #expect(key("\u{1B}[B") == .down)
        #expect(key("\u{1B}[C") == .right)
        #expect(key("\u{1B}[D") == .left)
        #expect(key("\u{1B}OA") == .up)
        #expect(key("\u{1B}[1;5D") == .left)
    }

    @Test func functionKeysInEveryEncoding() {
        // xterm SS3, VT220 tildes, rxvt, the Linux console and xterm's modified F1–F4.
        let encodings: [(String, Int)] = [
            ("\u{1B}OP", 1), ("\u{1B}OQ", 2), ("\u{1B}OR", 3), ("\u{1B}OS", 4),
            ("\u{1B}[11~", 1), ("\u{1B}[12~", 2), ("\u{1B}[13~", 3), ("\u{1B}[14~", 4), ("\u{1B}[15~", 5),
            ("\u{1B}[17~", 6), ("\u{1B}[18~", 7), ("\u{1B}[19~", 8), ("\u{1B}[20~", 9), ("\u{1B}[21~", 10),
            ("\u{1B}[23~", 11), ("\u{1B}[24~", 12), ("\u{1B}[25~", 13), ("\u{1B}[34~", 20),
            ("\u{1B}[[A", 1), ("\u{1B}[[E", 5), ("\u{1B}[1;2P", 1), ("\u{1B}[1;5S", 4), ("\u{1B}O5P", 1),
            ("\u{1B}[15;5~", 5), ("\u{1B}[11^", 1),
        ]
        for (sequence, number) in encodings {
            #expect(key(sequence) == .function(number), "\(Array(sequence.utf8)) should be F\(number)")
        }
        #expect(decode("\u{1B}[16~") == nil, "16 and 22 are gaps in the VT220 numbering")
        #expect(decode("\u{1B}[22~") == nil)
    }

    @Test func keypadInApplicationMode() {
        #expect(key("\u{1B}OM") == .enter)
        #expect(key("\u{1B}Op") == .char("0"))
        #expect(key("\u{1B}Oy") == .char("9"))
        #expect(key("\u{1B}Ok") == .char("+"))
        #expect(decode("\u{1B}[E") == nil, "keypad 5 with Num Lock off")
    }

    @Test func sgrMouseReports() {
        #expect(decode("\u{1B}[<0;10;5M") == .mouse(.press(.left, x: 9, y: 4)))
        #expect(decode("\u{1B}[<1;1;1M") == .mouse(.press(.middle, x: 0, y: 0)))
        #expect(decode("\u{1B}[<2;200;60M") == .mouse(.press(.right, x: 199, y: 59)))
        #expect(decode("\u{1B}[<64;3;7M") == .mouse(.wheelUp(x: 2, y: 6)))
        #expect(decode("\u{1B}[<65;3;7M") == .mouse(.wheelDown(x: 2, y: 6)))
        #expect(decode("\u{1B}[<16;3;7M") == .mouse(.press(.left, x: 2, y: 6)), "Ctrl-click is a click")
        #expect(decode("\u{1B}[<0;10;5m") == nil, "release")
        #expect(decode("\u{1B}[<32;10;5M") == nil, "drag")
        #expect(decode("\u{1B}[<35;10;5M") == nil, "motion")
        #expect(decode("\u{1B}[<66;10;5M") == nil, "sideways wheel")
        #expect(decode("\u{1B}[<0;0;5M") == nil, "column 0 is off the screen")
        #expect(decode("\u{1B}[<0;10M") == nil)
    }

    @Test func x10AndUrxvtMouseReports() {
        // X10: button + 32, column + 32, row + 32 as raw bytes, which may be above 127.
        #expect(EscapeSequence.decode([0x1B, 0x5B, 0x4D, 32, 32 + 10, 32 + 5]) == .mouse(.press(.left, x: 9, y: 4)))
        #expect(EscapeSequence.decode([0x1B, 0x5B, 0x4D, 32 + 65, 32 + 150, 32 + 5]) == .mouse(.wheelDown(x: 149, y: 4)))
        #expect(EscapeSequence.decode([0x1B, 0x5B, 0x4D, 32 + 3, 33, 33]) == nil, "release")
        #expect(EscapeSequence.scan([0x1B, 0x5B, 0x4D, 32, 200]) == .incomplete, "three bytes follow ESC [ M")
        #expect(decode("\u{1B}[32;10;5M") == .mouse(.press(.left, x: 9, y: 4)))
        #expect(decode("\u{1B}[96;10;5M") == .mouse(.wheelUp(x: 9, y: 4)))
        #expect(decode("\u{1B}[35;10;5M") == nil, "release")
    }

    @Test func whereSequencesEnd() {
        #expect(scan("\u{1B}") == .incomplete)
        #expect(scan("\u{1B}[") == .incomplete)
        #expect(scan("\u{1B}[1") == .incomplete)
        #expect(scan("\u{1B}[1;5") == .incomplete)
        #expect(scan("\u{1B}[<0;10;5") == .incomplete)
        #expect(scan("\u{1B}O") == .incomplete)
        #expect(scan("\u{1B}[[") == .incomplete)
        #expect(scan("\u{1B}[1~") == .complete(.key(.home)))
        #expect(scan("\u{1B}[200~") == .complete(nil), "a whole sequence with no event is still whole")
        #expect(scan("\u{1B}[?1;2c") == .complete(nil), "a reply to a query")
        #expect(scan("\u{1B}[I") == .complete(nil), "focus in")
        #expect(scan("\u{1B}[97;5u") == .complete(nil))
    }

    @Test func escapeFollowedByOtherInputIsNoSequence() {
        #expect(scan("\u{1B}j") == .notASequence, "Alt-j: Escape, then j")
        #expect(scan("\u{1B}\u{1B}") == .notASequence)
        #expect(scan("j") == .notASequence)
        #expect(scan("") == .notASequence)
    }

    @Test func brokenSequencesAreMalformed() {
        #expect(scan("\u{1B}[1\u{1B}") == .malformed, "a new ESC inside a sequence")
        #expect(scan("\u{1B}[1\n") == .malformed)
        #expect(scan("\u{1B}O\u{7F}") == .malformed)
        #expect(scan("\u{1B}[1~j") == .malformed, "bytes past the final byte")
        #expect(scan("\u{1B}[" + String(repeating: "1", count: 40)) == .malformed, "no final byte in sight")
        #expect(decode("\u{1B}[1") == nil, "an incomplete sequence decodes to nothing")
        #expect(decode("\u{1B}[99999999999999999999~") == nil, "a huge number does not overflow")
    }
}
