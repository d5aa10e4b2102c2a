/// Where frames are shown: a terminal through curses, or memory in tests.
///
/// A backend is told only which cells changed; it never sees a whole frame. A terminal backend
/// draws each change at its position and skips continuation cells (the wide grapheme to their
/// left covers them); nothing is visible until `flush`.
public protocol Backend {
    /// Columns and rows the backend shows now.
    var size: (width: Int, height: Int) { get }
    /// Draws `changes`; cells outside `size` are ignored.
    mutating func draw(_ changes: [CellChange])
    /// Where the terminal cursor should rest after the frame (a prompt's insertion point), or
    /// nil to hide it. Optional: the default does nothing.
    mutating func setCursor(_ position: (x: Int, y: Int)?)
    /// Makes everything drawn since the last flush visible; ends a frame.
    mutating func flush()
}

extension Backend {
    public mutating func setCursor(_ position: (x: Int, y: Int)?) {}
}

/// Shows successive canvases on a backend, sending only the cells that changed since the
/// frame before.
public struct Screen<Output: Backend> {
    public var backend: Output
    private var lastFrame: Canvas?

    public init(backend: Output) {
        self.backend = backend
    }

    /// Draws what changed between the last frame and `frame`, places the cursor, flushes.
    public mutating func present(_ frame: Canvas, cursor: (x: Int, y: Int)? = nil) {
        backend.draw(frame.diff(from: lastFrame))
        backend.setCursor(cursor)
        backend.flush()
        lastFrame = frame
    }

    /// Forgets the last frame, so the next `present` draws every cell: after the terminal
    /// was cleared or resized behind our back.
    public mutating func invalidate() {
        lastFrame = nil
    }
}

extension Screen: Sendable where Output: Sendable {}
