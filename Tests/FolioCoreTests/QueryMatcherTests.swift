import Testing
@testable import FolioCore

struct QueryMatcherTests {
    let paper = PaperFacts(
        title: "Text-to-Image Retrieval with Large Language Models",
        abstract: "We study Régularisation for dense retrievers. Zero-shot results improve.",
        authors: ["Jane Smith", "José Núñez"],
        categories: ["cs.IR", "cs.LG"],
        id: "2306.02556",
        arxivID: "2306.02556",
        tags: ["To  Read", "graphs"],
        topics: ["RAG"],
        starred: true,
        read: false,
        published: "2024-03-15"
    )

    func matches(_ query: String, _ facts: PaperFacts? = nil) throws -> Bool {
        try QueryParser.parse(query).matches(facts ?? paper)
    }

    @Test(arguments: [
        // Unscoped words look in title, abstract and authors.
        ("retrieval", true), ("RETRIEVAL", true), ("smith", true), ("jose", true), ("nunez", true),
        ("regularisation", true), ("Régularisation", true), ("retrievers", true), ("retriever", false),
        ("missing", false), ("", true),
        // Phrases are consecutive words, across punctuation; never across two author names.
        (#""text to image""#, true), ("text-to-image", true), (#""image to text""#, false),
        (#""large language models""#, true), (#""language large""#, false), (#""smith jose""#, false),
        (#""zero shot""#, true),
        // Prefixes.
        ("retriev*", true), ("retrievx*", false), ("text-to-im*", true), (#""large lang"*"#, true), ("lang", false),
        // Boolean structure.
        ("retrieval missing", false), ("retrieval OR missing", true), ("missing OR nothing", false),
        ("retrieval -missing", true), ("retrieval NOT smith", false), ("NOT missing", true),
        ("(missing OR dense) zero", true), ("missing retrieval OR smith", true), ("or", false),
    ])
    func text(query: String, expected: Bool) throws {
        #expect(try matches(query) == expected)
    }

    @Test(arguments: [
        ("title:retrieval", true), ("title:dense", false), ("title:smith", false),
        ("abstract:dense", true), ("abstract:retrieval", false), ("abstract:retriev*", true),
        ("author:smith", true), ("author:\"jane smith\"", true), ("author:jan*", true), ("author:dense", false),
        ("title:(dense OR image)", true), ("title:(dense OR zero)", false),
    ])
    func textScopes(query: String, expected: Bool) throws {
        #expect(try matches(query) == expected)
    }

    @Test(arguments: [
        ("tag:\"to read\"", true), ("tag:GRAPHS", true), ("tag:graph", false),
        ("topic:rag", true), ("topic:graphs", false),
        ("cat:cs.lg", true), ("cat:CS.IR", true), ("cat:cs.CV", false), ("cat:cs.*", true), ("cat:math.*", false),
        ("cat:cs", false),
        ("id:2306.02556", true), ("id:2306.02556v3", true), ("id:2306.02557", false),
        ("is:starred", true), ("is:unread", true), ("is:read", false),
        ("year:2024", true), ("year:2023", false),
        ("after:2024-03-15", true), ("after:2024-03-16", false),
        ("before:2024-03-16", true), ("before:2024-03-15", false),
        ("after:2024-03-01 before:2024-04-01", true),
    ])
    func filters(query: String, expected: Bool) throws {
        #expect(try matches(query) == expected)
    }

    @Test func idMatchesTheFolioIDOrTheArxivIDWithoutVersion() throws {
        let oldStyle = PaperFacts(title: "Old", id: "cs/0112017", arxivID: "cs/0112017v2")
        #expect(try matches("id:cs/0112017", oldStyle) == true)
        #expect(try matches("id:cs/0112017v1", oldStyle) == true)
        let titleOnly = PaperFacts(title: "No arXiv", id: "t-00000000000000ab")
        #expect(try matches("id:t-00000000000000ab", titleOnly) == true)
        #expect(try matches("id:2306.02556", titleOnly) == false)
    }

    @Test func datesNeverMatchAnUnpublishedPaper() throws {
        let undated = PaperFacts(title: "Undated", id: "t-1")
        #expect(try matches("year:2024", undated) == false)
        #expect(try matches("after:1900-01-01", undated) == false)
        #expect(try matches("before:2999-01-01", undated) == false)
        #expect(try matches("-year:2024", undated) == true)
    }

    @Test func readAndUnreadFollowTheFlag() throws {
        let read = PaperFacts(title: "Done", id: "t-2", read: true)
        #expect(try matches("is:read", read) == true)
        #expect(try matches("is:unread", read) == false)
        #expect(try matches("is:starred", read) == false)
    }

    @Test func factsFromAPaper() {
        let metadata = PaperInput(
            arxivID: "2401.00001", title: "A Title", abstract: "An abstract", authors: ["Ann Lee"],
            published: "2024-01-02", categories: ["cs.CL"]
        )
        let stored = Paper(
            id: "2401.00001", metadata: metadata, firstSource: "s", firstImportedAt: "t", lastSource: "s",
            lastImportedAt: "t", starredAt: "2024-02-01", readAt: nil, tags: ["x"]
        )
        let facts = PaperFacts(stored, topics: ["nlp"])
        #expect(facts == PaperFacts(
            title: "A Title", abstract: "An abstract", authors: ["Ann Lee"], categories: ["cs.CL"],
            id: "2401.00001", arxivID: "2401.00001", tags: ["x"], topics: ["nlp"],
            starred: true, read: false, published: "2024-01-02", arrived: "t"
        ))
    }

    @Test func searchWordsSplitAndFold() {
        #expect(TextNormalizer.searchWords("Text-to-Image, Régularisation! 3D") == ["text", "to", "image", "regularisation", "3d"])
        #expect(TextNormalizer.searchWords("--") == [])
        #expect(TextNormalizer.titleKey("Attention Is All You Need!") == "attention is all you need")
    }
}
