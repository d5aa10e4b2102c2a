import Testing
@testable import FolioCore

/// One unscoped word, or a phrase when `text` has several words.
private func term(_ text: String, prefix: Bool = false, field: TextField? = nil) -> Query {
    .text(TextTerm(words: text.split(separator: " ").map(String.init), prefix: prefix, field: field))
}

struct QueryParserTests {
    func parse(_ text: String, typing: Bool = false) throws -> Query {
        try QueryParser.parse(text, typing: typing)
    }

    func failure(_ text: String, typing: Bool = false) -> QueryError? {
        do {
            _ = try QueryParser.parse(text, typing: typing)
            return nil
        } catch {
            return error
        }
    }

    // MARK: Precedence

    @Test func wordsSideBySideAreAnd() throws {
        #expect(try parse("graph rag") == .and([term("graph"), term("rag")]))
        #expect(try parse("graph AND rag") == .and([term("graph"), term("rag")]))
    }

    @Test func andBindsTighterThanOr() throws {
        #expect(try parse("a b OR c") == .or([.and([term("a"), term("b")]), term("c")]))
        #expect(try parse("a OR b c") == .or([term("a"), .and([term("b"), term("c")])]))
        #expect(try parse("a OR b OR c") == .or([term("a"), term("b"), term("c")]))
    }

    @Test func notBindsTighterThanAnd() throws {
        #expect(try parse("NOT a b") == .and([.not(term("a")), term("b")]))
        #expect(try parse("-a b") == .and([.not(term("a")), term("b")]))
        #expect(try parse("a NOT b") == .and([term("a"), .not(term("b"))]))
        #expect(try parse("NOT a") == .not(term("a")))
        #expect(try parse("-a OR b") == .or([.not(term("a")), term("b")]))
    }

    @Test func parenthesesGroup() throws {
        #expect(try parse("(a OR b) c") == .and([.or([term("a"), term("b")]), term("c")]))
        #expect(try parse("-(a OR b)") == .not(.or([term("a"), term("b")])))
        #expect(try parse("((a))") == term("a"))
    }

    @Test func nestedAndOrAreFlattened() throws {
        #expect(try parse("(a b) c") == .and([term("a"), term("b"), term("c")]))
        #expect(try parse("a OR (b OR c)") == .or([term("a"), term("b"), term("c")]))
    }

    @Test func lowerCaseOperatorsAreWords() throws {
        #expect(try parse("cats or dogs") == .and([term("cats"), term("or"), term("dogs")]))
        #expect(try parse("not and") == .and([term("not"), term("and")]))
    }

    // MARK: Words

    @Test func phrasesAndHyphens() throws {
        #expect(try parse(#""language model""#) == term("language model"))
        #expect(try parse("text-to-image") == term("text to image"))
        #expect(try parse("Zero-Shot, retrieval!") == .and([term("zero shot"), term("retrieval")]))
        #expect(try parse("a-b OR c") == .or([term("a b"), term("c")]))
    }

    @Test func caseAndAccentsAreFolded() throws {
        #expect(try parse("Régularisation") == term("regularisation"))
        #expect(try parse(#""Schrödinger Équation""#) == term("schrodinger equation"))
    }

    @Test func prefixes() throws {
        #expect(try parse("retriev*") == term("retriev", prefix: true))
        #expect(try parse(#""large lang"*"#) == term("large lang", prefix: true))
        #expect(try parse("text-to-im*") == term("text to im", prefix: true))
    }

    @Test func wordsWithoutLettersAreDropped() throws {
        #expect(try parse("--") == .and([]))
        #expect(try parse("a !! b") == .and([term("a"), term("b")]))
        #expect(try parse("a OR !!") == term("a"))
        #expect(try parse("-!! a") == term("a"))
        #expect(try parse(#""""#) == .and([]))
        #expect(try parse("") == .and([]))
        #expect(try parse("   ") == .and([]))
    }

    // MARK: Scopes

    @Test func textScopes() throws {
        #expect(try parse(#"title:"language model""#) == term("language model", field: .title))
        #expect(try parse("author:smith") == term("smith", field: .author))
        #expect(try parse("title:retriev*") == term("retriev", prefix: true, field: .title))
        #expect(try parse("Abstract:Diffusion") == term("diffusion", field: .abstract))
        #expect(try parse("-author:smith") == .not(term("smith", field: .author)))
        #expect(try parse("title:OR") == term("or", field: .title))
    }

    @Test func textScopeBeforeParenthesisAppliesInside() throws {
        #expect(try parse("title:(graph OR rag)") == .or([term("graph", field: .title), term("rag", field: .title)]))
        #expect(try parse("title:(a author:b)") == .and([term("a", field: .title), term("b", field: .author)]))
    }

    @Test func filterScopes() throws {
        #expect(try parse("tag:toread") == .filter(.tag("toread")))
        #expect(try parse(#"tag:"to  read""#) == .filter(.tag("to read")))
        #expect(try parse(#"topic:"Graph RAG""#) == .filter(.topic("Graph RAG")))
        #expect(try parse("cat:cs.LG") == .filter(.category("cs.LG")))
        #expect(try parse("cat:cs.*") == .filter(.category("cs.*")))
        #expect(try parse("id:2306.02556v2") == .filter(.id("2306.02556")))
        #expect(try parse("id:cs/0112017") == .filter(.id("cs/0112017")))
        #expect(try parse("id:arXiv:2306.02556") == .filter(.id("2306.02556")))
        #expect(try parse("id:t-00ab") == .filter(.id("t-00ab")))
        #expect(try parse("is:starred is:UNREAD IS:read") == .and([.filter(.starred), .filter(.unread), .filter(.read)]))
        #expect(try parse("year:2024") == .filter(.year(2024)))
        #expect(try parse("after:2024-03-01 before:2024-04-01") == .and([.filter(.after("2024-03-01")), .filter(.before("2024-04-01"))]))
        #expect(try parse("after:2024-02-29") == .filter(.after("2024-02-29")))
        #expect(try parse("(tag:x)") == .filter(.tag("x")))
    }

    @Test func mixedQuery() throws {
        let query = try parse(#"retriev* author:smith -tag:"to read" OR cat:cs.IR"#)
        #expect(query == .or([
            .and([term("retriev", prefix: true), term("smith", field: .author), .not(.filter(.tag("to read")))]),
            .filter(.category("cs.IR")),
        ]))
    }

    // MARK: Errors

    @Test(arguments: [
        ("(graph OR rag", QueryError("expected ')'", column: 14)),
        ("((a)", QueryError("expected ')'", column: 5)),
        (#"title:"language"#, QueryError(#"expected '"'"#, column: 16)),
        (#"a "b"#, QueryError(#"expected '"'"#, column: 5)),
        ("a)", QueryError("unexpected ')'", column: 2)),
        ("(a) b) c", QueryError("unexpected ')'", column: 6)),
        ("a OR", QueryError("expected a term after OR", column: 5)),
        ("a OR OR b", QueryError("expected a term after OR", column: 6)),
        ("(a OR)", QueryError("expected a term after OR", column: 6)),
        ("OR a", QueryError("expected a term before OR", column: 1)),
        ("a AND", QueryError("expected a term after AND", column: 6)),
        ("AND a", QueryError("expected a term before AND", column: 1)),
        ("a NOT", QueryError("expected a term after NOT", column: 6)),
        ("-OR a", QueryError("expected a term after -", column: 2)),
        ("()", QueryError("expected a term after '('", column: 2)),
        ("title:", QueryError("expected a word after title:", column: 7)),
        ("title: x", QueryError("expected a word after title:", column: 7)),
        ("a author:", QueryError("expected a word after author:", column: 10)),
        ("tag:", QueryError("expected a name after tag:", column: 5)),
        (#"tag:"  ""#, QueryError("expected a name", column: 5)),
        ("tag:(a)", QueryError("expected a name after tag:", column: 5)),
        ("after:2024-13-01", QueryError("expected a date YYYY-MM-DD or a span back from today (7d, 2w, 3m, 1y)", column: 7)),
        ("x before:2023-02-29", QueryError("expected a date YYYY-MM-DD or a span back from today (7d, 2w, 3m, 1y)", column: 10)),
        ("after:2024-3-1", QueryError("expected a date YYYY-MM-DD or a span back from today (7d, 2w, 3m, 1y)", column: 7)),
        ("year:24", QueryError("expected a year, or a comparison with one (>=2024)", column: 6)),
        ("year:abcd", QueryError("expected a year, or a comparison with one (>=2024)", column: 6)),
        ("is:old", QueryError("expected starred, unread, read, new or today", column: 4)),
        ("a foo:bar", QueryError("unknown scope \"foo\"", column: 3)),
        ("Régularisation FOO:bar", QueryError("unknown scope \"FOO\"", column: 16)),
    ])
    func errors(query: String, expected: QueryError) {
        #expect(failure(query) == expected)
    }

    @Test func errorDescriptionNamesTheColumn() {
        #expect(failure("(graph OR rag")?.description == "expected ')' at column 14")
    }

    // MARK: Typing

    @Test func typingMakesTheLastBareWordAPrefix() throws {
        #expect(try parse("graph re", typing: true) == .and([term("graph"), term("re", prefix: true)]))
        #expect(try parse("graph re", typing: false) == .and([term("graph"), term("re")]))
        #expect(try parse("author:smi", typing: true) == term("smi", prefix: true, field: .author))
        #expect(try parse("text-to-im", typing: true) == term("text to im", prefix: true))
    }

    @Test func typingLeavesFinishedWordsAlone() throws {
        #expect(try parse("graph re ", typing: true) == .and([term("graph"), term("re")]))
        #expect(try parse(#""graph re""#, typing: true) == term("graph re"))
        #expect(try parse("(graph re)", typing: true) == .and([term("graph"), term("re")]))
        #expect(try parse("tag:to", typing: true) == .filter(.tag("to")))
        #expect(failure("graph OR", typing: true) == QueryError("expected a term after OR", column: 9))
    }

    // MARK: Description

    @Test(arguments: [
        ("a b OR c", "a b OR c"),
        ("(a OR b) c", "(a OR b) c"),
        ("NOT (a b)", "-(a b)"),
        ("NOT a", "-a"),
        (#"title:"Language Model" retriev*"#, #"title:"language model" retriev*"#),
        (#"tag:"to read" topic:x cat:cs.LG id:2306.02556v1"#, #"tag:"to read" topic:x cat:cs.LG id:2306.02556"#),
        ("is:starred is:unread is:read year:2024", "is:starred is:unread is:read year:2024"),
        ("after:2024-03-01 before:2024-04-01", "after:2024-03-01 before:2024-04-01"),
        ("", ""),
    ])
    func canonicalDescription(query: String, expected: String) throws {
        let parsed = try parse(query)
        #expect(parsed.description == expected)
        #expect(try parse(parsed.description) == parsed)
    }

    @Test func highlightTermsArePositiveTextTerms() throws {
        let query = try parse(#"graph* -rag (title:"language model" OR graph*) tag:x NOT (a b)"#)
        #expect(query.highlightTerms == [
            TextTerm(words: ["graph"], prefix: true),
            TextTerm(words: ["language", "model"], field: .title),
        ])
    }
}
