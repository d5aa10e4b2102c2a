import Foundation
import Testing
@testable import FolioCore

struct HFJSONReaderTests {
    let fixture = "hf-daily-papers/daily_papers_2026-06-12.json"

    @Test func readsEveryItemOfTheAPIResponse() throws {
        let papers = try HFJSONReader().readAll(Fixtures.data(fixture))
        #expect(papers.count == 30)
        #expect(papers.allSatisfy { $0.arxivID != nil && !$0.title.isEmpty && !$0.abstract.isEmpty })

        let first = try #require(papers.first)
        #expect(first.arxivID == "2606.00467")
        #expect(first.version == nil)
        #expect(first.title == "On the Limits of LLM Adaptability: Impact of Model-Internalized Priors on Annotation Task Performance")
        #expect(first.authors == ["Etienne Casanova", "Rafal Kocielnik", "R. Michael Alvarez"])
        #expect(first.published == "2026-05-30")
        #expect(first.upvotes == 0)
        #expect(first.githubRepo == nil)
        #expect(first.aiKeywords.first == "zero-shot annotation")
        #expect(first.aiKeywords.count == 14)
        #expect(first.abstract.hasPrefix("Large Language Models (LLMs) are increasingly used for zero-"))
        #expect(first.absURL == "https://arxiv.org/abs/2606.00467")
        #expect(first.pdfURL == "https://arxiv.org/pdf/2606.00467")

        let second = papers[1]
        #expect(second.arxivID == "2606.12730")
        #expect(second.upvotes == 5)
        #expect(second.githubRepo == "https://github.com/psychology-of-AI/Rethinking-Pyschometric-Eval-LLMs")
        #expect(papers.last?.arxivID == "2606.13106")
    }

    @Test func itemFieldsStandInForMissingPaperFields() throws {
        let json = #"[{"paper": {"id": "2401.00001v3", "authors": []}, "title": " Item  title ", "summary": "Item summary", "publishedAt": "2024-01-02T10:00:00Z"}]"#
        let paper = try #require(try HFJSONReader().readAll(Data(json.utf8)).first)
        #expect(paper.title == "Item title")
        #expect(paper.abstract == "Item summary")
        #expect(paper.published == "2024-01-02")
        #expect(paper.arxivID == "2401.00001")
        #expect(paper.version == "v3")
    }

    @Test func truncatedJSONNamesTheLine() throws {
        let truncated = "[\n  {\"paper\": {\"id\": \"2606.00467\",\n    \"title\": \"Cut"
        let error = try #require(importError(with: HFJSONReader(), reading: truncated))
        #expect(error.location == .lineColumn(3, 18))

        // The fixture is a single line, so a cut anywhere is on line 1.
        let cut = try Fixtures.data(fixture).prefix(5000)
        let fixtureError = try #require(importError(with: HFJSONReader(), reading: String(decoding: cut, as: UTF8.self)))
        guard case .lineColumn(1, _) = fixtureError.location else {
            Issue.record("expected line 1, got \(fixtureError.location)")
            return
        }
    }

    @Test func invalidValueNamesLineAndColumn() {
        let error = importError(with: HFJSONReader(), reading: "[\n  {\"title\": tru}\n]")
        guard case .lineColumn(2, _) = error?.location else {
            Issue.record("expected line 2, got \(String(describing: error))")
            return
        }
    }

    @Test func itemWithoutTitleNamesTheRecordAndField() {
        let error = importError(with: HFJSONReader(), reading: #"[{"paper": {"title": "A"}}, {"paper": {"id": "2401.00001"}}]"#)
        #expect(error?.location == .record(2))
        #expect(error?.message.contains("title") == true)
    }

    @Test func topLevelMustBeAnArray() {
        let error = importError(with: HFJSONReader(), reading: #"{"paper": {"title": "A"}}"#)
        #expect(error?.location == .whole)
        #expect(error?.message.contains("array") == true)
        #expect(importError(with: HFJSONReader(), reading: "")?.location == .lineColumn(1, 1))
        #expect(importError(with: HFJSONReader(), reading: "[]") == nil)
    }
}
