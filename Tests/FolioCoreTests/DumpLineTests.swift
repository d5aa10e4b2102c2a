import Foundation
import Testing
@testable import FolioCore

/// The byte reader of dump lines against Foundation's reading of the same line (the reference), and the
/// TeX decoder's plain-text shortcut against its full scan.
@Suite("dump line fast path")
struct DumpLineTests {
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return state ^ (state >> 29)
        }
        mutating func pick<T>(_ items: [T]) -> T { items[Int(next() % UInt64(items.count))] }
    }

    /// A JSON string literal, sometimes with escapes the writer was free to choose.
    static func literal(_ text: String, _ g: inout Generator) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
            case _ where g.next() % 9 == 0 && scalar.value < 0xFFFF: out += String(format: "\\u%04X", scalar.value)
            case "/" where g.next() % 2 == 0: out += "\\/"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    static func text(_ g: inout Generator) -> String {
        let pieces = ["graph", "neural", " ", "-", "--", "{\\'e}", "$x^2$", "~", "é", "中文", "\\\"", "naïve", "\t", "\u{0301}", "/", "\"q\"",
                      "a long run of plain words", "\u{7F}"]
        return (0..<Int(g.next() % 8)).map { _ in g.pick(pieces) }.joined()
    }

    /// A value for a field: mostly right, sometimes null, absent, of another type or broken.
    static func value(_ right: String, _ g: inout Generator) -> String? {
        switch g.next() % 20 {
        case 0: return nil
        case 1: return "null"
        case 2: return g.pick(["12", "-0.5e3", "true", "[]", "{}", "01", "nul", "\"\\ud83d\\ude00\"", "\"\\x\""])
        default: return right
        }
    }

    static func line(_ g: inout Generator) -> String {
        var fields: [(String, String?)] = [
            ("id", value(literal(g.pick(["2401.00001", "0704.0001", "hep-th/9901001", "not an id", "2401.00001v2"]), &g), &g)),
            ("title", value(literal(text(&g), &g), &g)),
            ("abstract", value(literal(text(&g), &g), &g)),
            ("authors", value(literal(g.pick(["A. Author and B. Writer", "C. -P. Yuan, D. E\\\"ow", ""]), &g), &g)),
            ("categories", value(literal(g.pick(["cs.LG stat.ML", "hep-ph", ""]), &g), &g)),
            ("versions", value("[" + (0..<Int(g.next() % 3)).map { i in
                "{\"version\":\"v\(i + 1)\",\"created\":" + g.pick(["\"Mon, 2 Apr 2007 19:18:42 GMT\"", "\"garbage\"", "null", "3"]) + "}"
            }.joined(separator: ",") + "]", &g)),
            ("authors_parsed", value(g.pick(["[[\"Yuan\",\"C. -P.\",\"\"],[\"Berger\",\"E. L.\",\"Jr\"]]", "[]", "[[\"Solo\"]]", "[[1]]"]), &g)),
            ("update_date", value("\"2008-11-13\"", &g)),
            ("doi", value(literal("10.1103/PhysRevD.76.013009", &g), &g)),
            ("license", value("{\"nested\":[1,2.5,{\"x\":null}],\"t\":true}", &g)),
        ]
        fields.shuffle(using: &g)
        if g.next() % 10 == 0 { fields.append(("title", literal("Duplicate title", &g))) }
        var body = "{" + fields.compactMap { key, value in value.map { "\"\(key)\": \($0)" } }.joined(separator: g.pick([",", ", ", " ,\n"])) + "}"
        if g.next() % 25 == 0 { body = String(body.dropLast(Int(g.next() % 5) + 1)) }  // cut short
        if g.next() % 25 == 0 { body += g.pick([" x", ",", "}"]) }
        return body
    }

    enum Outcome: Equatable {
        case paper(PaperInput)
        case error(String)
    }

    static func reference(_ line: Data) -> Outcome {
        do { return .paper(try ArxivJSONLReader.paper(line, record: 1)) } catch { return .error("\(error)") }
    }

    static func fast(_ line: Data) -> Outcome? {
        guard let fields = line.withUnsafeBytes({ DumpLine.parse($0.bindMemory(to: UInt8.self)) }) else { return nil }
        do { return .paper(try ArxivJSONLReader.paper(from: fields, record: 1)) } catch { return .error("\(error)") }
    }

    @Test func randomLinesReadAsFoundationReadsThem() {
        var g = Generator(state: 7)
        var taken = 0
        for _ in 0..<20_000 {
            var line = Data(Self.line(&g).utf8)
            // Now and then a byte no writer of JSON text may put there: bad UTF-8, a raw control character.
            if g.next() % 20 == 0, !line.isEmpty { line[Int(g.next() % UInt64(line.count))] = g.pick([0xFF, 0xC3, 0x80, 0x01, 0x1F]) }
            guard let fast = Self.fast(line) else { continue }
            taken += 1
            let reference = Self.reference(line)
            #expect(fast == reference, "\(String(decoding: line, as: UTF8.self))")
            if fast != reference { return }
        }
        // The shortcut must be the common path, or it tests nothing.
        #expect(taken > 5_000, "\(taken) of 20,000 lines read by the byte reader")
    }

    @Test func everyFixtureLineTakesTheByteReader() throws {
        let data = try Fixtures.data("arxiv-oai-jsonl/snapshot_head50.jsonl")
        let lines = data.split(separator: UInt8(ascii: "\n")).map { Data($0) }
        #expect(lines.count == 50)
        for line in lines {
            let fast = try #require(Self.fast(line), "\(String(decoding: line, as: UTF8.self).prefix(80))")
            #expect(fast == Self.reference(line))
        }
    }

    /// A field nested a million deep is left to Foundation, which refuses it, instead of running
    /// the byte reader out of stack (on the reading thread, whose stack is the main thread's size).
    @Test func deepNestingIsRefusedNotACrash() throws {
        let depth = 1_000_000
        let line = Data(("{\"id\":\"2401.00001\",\"title\":\"T\",\"x\":" + String(repeating: "[", count: depth)
            + String(repeating: "]", count: depth) + "}").utf8)
        #expect(Self.fast(line) == nil)
        guard case .error = Self.reference(line) else { Issue.record("a line nested \(depth) deep was read"); return }
        let (store, folder) = try makeStore()
        defer { try? FileManager.default.removeItem(at: folder) }
        let good = Data(#"{"id":"2401.00002","title":"Kept out","abstract":"a"}"#.utf8)
        #expect(throws: ImportError.self) {
            try LibraryImport(store: store).importDocument(good + Data("\n".utf8) + line, format: .arxivJSONL, source: "t")
        }
        #expect(try store.stats().papers == 0)
    }

    @Test func plainTextSkipsTheTeXScanUnchanged() {
        var g = Generator(state: 11)
        let pieces = ["a", "b", " ", "-", "{", "}", "$", "\\", "~", "é", "'", "`", "\""]
        var plain = 0
        for _ in 0..<50_000 {
            let text = (0..<Int(g.next() % 10)).map { _ in g.pick(pieces) }.joined()
            if TeXDisplay.isPlain(text) { plain += 1 }
            #expect(TeXDisplay.render(text) == TeXDisplay.renderScanning(text), "\(text)")
        }
        #expect(plain > 1_000)
    }
}
