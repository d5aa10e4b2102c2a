import Testing
import TerminalUI
@testable import CursesBackend

/// Codes as ncurses 6 defines them (octal in curses.h), written out so a change would show.
@Suite struct KeyDecoderTests {
    private func character(_ code: Int32) -> Key? { KeyDecoder.decode(code: code, isKeyCode: false) }
    private func keyCode(_ code: Int32) -> Key? { KeyDecoder.decode(code: code, isKeyCode: true) }

    @Test func cursesKeyCodes() {
        #expect(keyCode(0o402) == .down)
        #expect(keyCode(0o403) == .up)
        #expect(keyCode(0o404) == .left)
        #expect(keyCode(0o405) == .right)
        #expect(keyCode(0o406) == .home)
        #expect(keyCode(0o550) == .end)
        #expect(keyCode(0o523) == .pageUp)
        #expect(keyCode(0o522) == .pageDown)
        #expect(keyCode(0o407) == .backspace)
        #expect(keyCode(0o512) == .delete)
        #expect(keyCode(0o541) == .backTab)
        #expect(keyCode(0o527) == .enter)
    }

    @Test func shiftedAndVT220KeysLoseTheirModifier() {
        #expect(keyCode(0o607) == .home) // KEY_SHOME
        #expect(keyCode(0o602) == .end) // KEY_SEND
        #expect(keyCode(0o552) == .home) // KEY_FIND
        #expect(keyCode(0o601) == .end) // KEY_SELECT
        #expect(keyCode(0o521) == .up) // KEY_SR
        #expect(keyCode(0o520) == .down) // KEY_SF
        #expect(keyCode(0o616) == .pageUp)
        #expect(keyCode(0o614) == .pageDown)
        #expect(keyCode(0o577) == .delete)
        #expect(keyCode(0o513) == nil) // KEY_IC: Insert has no key
    }

    @Test func extendedKeyNamesLoseTheirModifier() {
        #expect(KeyDecoder.decodeExtended(name: "kEND5") == .end)
        #expect(KeyDecoder.decodeExtended(name: "kHOM3") == .home)
        #expect(KeyDecoder.decodeExtended(name: "kUP") == .up)
        #expect(KeyDecoder.decodeExtended(name: "kDN6") == .down)
        #expect(KeyDecoder.decodeExtended(name: "kNXT7") == .pageDown)
        #expect(KeyDecoder.decodeExtended(name: "kDC5") == .delete)
        #expect(KeyDecoder.decodeExtended(name: "kIC5") == nil)
        #expect(KeyDecoder.decodeExtended(name: "kUP10") == .up)
        #expect(KeyDecoder.decodeExtended(name: "kxIN") == nil)
    }

    @Test func functionKeys() {
        #expect(keyCode(0o410 + 1) == .function(1))
        #expect(keyCode(0o410 + 12) == .function(12))
        #expect(keyCode(0o410 + 63) == .function(63))
        #expect(keyCode(0o410) == nil) // F0 is no key anyone presses
        #expect(keyCode(0o410 + 64) == nil)
    }

    @Test func resizeAndMouseAreNotKeys() {
        #expect(keyCode(0o632) == nil)
        #expect(keyCode(0o631) == nil)
    }

    @Test func keyCodesAreNotReadAsCharacters() {
        // The same number means a character when wget_wch returned OK: 0o403 is "ă".
        #expect(character(0o403) == .char("ă"))
    }

    @Test func controlCharacters() {
        #expect(character(13) == .enter)
        #expect(character(10) == .enter)
        #expect(character(9) == .tab)
        #expect(character(27) == .escape)
        #expect(character(127) == .backspace)
        #expect(character(8) == .backspace)
        #expect(character(1) == .ctrl("a"))
        #expect(character(4) == .ctrl("d"))
        #expect(character(12) == .ctrl("l"))
        #expect(character(26) == .ctrl("z"))
    }

    @Test func controlsWithoutAKeyAreDropped() {
        #expect(character(0) == nil)
        #expect(character(28) == nil)
        #expect(character(31) == nil)
        #expect(character(0x9B) == nil) // C1 CSI
        #expect(character(-1) == nil)
        #expect(character(0xD800) == nil) // a lone surrogate is no character
    }

    @Test func printableCharacters() {
        #expect(character(32) == .char(" "))
        #expect(character(106) == .char("j"))
        #expect(character(0xE9) == .char("é"))
        #expect(character(0x6F22) == .char("漢"))
        #expect(character(0x1F389) == .char("🎉"))
    }

    @Test func mouseButtonsAndWheel() {
        // ncurses mouse version 2: button n's released/pressed/clicked bits are 1/2/4 << 5(n-1).
        #expect(KeyDecoder.decodeMouse(buttons: 2, x: 3, y: 4) == .press(.left, x: 3, y: 4))
        #expect(KeyDecoder.decodeMouse(buttons: 4, x: 0, y: 0) == .press(.left, x: 0, y: 0))
        #expect(KeyDecoder.decodeMouse(buttons: 2 << 5, x: 1, y: 1) == .press(.middle, x: 1, y: 1))
        #expect(KeyDecoder.decodeMouse(buttons: 4 << 10, x: 1, y: 1) == .press(.right, x: 1, y: 1))
        #expect(KeyDecoder.decodeMouse(buttons: 2 << 15, x: 5, y: 6) == .wheelUp(x: 5, y: 6))
        #expect(KeyDecoder.decodeMouse(buttons: 2 << 20, x: 5, y: 6) == .wheelDown(x: 5, y: 6))
    }

    @Test func releasesAndMotionAreNotEvents() {
        #expect(KeyDecoder.decodeMouse(buttons: 1, x: 0, y: 0) == nil)
        #expect(KeyDecoder.decodeMouse(buttons: 1 << 25, x: 0, y: 0) == nil) // REPORT_MOUSE_POSITION
        #expect(KeyDecoder.decodeMouse(buttons: 0, x: 0, y: 0) == nil)
    }
}
