import FolioCore
import TerminalUI

/// Parts of earlier frames, kept by the runtime so a frame draws only what it has not drawn before:
/// scrolling one row redraws the row that came in and the two whose selection changed, and copies the rest.
///
/// Every entry is keyed by all that its cells depend on (a list row by what it shows of its paper,
/// plus the theme, highlighted words and columns), so a cached part is never stale: a starred or
/// tagged paper, a new theme or a resize gives a new key and the part is drawn afresh.
/// Not thread-safe: one runtime draws on one thread.
public final class RenderCache {
    private var listContext: PaperListView.Context?
    /// Rows drawn this frame, and those of the frame before (what a frame can reuse).
    private var rows: [PaperListView.Row: Canvas] = [:]
    private var previousRows: [PaperListView.Row: Canvas] = [:]
    private var sidebar: (key: SidebarView.Key, canvas: Canvas)?

    public init() {}

    /// Starts a frame's list: rows of the frame before stay reusable when the context is the same.
    func beginList(_ context: PaperListView.Context) {
        if context == listContext {
            previousRows = rows
        } else {
            listContext = context
            previousRows = [:]
        }
        rows = [:]
    }

    /// The cells of `row`, one line of the context's width: the frame before's, else drawn by `draw`.
    func listRow(_ row: PaperListView.Row, draw: (inout Canvas) -> Void) -> Canvas {
        if let cells = rows[row] ?? previousRows[row] {
            rows[row] = cells
            return cells
        }
        var cells = Canvas(width: listContext?.width ?? 0, height: 1)
        draw(&cells)
        rows[row] = cells
        return cells
    }

    /// The sidebar for `key`, drawn by `draw` into a canvas of its size when the key changed.
    func sidebar(_ key: SidebarView.Key, draw: (inout Canvas) -> Void) -> Canvas {
        if let sidebar, sidebar.key == key { return sidebar.canvas }
        var canvas = Canvas(width: key.width, height: key.height)
        draw(&canvas)
        sidebar = (key, canvas)
        return canvas
    }
}
