import FolioCore
import TerminalUI

/// Which rows of the list the state needs, asked for as effects, and how the answers change the state.
/// The list may hold millions of papers: the state holds a window of a few screens around the list's offset.
extension AppState {
    /// Rows read ahead at most in one step after a key: a step that reads stays short, and scrolling
    /// a row at a time reads about a row a step. `Msg.idle` reads all the rows worth having.
    static let aheadStep = 4
    /// Rows read past the needed ones when the screen jumps (a page, a search, the end of the list).
    static let loadChunk = 12

    var listRows: Int { max(layout.listRows, 1) }

    /// The row of the selected paper, when it is loaded.
    var selectedRow: ListRow? {
        guard let position = selectedPosition, let row = list.row(at: position), row.paper.id == selectedID else { return nil }
        return row
    }

    /// Positions whose rows must be loaded: the screen and half a screen either side.
    public var neededRows: Range<Int> {
        let rows = listRows
        let low = max(min(listOffset, selectedPosition ?? 0) - rows / 2, 0)
        let high = min(max(listOffset + rows, (selectedPosition ?? 0) + 1) + rows / 2, list.count)
        return low..<max(low, high)
    }

    /// Two screens above the list's offset to three below: the window stays a few screens.
    var windowBounds: Range<Int> {
        let low = max(listOffset - 2 * listRows, 0)
        return low..<max(low, min(listOffset + 3 * listRows, list.count))
    }

    /// The load the state needs now, if any: a new list when the key changed, else the rows the screen
    /// lacks, else up to `readAhead` rows towards a screen beyond them.
    mutating func listLoads(readAhead: Int) -> [Effect] {
        // Papers read in place leave once their view or filter is left, even for a moment.
        if let kept = readInPlace, kept.view != view || kept.filter != filterQuery { readInPlace = nil }
        let key = listKey
        if list.key != key {
            // The same list at a newer version keeps the selection's place; another list starts at the top
            // unless it has the selected paper.
            let fallback = key.sameList(as: list.key) ? selectedPosition ?? 0 : 0
            return ask(.openList(key, keep: keepNum ?? selectedRow?.num, fallback: fallback, rows: listRows))
        }
        let needed = neededRows
        if needed.clamped(to: list.loaded) != needed || !(selectedPosition.map(list.loaded.contains) ?? true) {
            return ask(.loadRows(key, rowsToLoad(needed)))
        }
        guard readAhead > 0, let rows = rowsAhead(limit: readAhead) else { return [] }
        return ask(.loadRows(key, rows))
    }

    /// `effect`, unless it was asked already and not answered.
    private mutating func ask(_ effect: Effect) -> [Effect] {
        guard pendingLoad != effect else { return [] }
        pendingLoad = effect
        return [effect]
    }

    /// The needed rows and a chunk either side, within the window's bounds.
    private func rowsToLoad(_ needed: Range<Int>) -> Range<Int> {
        let bounds = windowBounds
        let low = max(needed.lowerBound - Self.loadChunk, bounds.lowerBound)
        let high = min(needed.upperBound + Self.loadChunk, bounds.upperBound)
        return min(low, needed.lowerBound)..<max(high, needed.upperBound, low)
    }

    /// Rows next to the loaded ones towards a screen beyond the needed ones, at most `limit`, first on the
    /// side with more missing (where the list is heading); nil when there are none to read.
    private func rowsAhead(limit: Int) -> Range<Int>? {
        let loaded = list.loaded, needed = neededRows
        let wanted = (max(needed.lowerBound - listRows, 0)..<(needed.upperBound + listRows)).clamped(to: windowBounds)
        guard !loaded.isEmpty else { return nil }
        let below = max(wanted.upperBound - loaded.upperBound, 0), above = max(loaded.lowerBound - wanted.lowerBound, 0)
        guard below + above > 0 else { return nil }
        if below >= above {
            return loaded.upperBound..<(loaded.upperBound + min(below, limit))
        }
        return (loaded.lowerBound - min(above, limit))..<loaded.lowerBound
    }

    /// A new list: the selection goes where the runtime found the kept paper (or the fallback).
    mutating func listOpened(_ window: ResultWindow, selected: Int?) {
        guard window.key == listKey else { return }  // an answer to a key typed over since
        pendingLoad = nil
        keepNum = nil
        let keepsRow = window.key?.sameList(as: list.key) == true
        let screenRow = keepsRow ? selectedPosition.map { $0 - listOffset } : nil
        let previous = selectedRow?.paper.id
        list = window
        selectedPosition = window.count > 0 ? min(max(selected ?? 0, 0), window.count - 1) : nil
        selectedID = selectedPosition.flatMap { list.paper(at: $0)?.id }
        // The same paper may come back shorter (an undo took a tag away): its scroll stays inside it.
        if selectedID != previous { paneScroll = 0 } else { keepPaneScrollInside() }
        if let screenRow, let position = selectedPosition { listOffset = max(position - screenRow, 0) }
        keepSelectionVisible()
        trimWindow()
    }

    /// More rows of the list shown: added to the window, which stays within its bounds.
    mutating func rowsLoaded(_ window: ResultWindow) {
        guard window.key == list.key, window.key == listKey else { return }
        pendingLoad = nil
        list = list.merged(with: window)
        if selectedID == nil { selectedID = selectedPosition.flatMap { list.paper(at: $0)?.id } }
        trimWindow()
    }

    /// Drops rows far from the screen, so scrolling through a million papers holds a few screens.
    private mutating func trimWindow() {
        let keep = windowBounds.clamped(to: list.loaded)
        guard keep != list.loaded, !keep.isEmpty else { return }
        list = ResultWindow(key: list.key, count: list.count, start: keep.lowerBound,
                            rows: Array(list.rows[(keep.lowerBound - list.start)..<(keep.upperBound - list.start)]))
    }

    /// Selects the paper at `position`, clamped into the list.
    mutating func select(position: Int) {
        guard list.count > 0 else {
            selectedID = nil
            selectedPosition = nil
            return
        }
        let clamped = min(max(position, 0), list.count - 1)
        if clamped != selectedPosition { paneScroll = 0 }
        selectedPosition = clamped
        // Nil until the row is loaded, which the next `listLoads` asks for.
        selectedID = list.paper(at: clamped)?.id
        keepSelectionVisible()
    }

    mutating func keepSelectionVisible() {
        listOffset = ScrollWindow.offset(selected: selectedPosition ?? 0, count: list.count, height: listRows,
                                         currentOffset: listOffset)
        // Days' separators take rows: the offset goes on until the selected paper's row is drawn (near the
        // end of the list, where it may not go past `count - listRows`, the drawing starts later itself).
        if showsDays { listOffset = min(firstDrawn, max(list.count - listRows, 0)) }
    }

    /// `@`'s answer: the paper selected, at the top of the list when it can be.
    mutating func dayFound(_ key: ListKey, day: String, position: Int?, published: String?) {
        guard key == listKey, key == list.key else { return }  // the list changed since: the answer is another's
        guard let position, let published else {
            status = StatusMessage(text: "no paper dated on or before \(day)", isError: false)
            return
        }
        select(position: position)
        listOffset = min(position, max(list.count - listRows, 0))
        keepSelectionVisible()
        let shown = published.prefix(10)
        status = StatusMessage(text: shown == day ? "jumped to \(day)" : "nothing on \(day); jumped to \(shown), the next older", isError: false)
    }
}
