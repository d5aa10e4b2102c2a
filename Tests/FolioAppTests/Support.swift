import Foundation
import TerminalUI
import Testing
@testable import FolioApp
@testable import FolioCore

/// A terminal that reads a script of events and draws into memory.
final class ScriptedTerminal: TerminalDevice {
    var memory: MemoryBackend
    var events: [InputEvent] = []
    var written: [String] = []
    var redraws = 0

    init(width: Int, height: Int) { memory = MemoryBackend(width: width, height: height) }

    var size: (width: Int, height: Int) { memory.size }
    func draw(_ changes: [CellChange]) { memory.draw(changes) }
    func flush() { memory.flush() }
    func readEvent(timeoutMilliseconds: Int32) -> InputEvent? { events.isEmpty ? nil : events.removeFirst() }
    func takeSignal() -> Int32? { nil }
    func redrawAll() { redraws += 1 }
    func suspend() {}
    func handOver<T>(_ body: () throws -> T) rethrows -> T { try body() }
    func writeTerminalSequence(_ sequence: String) { written.append(sequence) }
}

/// A library holding the 54 papers of the sample Daily Papers page, in a temporary folder.
final class SampleLibrary {
    let folder: URL
    let store: Store

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("folio-app-\(UUID().uuidString)")
        store = try Store(path: folder.appendingPathComponent("library.sqlite").path)
        _ = try LibraryImport(store: store).importDocument(Data(SamplePage.text.utf8), format: .hfPage, source: "test")
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    func runtime(width: Int = 120, height: Int = 40) -> ReaderRuntime<ScriptedTerminal> {
        let runtime = ReaderRuntime(device: ScriptedTerminal(width: width, height: height), store: store, libraryName: "library.sqlite", environment: ["PATH": "/nonexistent"])
        runtime.reload()
        runtime.draw()
        return runtime
    }
}

extension ReaderRuntime where Device == ScriptedTerminal {
    func press(_ keys: Key...) {
        for key in keys { send(.input(.key(key))) }
        draw()
    }

    /// The terminal changes size, then says so, as curses does.
    func resize(width: Int, height: Int) {
        screen.backend.memory.resize(width: width, height: height)
        send(.input(.resize(width: width, height: height)))
        draw()
    }

    func type(_ text: String) {
        for c in text { send(.input(.key(.char(c)))) }
        draw()
    }

    var lines: [String] { screen.backend.memory.lines() }

    /// The whole list the reader shows (it holds only a window of it), checked against that window.
    var listed: [Paper] {
        let all = (try? listedPapers()) ?? []
        #expect(state.list.count == all.count, "the window's count is the list's")
        #expect(state.list.papers == Array(all[state.list.loaded.clamped(to: 0..<all.count)]), "the window holds the list's rows")
        return all
    }
    var text: String { lines.joined(separator: "\n") }

    /// Delivers what background work says until `condition` holds, or throws after `timeout` seconds.
    func waitUntil(_ what: String, timeout: TimeInterval = 15, _ condition: (ReaderRuntime<ScriptedTerminal>) -> Bool) throws {
        let deadline = Date().addingTimeInterval(timeout)
        while !condition(self) {
            guard Date() < deadline else { throw Timeout(description: "timed out waiting for \(what); status: \(lines.last ?? "")") }
            Thread.sleep(forTimeInterval: 0.02)
            deliverBackgroundMessages()
            draw()
        }
    }
}

struct Timeout: Error, CustomStringConvertible {
    var description: String
}
