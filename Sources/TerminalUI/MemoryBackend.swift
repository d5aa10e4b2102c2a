/// A backend that draws into a canvas in memory: tests assert on what a terminal would show,
/// and on how many cells each frame had to write.
public struct MemoryBackend: Backend, Sendable {
    /// What the "terminal" shows now.
    public private(set) var canvas: Canvas
    /// Cells drawn between the last two flushes: 0 proves an unchanged frame cost nothing.
    public private(set) var cellsWrittenLastFrame = 0
    public private(set) var flushCount = 0
    public private(set) var cursor: (x: Int, y: Int)?
    private var cellsWrittenSinceFlush = 0

    public init(width: Int, height: Int) {
        canvas = Canvas(width: width, height: height)
    }

    public var size: (width: Int, height: Int) { (canvas.width, canvas.height) }

    public mutating func draw(_ changes: [CellChange]) {
        canvas.apply(changes)
        cellsWrittenSinceFlush += changes.count
    }

    public mutating func setCursor(_ position: (x: Int, y: Int)?) {
        cursor = position
    }

    public mutating func flush() {
        cellsWrittenLastFrame = cellsWrittenSinceFlush
        cellsWrittenSinceFlush = 0
        flushCount += 1
    }

    /// Like a terminal window resized: a blank grid of the new size.
    public mutating func resize(width: Int, height: Int) {
        canvas = Canvas(width: width, height: height)
    }

    public func lines() -> [String] { canvas.lines() }

    public func style(atX x: Int, y: Int) -> Style { canvas.style(atX: x, y: y) }
}
