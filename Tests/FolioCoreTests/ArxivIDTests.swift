import Foundation
import Testing
@testable import FolioCore

/// `ArxivID.parse` reads bytes; the regular expressions it replaced are the reference.
@Suite struct ArxivIDTests {
    static func reference(_ raw: String) -> (id: String, version: String?)? {
        var s = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        for prefix in ["oai:arXiv.org:", "arXiv:", "arxiv:"] where s.hasPrefix(prefix) {
            s.removeFirst(prefix.count)
        }
        for marker in ["/abs/", "/pdf/"] {
            if let r = s.range(of: marker) { s = String(s[r.upperBound...]) }
        }
        if s.hasSuffix(".pdf") { s.removeLast(4) }
        var version: String?
        if let v = s.range(of: #"v[0-9]+$"#, options: .regularExpression) {
            version = String(s[v])
            s.removeSubrange(v)
        }
        let newStyle = #"^[0-9]{4}\.[0-9]{4,5}$"#
        let oldStyle = #"^[a-z]+(-[a-z]+)?(\.[A-Z]{2})?/[0-9]{7}$"#
        if s.range(of: newStyle, options: .regularExpression) != nil || s.range(of: oldStyle, options: .regularExpression) != nil {
            return (s, version)
        }
        return nil
    }

    @Test(arguments: [
        ("2306.02556v2", "2306.02556", "v2"), ("2306.0255", "2306.0255", nil), ("hep-th/9901001v3", "hep-th/9901001", "v3"),
        ("math.AG/0601001", "math.AG/0601001", nil), ("astro-ph/0601001", "astro-ph/0601001", nil),
        ("https://arxiv.org/abs/2306.02556v1", "2306.02556", "v1"), ("http://arxiv.org/pdf/2306.02556v4.pdf", "2306.02556", "v4"),
        ("arXiv:2306.02556", "2306.02556", nil), ("oai:arXiv.org:cs/0112017", "cs/0112017", nil), (" 2401.00001 \n", "2401.00001", nil),
    ] as [(String, String, String?)])
    func readsEveryFormArxivWrites(raw: String, id: String, version: String?) throws {
        let parsed = try #require(ArxivID.parse(raw))
        #expect(parsed.id == id && parsed.version == version)
    }

    @Test(arguments: ["", "v2", "2306.025", "2306.025567", "23060.2556", "HEP-th/9901001", "hep-/9901001", "math.Ag/0601001",
                      "hep-th/990100", "hep-th-x/9901001", "t-3f2a9c", "2306.02556v", "2306.02556v2v3"])
    func refusesWhatIsNotAnID(raw: String) {
        #expect(ArxivID.parse(raw) == nil)
    }

    /// Strings made of the pieces ids are made of, so that many of them nearly parse.
    @Test func agreesWithTheRegularExpressions() {
        let pieces = ["2306", ".", "0255", "6", "v", "2", "/", "hep", "-", "th", "math", ".AG", "9901001", "abs/", "/pdf/", "/abs/",
                      ".pdf", "arXiv:", "oai:arXiv.org:", "arxiv:", "X", "é", "é", " ", "\t", "1", "cs", "pdf"]
        var random = SplitMix(seed: 7)
        for _ in 0..<20_000 {
            var raw = ""
            for _ in 0..<Int.random(in: 1...7, using: &random) { raw += pieces.randomElement(using: &random)! }
            let fast = ArxivID.parse(raw), slow = ArxivIDTests.reference(raw)
            #expect(fast?.id == slow?.id && fast?.version == slow?.version, "\(raw.debugDescription)")
        }
    }
}
