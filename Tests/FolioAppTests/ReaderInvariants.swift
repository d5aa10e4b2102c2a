import FolioCore
import TerminalUI
@testable import FolioApp

// What must hold after any event, and random events to check it with: used by RandomEventTests and by
// the event fuzz target (`scripts/fuzz`), which compiles this file with the reader's sources.

/// A small, seedable generator, so a failing run replays exactly.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Random events of every kind a terminal sends: bound keys in every mode, text and control keys in
/// prompts, clicks and wheels at random cells, resizes from 1x1 to 300x100.
enum RandomEvents {
    static let longAbstract = (1...60).map { "Sentence \($0) of a long abstract about retrieval." }.joined(separator: " ")
    static let printable: [Character] = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 -*:\"()/,.?\\") + ["é", "ß", "中", "👍", "\u{301}", "\u{200B}"]

    static func event(_ rng: inout SplitMix64, state: AppState) -> InputEvent {
        let bound = state.keymap.bindings.flatMap(\.keys) + state.keymap.promptBindings.flatMap(\.keys)
        switch rng.next() % 100 {
        case 0..<45: return .key(bound.randomElement(using: &rng)!)
        case 45..<65: return .key(.char(printable.randomElement(using: &rng)!))
        case 65..<72: return .key(.ctrl(Character(Unicode.Scalar(UInt8(0x61 + rng.next() % 26)))))
        case 72..<76: return .key([.function(Int(rng.next() % 12) + 1), .left, .right, .delete, .backTab].randomElement(using: &rng)!)
        case 76..<88:
            let x = Int(rng.next() % UInt64(state.width + 4)) - 2, y = Int(rng.next() % UInt64(state.height + 4)) - 2
            switch rng.next() % 3 {
            case 0: return .mouse(.press([.left, .middle, .right].randomElement(using: &rng)!, x: x, y: y))
            case 1: return .mouse(.wheelUp(x: x, y: y))
            default: return .mouse(.wheelDown(x: x, y: y))
            }
        case 88..<92: return .key(.escape)
        default:
            // Mostly sizes people use, sometimes the extremes.
            if rng.next() % 4 == 0 {
                return .resize(width: Int(rng.next() % 300) + 1, height: Int(rng.next() % 100) + 1)
            }
            return .resize(width: Int(rng.next() % 140) + 20, height: Int(rng.next() % 40) + 6)
        }
    }

    /// A library for one seed: sometimes empty, sometimes a few papers, with long abstracts, tags, topics, stars.
    static func library(_ rng: inout SplitMix64) -> MemoryLibrary {
        let count = [0, 1, 3, 40, 130][Int(rng.next() % 5)]
        var library = MemoryLibrary(papers: (0..<count).map { i in
            let year = 2020 + Int(rng.next() % 6)
            return MemoryLibrary.paper(i, abstract: rng.next() % 3 == 0 ? RandomEvents.longAbstract : nil,
                                       date: "\(year)-0\(1 + rng.next() % 9)-1\(rng.next() % 9)")
        })
        for i in library.papers.indices {
            if rng.next() % 5 == 0 { library.papers[i].starredAt = "2026-03-19T00:00:00Z" }
            if rng.next() % 4 == 0 { library.papers[i].readAt = "2026-03-19T00:00:00Z" }
            if rng.next() % 6 == 0 { library.papers[i].tags = ["lasso", "theory", "tag\(rng.next() % 30)"].shuffled(using: &rng).dropLast(Int(rng.next() % 2)) }
        }
        if rng.next() % 2 == 0 { library.topics = [Topic(name: "ir", query: "retriev*", createdAt: "")] }
        return library
    }

    /// What must hold after every event; the first that does not, described.
    static func violation(_ state: AppState) -> String? {
        let canvas = state.render(theme: .standard)
        if canvas.width != max(state.width, 1) || canvas.height != max(state.height, 1) {
            return "canvas \(canvas.width)x\(canvas.height) for a \(state.width)x\(state.height) terminal"
        }
        if let line = canvas.lines().first(where: { DisplayWidth.of($0) != canvas.width }) {
            return "a row \(DisplayWidth.of(line)) columns wide: \(line)"
        }
        let count = state.list.count
        if state.list.key == state.listKey {
            if count == 0 && state.selectedPosition != nil { return "a selection in an empty list" }
            if count > 0 && !(0..<count).contains(state.selectedPosition ?? -1) {
                return "selection \(String(describing: state.selectedPosition)) outside 0..<\(count)"
            }
            let rows = state.listRows
            if state.listOffset < 0 || state.listOffset > max(count - rows, 0) { return "list offset \(state.listOffset) of \(count)" }
            if let selected = state.selectedPosition, !(state.listOffset..<(state.listOffset + rows)).contains(selected) {
                return "selection \(selected) off the screen at offset \(state.listOffset)"
            }
            if let selected = state.selectedPosition, !state.shownLines.contains(.paper(selected)) {
                return "selection \(selected) not drawn: lines \(state.shownLines) from offset \(state.listOffset)"
            }
            if let selected = state.selectedPosition, state.selectedPaper == nil, state.pendingLoad == nil {
                return "selected row \(selected) not loaded and nothing asked for"
            }
        }
        if !(0...state.paneScrollLimit).contains(state.paneScroll) { return "pane scroll \(state.paneScroll) of \(state.paneScrollLimit)" }
        if !(0...state.helpScrollLimit).contains(state.helpScroll) { return "help scroll \(state.helpScroll) of \(state.helpScrollLimit)" }
        if !state.sidebarEntries.indices.contains(state.sidebarIndex) { return "sidebar index \(state.sidebarIndex)" }
        if let sidebar = state.layout.sidebar {
            let rows = SidebarView.rows(state).count, height = state.layout.inner(sidebar).height
            if state.sidebarOffset < 0 || state.sidebarOffset > max(rows - height, 0) { return "sidebar offset \(state.sidebarOffset) of \(rows)" }
        }
        if !state.focusOrder.contains(state.focus) && state.mode == .browse { return "focus on \(state.focus), not shown" }
        return nil
    }

    /// Runs `events` random events from `seed`; the failing event and why, if one fails.
    static func run(seed: UInt64, events: Int) -> String? {
        var rng = SplitMix64(seed: seed)
        var app = StateDriver(library(&rng), width: Int(rng.next() % 200) + 1, height: Int(rng.next() % 60) + 1)
        for index in 0..<events {
            let event = event(&rng, state: app.state)
            app.send(.input(event))
            if app.state.quitRequested { app.state.quitRequested = false }
            if let problem = violation(app.state) {
                return "seed \(seed), event \(index) (\(event)): \(problem)"
            }
        }
        return nil
    }
}

