import Foundation
import TerminalUI
@testable import FolioApp

/// libFuzzer's entry point for the reader: the input is a byte stream as a terminal sends it (keys, escape
/// sequences, mouse reports), with a few bytes set aside for resizes. `scripts/fuzz` compiles it with the
/// reader's pure sources (no store, no curses) and the tests' `MemoryLibrary` and `RandomEvents`.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ bytes: UnsafeRawPointer?, _ count: Int) -> CInt {
    guard let bytes, count > 0 else { return 0 }
    let input = Array(UnsafeBufferPointer(start: bytes.assumingMemoryBound(to: UInt8.self), count: count))
    var rng = SplitMix64(seed: UInt64(input[0]))
    var app = StateDriver(RandomEvents.library(&rng), width: 80, height: 24)
    for event in TerminalBytes.events(input.dropFirst()) {
        app.send(.input(event))
        app.state.quitRequested = false
        if let problem = RandomEvents.violation(app.state) {
            fatalError("after \(event): \(problem)")
        }
    }
    return 0
}

/// Bytes as a terminal sends them, to events: ESC sequences through `EscapeSequence`, control bytes as
/// curses reports them, UTF-8 as characters. 0xF8–0xFF (never in UTF-8) followed by two bytes is a resize.
enum TerminalBytes {
    static func events(_ bytes: ArraySlice<UInt8>) -> [InputEvent] {
        var events: [InputEvent] = []
        var rest = bytes
        while let first = rest.first {
            switch first {
            case 0xF8...0xFF:
                let size = Array(rest.dropFirst().prefix(2))
                rest = rest.dropFirst(1 + size.count)
                events.append(.resize(width: 1 + Int(size.first ?? 0) % 300, height: 1 + Int(size.last ?? 0) % 100))
            case 0x1B:
                var end = 2
                while end <= min(rest.count, 32), case .incomplete = EscapeSequence.scan(Array(rest.prefix(end))) { end += 1 }
                let candidate = Array(rest.prefix(end))
                switch EscapeSequence.scan(candidate) {
                case .complete(let event):
                    if let event { events.append(event) }
                    rest = rest.dropFirst(candidate.count)
                default:
                    events.append(.key(.escape))
                    rest = rest.dropFirst()
                }
            case 9: events.append(.key(.tab)); rest = rest.dropFirst()
            case 10, 13: events.append(.key(.enter)); rest = rest.dropFirst()
            case 8, 0x7F: events.append(.key(.backspace)); rest = rest.dropFirst()
            case 1...26: events.append(.key(.ctrl(Character(Unicode.Scalar(first + 0x60))))); rest = rest.dropFirst()
            case 0..<0x20: rest = rest.dropFirst()
            default:
                // One UTF-8 character; a byte that starts none is dropped.
                let length = first < 0x80 ? 1 : first >= 0xF0 ? 4 : first >= 0xE0 ? 3 : 2
                let text = String(decoding: rest.prefix(length), as: UTF8.self)
                if let c = text.first, c != "\u{FFFD}" { events.append(.key(.char(c))) }
                rest = rest.dropFirst(length)
            }
        }
        return events
    }
}

/// The reader's themes come from files through TOMLKit, which the fuzz build leaves out: plain styles do.
struct ThemeCatalog {
    init(userFolder: URL?) {}
    func load(_ name: String) throws -> Theme { throw CancellationError() }
}
