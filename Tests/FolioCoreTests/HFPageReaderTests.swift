import Foundation
import Testing
@testable import FolioCore

struct HFPageReaderTests {
    let page = "hf-daily-papers-page.txt"

    @Test func readsEveryPaperOnTheSavedPage() throws {
        let context = ImportContext(year: nil, today: noonUTC(2026, 11, 26))
        let papers = try HFPageReader().readAll(Fixtures.data(page), context: context)
        #expect(papers.count == 54)
        #expect(papers.allSatisfy { $0.published == "2026-03-18" })
        #expect(papers.allSatisfy { $0.arxivID == nil && !$0.abstract.isEmpty })

        let first = try #require(papers.first)
        #expect(first.title == "Improved Active Multi-Task Representation Learning via Lasso")
        #expect(first.abstract.hasPrefix("To leverage the copious amount of data"))
        #expect(first.abstract.hasSuffix(
            "Finally, we provide experiments on real-world computer vision datasets to illustrate the effectiveness of our proposed method."))
        #expect(papers.last?.title == "What's in a Prior? Learned Proximal Networks for Inverse Problems")
        #expect(papers.last?.abstract.hasSuffix("provide a window into the resulting priors learned from data.") == true)
        #expect(!papers.contains { HFPageReader.pageChrome.contains($0.title) })
    }

    @Test func dateWithoutYearIsTheLatestNotInTheFuture() throws {
        let before = ImportContext(year: nil, today: noonUTC(2026, 3, 1))
        #expect(HFPageReader.date(from: "Mar 18", context: before) == "2025-03-18")
        let sameDay = ImportContext(year: nil, today: noonUTC(2026, 3, 18))
        #expect(HFPageReader.date(from: "March 18", context: sameDay) == "2026-03-18")
        // Feb 29 exists only in leap years: 2024 is the latest one not after 2026-11-26.
        let later = ImportContext(year: nil, today: noonUTC(2026, 11, 26))
        #expect(HFPageReader.date(from: "Feb 29", context: later) == "2024-02-29")
        #expect(HFPageReader.date(from: "Mar 18, 2023", context: later) == "2023-03-18")
        #expect(HFPageReader.date(from: "Mars attacks", context: later) == nil)
        #expect(HFPageReader.date(from: "May 42", context: later) == nil)
    }

    @Test func contextYearOverridesTheGuess() throws {
        let context = ImportContext(year: 2024, today: noonUTC(2026, 11, 26))
        let papers = try HFPageReader().readAll(Fixtures.data(page), context: context)
        #expect(papers.count == 54)
        #expect(papers.allSatisfy { $0.published == "2024-03-18" })
    }

    @Test func papersBeforeAnyDateLineHaveNoDate() throws {
        let text = "Subscribe\n\nA Title\n\nIts abstract.\n\nJan 5\n\nSecond Title\n\nSecond abstract\ncontinues here.\n"
        let papers = try HFPageReader().readAll(Data(text.utf8), context: ImportContext(year: 2026))
        #expect(papers.map(\.title) == ["A Title", "Second Title"])
        #expect(papers.map(\.published) == [nil, "2026-01-05"])
        #expect(papers[1].abstract == "Second abstract continues here.")
    }

    @Test func titleWithoutAbstractNamesItsLine() {
        let error = importError(with: HFPageReader(), reading: "Mar 18\n\nTitle One\n\nAbstract one.\n\nTitle Two\n")
        #expect(error?.location == .line(7))
        #expect(error?.message.contains("Title Two") == true)
        let beforeDate = importError(with: HFPageReader(), reading: "Lonely Title\n\nMar 18\n")
        #expect(beforeDate?.location == .line(1))
    }

    @Test func emptyOrBinaryInputThrows() {
        #expect(importError(with: HFPageReader(), reading: "")?.location == .whole)
        #expect(importError(with: HFPageReader(), reading: "new\n\nSubscribe\n\nMar 18\n")?.location == .whole)
        #expect(throws: ImportError.self) {
            _ = try HFPageReader().readAll(Data([0x25, 0x50, 0x44, 0x46, 0x00, 0xFF, 0xFE]))
        }
        #expect(throws: ImportError.self) {
            _ = try HFPageReader().readAll(Data([0x41, 0xC3, 0x28, 0x0A]))
        }
    }
}
