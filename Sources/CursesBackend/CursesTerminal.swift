import CNcursesw
import CTerminalSignals
import Glibc
import TerminalUI

/// Why the terminal could not be opened.
public enum CursesTerminalError: Error, Equatable {
    /// Standard input or output is not a terminal (a pipe, a file).
    case notATerminal
    /// curses does not know the terminal type in `TERM`.
    case unknownTerminal(term: String?)
}

/// The real terminal, through ncursesw: the one place Folio touches curses.
///
/// Not Sendable: curses is one global state, used from the thread that opened it. Call
/// `shutdown()` on every way out (it is idempotent, and `deinit` calls it too).
///
/// Signals never act inside a handler; they make `readEvent` return nil at once, and the app
/// loop asks `takeSignal()`:
/// - SIGTSTP (Ctrl-Z): call `suspend()`, which returns after `fg` with the screen repainted.
/// - SIGINT, SIGTERM, SIGHUP: call `shutdown()` and exit.
///
/// Window resizes are ncurses' own (SIGWINCH) and arrive as `.resize`.
///
/// A crash (a trap, SIGSEGV, SIGABRT, SIGBUS, SIGFPE) while the terminal is open is the one case
/// handled inside a handler: it gives the terminal back and dies by the same signal (CrashGuard.c,
/// and `CrashCleanup` for files to delete then).
public final class CursesTerminal: Backend {
    private let window: UnsafeMutablePointer<WINDOW>
    private var colors: ColorPairs?
    /// Where the cursor should rest after the next flush; nil keeps it hidden.
    private var cursor: (x: Int, y: Int)?
    private var isCursorVisible = false
    private var isShutDown = false
    /// Events read along with another (a key right after a lone ESC), for the next reads.
    private var pending: [InputEvent] = []

    public init() throws {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else { throw CursesTerminalError.notATerminal }
        // Without a UTF-8 locale curses drops CJK and emoji and draws boxes in ASCII.
        setlocale(LC_ALL, "")
        if folio_locale_is_utf8() == 0 { setlocale(LC_ALL, "C.UTF-8") }
        // Before newterm: ncurses then installs none of its own handlers for these (its SIGINT
        // one exits from inside the handler; its SIGTSTP one left keypad mode off after `fg`).
        folio_signals_install()
        // Also before newterm: it saves the tty modes the shell had, for a crash to put back.
        folio_crash_guard_install()
        guard folio_newterm() != nil, let window = folio_stdscr() else {
            folio_crash_guard_uninstall()
            folio_signals_uninstall()
            throw CursesTerminalError.unknownTerminal(term: getenv("TERM").map { String(cString: $0) })
        }
        self.window = window
        cbreak()
        noecho()
        nonl()
        keypad(window, true)
        scrollok(window, false)
        set_escdelay(25)
        curs_set(0)
        mousemask(folio_ALL_MOUSE_EVENTS(), nil)
        mouseinterval(0) // presses arrive at once, not after a wait to see whether they become clicks
        if has_colors() {
            start_color()
            colors = ColorPairs(colorCount: Int(folio_colors()), pairCount: Int(folio_color_pairs()),
                                hasDefaultColors: use_default_colors() == OK)
        }
        Self.turnFlowControlOff()
        def_prog_mode() // curses puts these modes back itself after `fg`
    }

    deinit {
        shutdown()
    }

    /// curses' `COLORS`: 0 when the terminal has no colors.
    public var colorCount: Int { colors == nil ? 0 : Int(folio_colors()) }

    // MARK: - Backend

    public var size: (width: Int, height: Int) {
        (Int(getmaxx(window)), Int(getmaxy(window)))
    }

    public func draw(_ changes: [CellChange]) {
        guard !isShutDown else { return }
        let (width, height) = size
        for change in changes where !change.cell.isContinuation {
            let (x, y, cell) = (change.x, change.y, change.cell)
            // A wide grapheme needs both its columns on screen (after a shrink, before the redraw).
            guard x >= 0, y >= 0, y < height, x + cell.width <= width else { continue }
            var character = characterCell(for: cell)
            if y == height - 1, x + cell.width == width {
                // Adding here would move the cursor past the corner; inserting leaves it put.
                mvwins_wch(window, Int32(y), Int32(x), &character)
            } else {
                mvwadd_wch(window, Int32(y), Int32(x), &character)
            }
        }
    }

    public func setCursor(_ position: (x: Int, y: Int)?) {
        cursor = position
    }

    public func flush() {
        guard !isShutDown else { return }
        if let cursor {
            wmove(window, Int32(cursor.y), Int32(cursor.x))
        }
        if isCursorVisible != (cursor != nil) {
            isCursorVisible = cursor != nil
            curs_set(isCursorVisible ? 1 : 0)
        }
        wnoutrefresh(window)
        doupdate()
    }

    // MARK: - Input

    /// The next event, waiting at most `timeoutMilliseconds` (negative: wait forever). Nil when
    /// nothing arrived in time, when a signal is pending (see `takeSignal`), or when the input
    /// was nothing the app has a key for.
    public func readEvent(timeoutMilliseconds: Int32) -> InputEvent? {
        guard !isShutDown, folio_signals_peek() == 0 else { return nil }
        let event = pending.isEmpty ? nextEvent(timeoutMilliseconds: timeoutMilliseconds) : pending.removeFirst()
        if let event { eventObserver?(event) }
        return event
    }

    /// Sees every event before the app does. For tests only: `folio --test-trap-on-key` traps here.
    public var eventObserver: ((InputEvent) -> Void)?

    private func nextEvent(timeoutMilliseconds: Int32) -> InputEvent? {
        wtimeout(window, timeoutMilliseconds)
        var character: wint_t = 0
        switch wget_wch(window, &character) {
        case KEY_CODE_YES:
            return keyCodeEvent(Int32(bitPattern: character))
        case OK where character == 0x1B:
            return escapeEvent()
        case OK:
            return KeyDecoder.decode(code: Int32(bitPattern: character), isKeyCode: false).map(InputEvent.key)
        default: // ERR: the timeout passed, or a signal interrupted the read
            return nil
        }
    }

    /// After an ESC that ncurses matched to no key of its terminfo entry: reads the rest of the
    /// sequence byte by byte and decodes or drops it whole (see `EscapeSequence`), so it never
    /// arrives as Escape and stray characters. A lone ESC is Escape. ESC and then anything that
    /// starts no sequence (Alt-x) is Escape and then that input, read again: Escape typed just
    /// before a key (or sent with it by tmux) loses neither. An unfinished sequence is dropped.
    private func escapeEvent() -> InputEvent? {
        var bytes: [UInt8] = [0x1B]
        while true {
            // ncurses already waited ESCDELAY after the ESC: if nothing follows now, it was alone.
            // Once a sequence has begun its remaining bytes may still be on the wire.
            wtimeout(window, bytes.count == 1 ? 0 : Self.sequenceByteWait)
            let code = wgetch(window)
            if code == ERR { return bytes.count == 1 ? .key(.escape) : nil }
            guard (0...0xFF).contains(code) else {
                // A key ncurses decoded (or a resize) came next: keep it for the next read.
                if let event = keyCodeEvent(code) { pending.append(event) }
                return bytes.count == 1 ? .key(.escape) : nil
            }
            bytes.append(UInt8(code))
            switch EscapeSequence.scan(bytes) {
            case .incomplete:
                continue
            case .complete(let event):
                return event
            case .notASequence:
                ungetch(code) // read again whole, as a character (a UTF-8 lead byte's rest still waits)
                return .key(.escape)
            case .malformed:
                if code == 0x1B { ungetch(code) } // the start of the next sequence
                return nil
            }
        }
    }

    /// How long to wait for each further byte of a sequence under way.
    private static let sequenceByteWait: Int32 = 25

    /// The signal that arrived since the last call, cleared; nil if none. SIGINT, SIGTERM or
    /// SIGHUP (shut down and exit) come before SIGTSTP (`suspend()`).
    public func takeSignal() -> Int32? {
        let signal = folio_signals_take()
        return signal == 0 ? nil : signal
    }

    private func keyCodeEvent(_ code: Int32) -> InputEvent? {
        switch code {
        case KEY_RESIZE:
            // ncurses has already resized its windows to the terminal.
            let (width, height) = size
            return .resize(width: width, height: height)
        case KEY_MOUSE:
            var event = MEVENT()
            guard getmouse(&event) == OK else { return nil }
            return KeyDecoder.decodeMouse(buttons: event.bstate, x: Int(event.x), y: Int(event.y)).map(InputEvent.mouse)
        case let code where code > KEY_MAX:
            return keyname(code).flatMap { KeyDecoder.decodeExtended(name: String(cString: $0)) }.map(InputEvent.key)
        default:
            return KeyDecoder.decode(code: code, isKeyCode: true).map(InputEvent.key)
        }
    }

    // MARK: - Terminal control

    /// Gives the terminal back and stops the process, as Ctrl-Z would without curses; returns
    /// after `fg` with curses' modes back on and the screen repainted as it was.
    public func suspend() {
        handOver { folio_signals_stop_process() }
    }

    /// Gives the terminal back as the shell had it while `body` runs (an editor), then takes it again
    /// with curses' modes back on and the screen repainted as it was.
    public func handOver<T>(_ body: () throws -> T) rethrows -> T {
        guard !isShutDown else { return try body() }
        endwin()
        defer {
            keypad(window, true) // sends keypad-transmit again at once, so the first arrow after `fg` decodes
            redrawAll()
            Self.turnFlowControlOff() // the shell (or the editor) may have changed the modes meanwhile
            def_prog_mode()
        }
        return try body()
    }

    /// IXON and IXOFF off, so Ctrl-S and Ctrl-Q reach Folio as keys instead of pausing output.
    /// ISIG stays on: Ctrl-C and Ctrl-Z still signal. endwin puts the shell's modes back.
    private static func turnFlowControlOff() {
        var modes = termios()
        guard tcgetattr(STDIN_FILENO, &modes) == 0 else { return }
        modes.c_iflag &= ~tcflag_t(IXON | IXOFF)
        tcsetattr(STDIN_FILENO, TCSANOW, &modes)
    }

    /// Repaints the whole terminal from what curses holds (Ctrl-L: something else wrote on it).
    public func redrawAll() {
        guard !isShutDown else { return }
        clearok(folio_curscr(), true)
        wrefresh(window)
    }

    /// Writes `sequence` straight to the terminal, after everything curses has queued
    /// (OSC 52 to set the clipboard). Callers must only pass sequences they built themselves:
    /// nothing here checks what the bytes make the terminal do.
    public func writeTerminalSequence(_ sequence: String) {
        guard !isShutDown else { return }
        flush()
        var bytes = Array(sequence.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { write(STDOUT_FILENO, $0.baseAddress, $0.count) }
            if written > 0 {
                bytes = bytes.dropFirst(written)
            } else if written < 0, errno == EINTR {
                continue
            } else {
                return
            }
        }
    }

    /// Gives the terminal back as it was before curses: cooked mode, echo, the normal screen;
    /// and signals their default actions. Safe to call more than once; the terminal draws and
    /// reads nothing afterwards.
    public func shutdown() {
        guard !isShutDown else { return }
        isShutDown = true
        endwin()
        folio_crash_guard_uninstall()
        folio_signals_uninstall()
    }

    // MARK: - Cells

    /// A curses cell for `cell`: its grapheme's scalars (as many as curses keeps), attributes
    /// and color pair.
    private func characterCell(for cell: Cell) -> cchar_t {
        let (attributes, pair) = rendition(of: cell.style)
        var scalars = cell.grapheme.unicodeScalars.prefix(Int(CCHARW_MAX)).map { wchar_t(bitPattern: $0.value) }
        scalars.append(0)
        var character = cchar_t()
        setcchar(&character, scalars, attributes, pair, nil)
        return character
    }

    private func rendition(of style: Style) -> (attr_t, Int16) {
        var attributes = folio_A_NORMAL()
        for (attribute, cursesAttribute) in Self.cursesAttributes where style.attributes.contains(attribute) {
            attributes |= cursesAttribute
        }
        // Without colors the attributes alone still show a selection (reverse, bold).
        guard colors != nil else { return (attributes, 0) }
        let (pair, wantsBold) = colors!.pair(foreground: style.foreground, background: style.background)
        return (wantsBold ? attributes | folio_A_BOLD() : attributes, pair)
    }

    private static let cursesAttributes: [(Style.Attributes, attr_t)] = [
        (.bold, folio_A_BOLD()), (.dim, folio_A_DIM()), (.italic, folio_A_ITALIC()),
        (.underline, folio_A_UNDERLINE()), (.reverse, folio_A_REVERSE()),
    ]
}
