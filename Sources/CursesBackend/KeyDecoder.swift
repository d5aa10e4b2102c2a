import CNcursesw
import TerminalUI

/// Turns what `wget_wch` and `getmouse` report into `Key`s and `MouseEvent`s: pure, so it is
/// tested without a terminal. `KEY_RESIZE` and `KEY_MOUSE` are not keys; the terminal handles
/// them before asking here.
enum KeyDecoder {
    /// The key for a `wget_wch` result: `code` is the wide character, or a `KEY_*` code when
    /// `isKeyCode` (wget_wch returned `KEY_CODE_YES`). Nil for what the app has no key for.
    static func decode(code: Int32, isKeyCode: Bool) -> Key? {
        isKeyCode ? decodeKeyCode(code) : decodeCharacter(code)
    }

    /// The mouse event for a `getmouse` report with button state `buttons` at column `x`, row
    /// `y`. Only presses (and clicks, which curses makes of a press and a release) and the
    /// wheel count; releases and motion are nil.
    static func decodeMouse(buttons: mmask_t, x: Int, y: Int) -> MouseEvent? {
        func any(_ masks: mmask_t...) -> Bool { masks.contains { buttons & $0 != 0 } }
        if any(folio_BUTTON4_PRESSED()) { return .wheelUp(x: x, y: y) }
        if any(folio_BUTTON5_PRESSED()) { return .wheelDown(x: x, y: y) }
        if any(folio_BUTTON1_PRESSED(), folio_BUTTON1_CLICKED()) { return .press(.left, x: x, y: y) }
        if any(folio_BUTTON2_PRESSED(), folio_BUTTON2_CLICKED()) { return .press(.middle, x: x, y: y) }
        if any(folio_BUTTON3_PRESSED(), folio_BUTTON3_CLICKED()) { return .press(.right, x: x, y: y) }
        return nil
    }

    /// Function keys curses knows: F1 to F63.
    static let functionKeys = 1...63

    /// A key code past `KEY_MAX`, which ncurses makes up for a terminfo entry's extended key
    /// names (`kEND5` is Ctrl-End): the key without its modifier, by name. Nil for the rest.
    static func decodeExtended(name: String) -> Key? {
        switch name.prefix(while: { !$0.isNumber }) {
        case "kUP": return .up
        case "kDN": return .down
        case "kLFT": return .left
        case "kRIT": return .right
        case "kHOM": return .home
        case "kEND": return .end
        case "kPRV": return .pageUp
        case "kNXT": return .pageDown
        case "kDC": return .delete
        default: return nil // kIC (Insert) has no key; kpADD and the like are rare
        }
    }

    private static func decodeKeyCode(_ code: Int32) -> Key? {
        switch code {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_PPAGE: return .pageUp
        case KEY_NPAGE: return .pageDown
        case KEY_HOME: return .home
        case KEY_END: return .end
        case KEY_BACKSPACE: return .backspace
        case KEY_DC: return .delete
        case KEY_BTAB: return .backTab
        case KEY_ENTER: return .enter
        // Modifiers are ignored: Shift-Home is Home. VT220's Find and Select sit where Home and End are.
        case KEY_SR: return .up
        case KEY_SF: return .down
        case KEY_SLEFT: return .left
        case KEY_SRIGHT: return .right
        case KEY_SPREVIOUS: return .pageUp
        case KEY_SNEXT: return .pageDown
        case KEY_SHOME, KEY_FIND: return .home
        case KEY_SEND, KEY_SELECT: return .end
        case KEY_SDC: return .delete
        default:
            let function = Int(code) - Int(folio_KEY_F(0))
            return functionKeys.contains(function) ? .function(function) : nil
        }
    }

    private static func decodeCharacter(_ code: Int32) -> Key? {
        switch code {
        case 10, 13: return .enter
        case 9: return .tab
        case 27: return .escape
        case 8, 127: return .backspace
        case 1...26: return .ctrl(Character(Unicode.Scalar(UInt8(code) + 0x60)))
        default:
            // Other C0 and C1 controls have no key; a negative or surrogate code is no character.
            guard let scalar = Unicode.Scalar(UInt32(bitPattern: code)),
                  !(0..<0x20).contains(scalar.value), !(0x7F..<0xA0).contains(scalar.value)
            else { return nil }
            return .char(Character(scalar))
        }
    }
}
