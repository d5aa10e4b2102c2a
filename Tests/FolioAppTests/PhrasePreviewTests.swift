import Foundation
import Testing
@testable import FolioApp
@testable import FolioCore

/// A phrase of common words has more candidates than a keystroke can read: while the filter is typed
/// it is checked in its newest candidates alone, the count says `+`, and Enter checks every one.
@Suite("phrases checked in part while typing")
struct PhrasePreviewTests {
    /// 1,200 papers that all have "alpha" and "beta", every third of them as the phrase "alpha beta".
    static func library() throws -> SampleLibrary {
        let lib = try SampleLibrary()
        _ = try lib.store.importPapers(source: "test") { session in
            for i in 0..<1_200 {
                let day = String(format: "2025-%02d-%02d", 1 + i / 100, 1 + i % 28)
                try session.add(PaperInput(arxivID: String(format: "2501.%05d", i), title: "Paper \(i)",
                                           abstract: i % 3 == 0 ? "alpha beta gamma" : "beta gamma alpha", published: day))
            }
        }
        return lib
    }

    @Test func aPartialCheckKeepsOnlyMatchesOfTheNewestCandidates() throws {
        let lib = try Self.library()
        let resolver = QueryResolver(store: lib.store)
        let phrase = try QueryParser.parse("alpha-beta")
        let whole = try resolver.exact(phrase)
        let part = try resolver.matches(phrase, checkingAtMost: 300)
        #expect(!part.complete)
        #expect(part.docs.nums.allSatisfy(whole.contains) && part.docs.count > 0 && part.docs.count < whole.count)
        // The newest candidates (papers with both words), checked a hundred at a time until a hundred match.
        let candidates = try resolver.index.evaluate(phrase).docs
        let newest = try resolver.index.first(400, of: candidates).filter { whole.contains($0) }
        #expect(part.docs.count > 50 && Set(part.docs.nums) == Set(newest.prefix(part.docs.count)))
        // Inside a NOT a part would let non-matches in: the phrase is checked whole there.
        let notPhrase = try QueryParser.parse(#"-"alpha beta""#)
        let negated = try resolver.matches(notPhrase, checkingAtMost: 300)
        let negatedWhole = try resolver.exact(notPhrase)
        #expect(negated.complete && negated.docs == negatedWhole)
    }

    @Test func typingShowsAPartialCountAndEnterTheWholeOne() throws {
        let lib = try Self.library()
        let app = lib.runtime()
        app.press(.char("/"))
        app.type("alpha-beta")
        let partial = app.state.list.count
        #expect(!app.state.list.complete && partial > 0 && partial < 400)
        #expect(app.lines[39].contains("\(partial)+ of 1254 (Enter checks every match)"))
        #expect(app.listed.allSatisfy { $0.metadata.abstract.hasPrefix("alpha beta") })
        app.press(.enter)
        #expect(app.state.list.complete && app.state.list.count == 400)
        #expect(app.lines[0].contains("400 of 1254"))
        #expect(app.listed.allSatisfy { $0.metadata.abstract.hasPrefix("alpha beta") })
    }
}
