import Foundation
import TerminalUI
import Testing
@testable import FolioApp
@testable import FolioCore

/// `y` and `Y`: the text of each format, the OSC 52 sequence it travels in, and the keys that choose it.
@Suite("copy")
struct CopyTests {
    /// TeX and brackets in the title, parentheses in the source's link.
    static let paper = Paper(
        id: "2401.01234",
        metadata: PaperInput(arxivID: "2401.01234", title: "On $\\alpha$-[Sparse] Models: a (Short) Study",
                             abstract: "We study $\\alpha$ & more.", authors: ["Ada Lovelace", "Alan Turing"],
                             published: "2024-01-05", primaryCategory: "cs.LG"),
        firstSource: "test", firstImportedAt: "2024-01-06T00:00:00Z", lastSource: "test", lastImportedAt: "2024-01-06T00:00:00Z",
        starredAt: nil, readAt: nil, tags: [])

    /// No arXiv id: URL and Markdown use the source's link.
    static let linked = Paper(
        id: "t-0000000000000001",
        metadata: PaperInput(title: "Weights \\& Measures (revisited)", published: "2023",
                             absURL: "https://example.org/paper(1) draft"),
        firstSource: "test", firstImportedAt: "2024-01-06T00:00:00Z", lastSource: "test", lastImportedAt: "2024-01-06T00:00:00Z",
        starredAt: nil, readAt: nil, tags: ["ml"])

    /// The paper, newer than the sample's, so the reader selects it first.
    static var newest: PaperInput {
        var input = paper.metadata
        input.published = "2099-01-05"
        return input
    }

    @Test func eachFormatIsExactlyTheExpectedText() {
        #expect(CopyFormat.url.text(for: Self.paper) == "https://arxiv.org/abs/2401.01234")
        #expect(CopyFormat.title.text(for: Self.paper) == "On α-[Sparse] Models: a (Short) Study")
        #expect(CopyFormat.markdown.text(for: Self.paper) == "[On α-\\[Sparse\\] Models: a (Short) Study](https://arxiv.org/abs/2401.01234)")
        #expect(CopyFormat.bibtex.text(for: Self.paper) == """
            @misc{lovelace2024on,
              title = {On $\\alpha$-[Sparse] Models: a (Short) Study},
              author = {Ada Lovelace and Alan Turing},
              year = {2024},
              date = {2024-01-05},
              eprint = {2401.01234},
              archivePrefix = {arXiv},
              primaryClass = {cs.LG},
              url = {https://arxiv.org/abs/2401.01234},
              abstract = {We study $\\alpha$ \\& more.}
            }


            """)

        #expect(CopyFormat.url.text(for: Self.linked) == "https://example.org/paper(1) draft")
        #expect(CopyFormat.title.text(for: Self.linked) == "Weights & Measures (revisited)")
        #expect(CopyFormat.markdown.text(for: Self.linked) == "[Weights & Measures (revisited)](https://example.org/paper%281%29%20draft)")
        #expect(CopyFormat.bibtex.text(for: Self.linked) == """
            @misc{paper2023weights,
              title = {Weights \\& Measures (revisited)},
              year = {2023},
              url = {https://example.org/paper(1) draft},
              keywords = {ml}
            }


            """)
    }

    @Test func aTitleIsCopiedOnOneLineWithoutControlCharacters() {
        var paper = Self.paper
        paper.metadata.title = "A\u{1B}[31mB\u{9B}2J C\tD\nE [x] \u{7F}end"
        // The rendering reads a control character as a space; none is left.
        #expect(CopyFormat.title.text(for: paper) == "A [31mB 2J C D E [x] end")
        // Backslashes too are escaped in a Markdown link's text, so `\]` cannot close it.
        #expect(CopyFormat.escapeLinkText("a \\] b") == "a \\\\\\] b")
    }

    @Test func withoutALinkOnlyTitleAndBibTeXAreAvailable() {
        var paper = Self.linked
        paper.metadata.absURL = nil
        #expect(CopyFormat.url.text(for: paper) == nil)
        #expect(CopyFormat.markdown.text(for: paper) == nil)
        #expect(CopyFormat.allCases.filter { $0.isAvailable(for: paper) } == [.title, .bibtex])
        #expect(CopyFormat.allCases.allSatisfy { $0.isAvailable(for: Self.paper) })
    }

    @Test func theBibTeXCopyIsWhatExportWritesForThePaper() throws {
        let lib = try SampleLibrary()
        for paper in try lib.store.papers(PaperFilter()).prefix(10) {
            var exported = ""
            try Exporter(store: lib.store).export([paper], format: .bibtex) { exported += $0 }
            #expect(CopyFormat.bibtex.text(for: paper) == exported)
        }
    }

    // MARK: OSC 52

    @Test func osc52SequenceIsExactlyTheFramedBase64() {
        #expect(OSC52.sequence(for: "hi") == "\u{1B}]52;c;aGk=\u{07}")
        #expect(OSC52.sequence(for: "") == "\u{1B}]52;c;\u{07}")
        #expect(OSC52.sequence(for: "α") == "\u{1B}]52;c;zrE=\u{07}")
    }

    @Test func osc52CarriesNoControlBytesButItsFraming() throws {
        let hostile = "a\u{1B}]52;c;evil\u{07}b\u{9B}31mc\u{1B}\\d\u{0}"
        let sequence = try #require(OSC52.sequence(for: hostile))
        let bytes = Array(sequence.utf8)
        #expect(Array(bytes.prefix(7)) == Array("\u{1B}]52;c;".utf8))
        #expect(bytes.last == 0x07)
        let payload = bytes.dropFirst(7).dropLast()
        let base64 = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=".utf8)
        #expect(payload.allSatisfy(base64.contains), "only base64 between the framing")
        #expect(bytes.filter { $0 < 0x20 || (0x7F...0x9F).contains($0) }.count == 2, "ESC and BEL of the framing alone")
        #expect(Data(base64Encoded: Data(payload)).map { String(decoding: $0, as: UTF8.self) } == hostile, "the text itself arrives")
    }

    @Test func osc52RefusesTextOverTheLimit() {
        #expect(OSC52.sequence(for: String(repeating: "x", count: OSC52.limit)) != nil)
        #expect(OSC52.sequence(for: String(repeating: "x", count: OSC52.limit + 1)) == nil)
        // The limit counts bytes: 50,001 two-byte characters are over it.
        #expect(OSC52.sequence(for: String(repeating: "é", count: OSC52.limit / 2 + 1)) == nil)
    }

    // MARK: Keys

    static func driver() -> StateDriver {
        var library = MemoryLibrary.numbered(3)
        library.papers[0] = Self.paper
        return StateDriver(library, width: 120, height: 30)
    }

    @Test func yCopiesTheURL() {
        var app = Self.driver()
        app.press(.char("y"))
        #expect(app.effects.last == .copy(.url, Self.paper))
        #expect(app.state.prompt == nil)
    }

    @Test func shiftYAsksWhichFormatThenCopiesIt() {
        for format in CopyFormat.allCases {
            var app = Self.driver()
            app.press(.char("Y"))
            #expect(app.state.prompt?.kind == .copyAs)
            #expect(app.statusLine.hasPrefix("copy: u URL  t title  b BibTeX  m Markdown"))
            #expect(app.statusLine.hasSuffix("any other key cancels"))
            app.press(.char(format.letter))
            #expect(app.state.prompt == nil)
            #expect(app.effects.last == .copy(format, Self.paper), "\(format)")
        }
    }

    @Test func anyOtherKeyCancelsTheCopy() {
        for key: Key in [.char("x"), .char("U"), .escape, .enter, .down, .char("y")] {
            var app = Self.driver()
            app.press(.char("Y"))
            let before = app.effects.count
            app.press(key)
            #expect(app.state.prompt == nil, "\(key)")
            #expect(!app.effects.dropFirst(before).contains { if case .copy = $0 { true } else { false } }, "\(key) copies nothing")
            #expect(app.state.selectedPosition == 0, "\(key) does not also move")
        }
    }

    @Test func aPaperWithoutALinkSaysSoForURLAndMarkdown() {
        var library = MemoryLibrary.numbered(1)
        library.papers[0] = Self.linked
        library.papers[0].metadata.absURL = nil
        var app = StateDriver(library, width: 120, height: 30)
        app.press(.char("y"))
        #expect(app.statusLine.contains("this paper has no link to copy"))
        app.press(.char("Y"), .char("m"))
        #expect(app.statusLine.contains("this paper has no link to copy"))
        app.press(.char("Y"), .char("b"))
        #expect(app.effects.last == .copy(.bibtex, library.papers[0]))
    }

    // MARK: Delivery

    @Test func theRuntimeWritesOSC52AndSaysWhatItCopied() throws {
        let lib = try SampleLibrary()
        _ = try lib.store.importPapers(source: "t") { try $0.add(Self.newest) }
        let app = lib.runtime()
        let paper = try #require(app.state.selectedPaper)
        #expect(paper.id == "2401.01234")
        app.press(.char("Y"), .char("b"))
        let bibtex = try #require(CopyFormat.bibtex.text(for: paper))
        #expect(app.screen.backend.written == [OSC52.sequence(for: bibtex)])
        #expect(app.lines[39].contains("copied BibTeX of 2401.01234"))
        app.press(.char("Y"), .char("t"))
        #expect(app.screen.backend.written.last == OSC52.sequence(for: "On α-[Sparse] Models: a (Short) Study"))
        #expect(app.lines[39].contains("copied title of 2401.01234"))
    }

    @Test func aClipboardCommandIsChosenByTheDisplayAndPath() throws {
        let folder = try Self.folder(with: ["wl-copy", "xclip"])
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.path
        #expect(ClipboardTool.find(environment: ["PATH": path]) == nil)
        #expect(ClipboardTool.find(environment: ["PATH": path, "WAYLAND_DISPLAY": "wayland-0", "DISPLAY": ":0"])
                == ClipboardTool(path: path + "/wl-copy", arguments: []))
        #expect(ClipboardTool.find(environment: ["PATH": path, "DISPLAY": ":0"])
                == ClipboardTool(path: path + "/xclip", arguments: ["-selection", "clipboard"]))
        #expect(ClipboardTool.find(environment: ["PATH": "/nonexistent", "DISPLAY": ":0"]) == nil)
        #expect(ClipboardTool.find(environment: ["PATH": path, "DISPLAY": ""]) == nil)
    }

    @Test func xclipOnThePathGetsTheTextOnItsStandardInput() throws {
        let folder = try Self.folder(with: ["xclip"])
        defer { try? FileManager.default.removeItem(at: folder) }
        let lib = try SampleLibrary()
        _ = try lib.store.importPapers(source: "t") { try $0.add(Self.newest) }
        let app = ReaderRuntime(device: ScriptedTerminal(width: 120, height: 40), store: lib.store, libraryName: "l",
                                environment: ["PATH": folder.path, "DISPLAY": ":0"])
        app.reload()
        app.press(.char("Y"), .char("b"))
        let paper = try #require(app.state.selectedPaper)
        let expected = try #require(CopyFormat.bibtex.text(for: paper))
        #expect(app.lines[39].contains("copied BibTeX of 2401.01234 (and with xclip)"))
        let recorded = folder.appendingPathComponent("xclip.recorded")
        let deadline = Date().addingTimeInterval(10)
        while (try? String(contentsOf: recorded, encoding: .utf8)) != "-selection clipboard\n" + expected, Date() < deadline {
            Thread.sleep(forTimeInterval: 0.02)
        }
        #expect(try String(contentsOf: recorded, encoding: .utf8) == "-selection clipboard\n" + expected)
    }

    /// A folder of stand-ins that write their arguments and standard input to `NAME.recorded`.
    static func folder(with commands: [String]) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("folio-clip-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for name in commands {
            let script = folder.appendingPathComponent(name)
            // Written beside and renamed, so the test never reads half a recording.
            try "#!/bin/sh\n{ echo \"$*\"; cat; } > \"$0.partial\" && mv \"$0.partial\" \"$0.recorded\"\n"
                .write(to: script, atomically: true, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script.path)
        }
        return folder
    }
}
