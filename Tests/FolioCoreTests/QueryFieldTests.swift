import Foundation
import Testing
@testable import FolioCore

/// The community's fields and the date forms, on real data: the Hugging Face API's JSON (upvotes,
/// comments, GitHub stars and repositories, keywords), the arXiv dump (DOIs) and BibTeX (a paper without
/// an abstract). Each query's papers as the reader finds them (`QueryResolver`) equal the matcher's
/// verdict on every paper and, where the fixture says it directly, what this file reads from its JSON.
@Suite("Query fields and dates")
struct QueryFieldTests {
    static let hfPath = "hf-daily-papers/daily_papers_2026-06-12.json"
    /// 2026-06-15: the fixture's papers are from the days before.
    static let context = QueryContext(today: CalendarDay(year: 2026, month: 6, day: 15), startOfToday: 1_781_481_600)

    struct Library {
        let store: Store
        let folder: URL
        let papers: [Paper]
        /// arXiv id → the HF item, as Foundation's JSON parser reads it.
        let items: [String: [String: Any]]
    }

    static func library() throws -> Library {
        let (store, folder) = try makeStore()
        let importer = LibraryImport(store: store)
        _ = try importer.importDocument(try Fixtures.data(hfPath), format: .hfJSON, source: "hf")
        _ = try importer.importDocument(try Fixtures.data("arxiv-oai-jsonl/snapshot_head50.jsonl"), format: .arxivJSONL, source: "dump")
        _ = try importer.importDocument(try Fixtures.data("bibtex/pmlr_v224_automl23.bib"), format: .bibtex, source: "bib")
        // Every real capture here has its abstracts: one written for this test has none.
        _ = try importer.importDocument(Data("@misc{bare, title = {A Paper Without Its Abstract}, year = {2021}}".utf8), format: .bibtex, source: "bare")
        let json = try #require(try JSONSerialization.jsonObject(with: try Fixtures.data(hfPath)) as? [[String: Any]])
        var items: [String: [String: Any]] = [:]
        for item in json { items[(item["paper"] as! [String: Any])["id"] as! String] = item }
        return Library(store: store, folder: folder, papers: try store.papers(), items: items)
    }

    /// The ids `query` finds through the resolver, after checking they are the matcher's.
    static func found(_ query: String, in library: Library, context: QueryContext = context) throws -> Set<String> {
        let parsed = try QueryParser.parse(query, context: context)
        let resolver = QueryResolver(store: library.store)
        let byNum = try library.store.papers(byNum: try resolver.exact(parsed).nums)
        let resolved = Set(byNum.map(\.paper.id))
        let matched = Set(library.papers.filter { parsed.matches(PaperFacts($0)) }.map(\.id))
        #expect(resolved == matched, "\(query): resolver \(resolved.count), matcher \(matched.count)")
        return resolved
    }

    /// The HF papers whose item satisfies `test`, by arXiv id.
    static func hf(_ library: Library, _ test: ([String: Any], [String: Any]) -> Bool) -> Set<String> {
        Set(library.items.filter { test($0.value, $0.value["paper"] as! [String: Any]) }.keys)
    }

    @Test func countsCompareAsTheSourceSays() throws {
        let library = try Self.library()
        defer { try? FileManager.default.removeItem(at: library.folder) }
        func upvotes(_ p: [String: Any]) -> Int { p["upvotes"] as! Int }
        let cases: [(String, Set<String>)] = [
            ("upvotes>10", Self.hf(library) { upvotes($1) > 10 }),
            ("upvotes>=13", Self.hf(library) { upvotes($1) >= 13 }),
            ("upvotes<2", Self.hf(library) { upvotes($1) < 2 }),
            ("upvotes<=2", Self.hf(library) { upvotes($1) <= 2 }),
            ("upvotes=7", Self.hf(library) { upvotes($1) == 7 }),
            ("upvotes:7", Self.hf(library) { upvotes($1) == 7 }),
            ("UPVOTES:>=100", Self.hf(library) { upvotes($1) >= 100 }),
            ("comments>2", Self.hf(library) { item, _ in (item["numComments"] as! Int) > 2 }),
            ("comments=4", Self.hf(library) { item, _ in (item["numComments"] as! Int) == 4 }),
            ("stars>=10", Self.hf(library) { ($1["githubStars"] as? Int ?? -1) >= 10 }),
            ("stars<3", Self.hf(library) { ($1["githubStars"] as? Int).map { $0 < 3 } ?? false }),
            ("has:code", Self.hf(library) { !(($1["githubRepo"] as? String) ?? "").isEmpty }),
            ("has:code upvotes>50", Self.hf(library) { !(($1["githubRepo"] as? String) ?? "").isEmpty && upvotes($1) > 50 }),
        ]
        for (query, expected) in cases {
            let found = try Self.found(query, in: library)
            #expect(found == expected, "\(query)")
            #expect(!expected.isEmpty && expected.count < library.items.count, "\(query) tells nothing on this fixture")
        }
        // Papers without the count (the dump's, BibTeX's) match no comparison, `<` included.
        #expect(try Self.found("upvotes<1000", in: library).count == library.items.count)
        #expect(try Self.found("-upvotes<1000", in: library).count == library.papers.count - library.items.count)
    }

    @Test func featuresAndKeywords() throws {
        let library = try Self.library()
        defer { try? FileManager.default.removeItem(at: library.folder) }
        let doi = try Self.found("has:doi", in: library)
        #expect(doi.count == 28)  // the dump lines with a "doi"
        let noAbstract = try Self.found("-has:abstract", in: library)
        #expect(noAbstract.count == 1, "\(noAbstract)")
        #expect(try Self.found("has:abstract", in: library).count == library.papers.count - noAbstract.count)
        // `kw:` looks in the source's keywords, a phrase within one of them.
        func keywords(_ p: [String: Any]) -> [String] { (p["ai_keywords"] as? [String] ?? []).map { $0.lowercased() } }
        for query in ["kw:reinforcement", "kw:\"language models\"", "kw:LLM"] {
            let found = try Self.found(query, in: library)
            #expect(!found.isEmpty && found.count < library.items.count, "\(query): \(found.count)")
        }
        #expect(try Self.found("kw:reinforcement", in: library) == Self.hf(library) { keywords($1).contains { $0.contains("reinforcement") } })
    }

    @Test func datesAbsoluteRelativeAndYears() throws {
        let library = try Self.library()
        defer { try? FileManager.default.removeItem(at: library.folder) }
        func published(_ test: (String) -> Bool) -> Set<String> {
            Set(library.papers.filter { $0.metadata.published.map(test) ?? false }.map(\.id))
        }
        let cases: [(String, Set<String>)] = [
            ("after:7d", published { $0 >= "2026-06-08" }),
            ("after:1w", published { $0 >= "2026-06-08" }),
            ("before:5d", published { $0 < "2026-06-10" }),
            ("after:2026-06-11", published { $0 >= "2026-06-11" }),
            ("after:3m before:1w", published { $0 >= "2026-03-15" && $0 < "2026-06-08" }),
            ("after:1y", published { $0 >= "2025-06-15" }),
            ("year:2007", published { $0.hasPrefix("2007") }),
            ("year:>=2024", published { $0 >= "2024" }),
            ("year:>2007", published { $0 >= "2008" }),
            ("year:<2026", published { $0 < "2026" }),
            ("year:<=2007", published { $0 < "2008" }),
        ]
        for (query, expected) in cases {
            #expect(try Self.found(query, in: library) == expected, "\(query)")
            #expect(!expected.isEmpty && expected.count < library.papers.count, "\(query) tells nothing on this fixture")
        }
    }

    @Test func arrivalTodayAndSinceTheReaderClosed() throws {
        let library = try Self.library()
        defer { try? FileManager.default.removeItem(at: library.folder) }
        let now = QueryContext.now()
        #expect(try Self.found("is:today", in: library, context: now).count == library.papers.count)
        #expect(try Self.found("arrived:1d", in: library, context: now).count == library.papers.count)
        var tomorrow = now
        tomorrow.today = now.today.adding(days: 1)
        tomorrow.startOfToday += 86_400
        #expect(try Self.found("is:today", in: library, context: tomorrow).isEmpty)
        #expect(try Self.found("arrived:1d", in: library, context: tomorrow).count == library.papers.count)
        // Never closed: nothing is new; closed before the last import: what it brought.
        #expect(try Self.found("is:new", in: library, context: now).isEmpty)
        let hfArrival = try #require(library.papers.first { $0.firstSource == "hf" }?.firstImportedAt)
        let dumpArrival = try #require(library.papers.first { $0.firstSource == "dump" }?.firstImportedAt)
        #expect(hfArrival < dumpArrival)
        let since = try Self.found("is:new", in: library, context: QueryContext.now(newSince: dumpArrival))
        #expect(since == Set(library.papers.filter { $0.firstImportedAt >= dumpArrival }.map(\.id)))
        #expect(!since.isEmpty && since.count < library.papers.count)
    }

    @Test func aLaterImportUpdatesTheFieldsTheNewestValueWins() throws {
        let library = try Self.library()
        defer { try? FileManager.default.removeItem(at: library.folder) }
        var json = try #require(try JSONSerialization.jsonObject(with: try Fixtures.data(Self.hfPath)) as? [[String: Any]])
        var paper = json[0]["paper"] as! [String: Any]
        let id = paper["id"] as! String
        paper["upvotes"] = 999
        paper["githubStars"] = 4321
        json[0]["paper"] = paper
        json[0]["numComments"] = 77
        _ = try LibraryImport(store: library.store).importDocument(try JSONSerialization.data(withJSONObject: json), format: .hfJSON, source: "hf")
        #expect(try Self.found("upvotes=999 comments=77 stars=4321", in: Library(
            store: library.store, folder: library.folder, papers: try library.store.papers(), items: library.items)) == [id])
        let stored = try #require(try library.store.paper(id: id))
        #expect(stored.metadata.upvotes == 999 && stored.metadata.commentCount == 77 && stored.metadata.githubStars == 4321)
    }

    @Test(arguments: [
        ("upvotes>50", Filter.count(.upvotes, .more, 50)), ("comments<=3", .count(.comments, .atMost, 3)),
        ("stars:>=100", .count(.stars, .atLeast, 100)), ("upvotes:7", .count(.upvotes, .equal, 7)),
        ("has:CODE", .has(.code)), ("kw:\"Diffusion Models\"", .keyword(["diffusion", "models"])),
        ("after:7d", .after("2026-06-08")), ("before:2w", .before("2026-06-01")), ("after:1m", .after("2026-05-15")),
        ("before:3m", .before("2026-03-15")), ("after:1y", .after("2025-06-15")), ("after:0d", .after("2026-06-15")),
        ("year:>=2024", .after("2024-01-01")), ("year:<2024", .before("2024-01-01")), ("year:2024", .year(2024)),
        ("is:today", .arrivedSince("2026-06-15T00:00:00.000000Z")), ("arrived:2d", .arrivedSince("2026-06-13T00:00:00.000000Z")),
    ])
    func formsParse(query: String, expected: Filter) throws {
        let parsed = try QueryParser.parse(query, context: Self.context)
        #expect(parsed == .filter(expected))
        // The canonical text means the same.
        #expect(try QueryParser.parse(parsed.description, context: Self.context) == parsed)
    }

    @Test(arguments: ["upvotes>", "upvotes>x", "upvotes>=-1", "stars:many", "has:video", "after:7x", "after:d", "year:>=24",
                      "before:2026-02-30", "kw:\"\"", "is:yesterday"])
    func malformedFormsSayWhatIsExpected(query: String) {
        #expect(throws: QueryError.self) { try QueryParser.parse(query, context: Self.context) }
    }

    /// Words that only look like a field stay words.
    @Test func aComparisonOnlyAfterACountsName() throws {
        #expect(try QueryParser.parse("x>y") == .text(TextTerm(words: ["x", "y"])))
        #expect(try QueryParser.parse("upvotesx>5") == .text(TextTerm(words: ["upvotesx", "5"])))
    }

    /// `adding(days:)` by the day-number arithmetic equals a walk a day at a time.
    @Test func calendarArithmeticIsAWalkOfDays() {
        #expect(CalendarDay(year: 1970, month: 1, day: 1).dayNumber == 0)
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            let start = CalendarDay(dayNumber: Int.random(in: -700_000...2_900_000, using: &generator))
            #expect(CalendarDay(start.description) == start)
            let n = Int.random(in: -800...800, using: &generator)
            var walked = start
            for _ in 0..<abs(n) { walked = n > 0 ? Self.nextDay(walked) : Self.previousDay(walked) }
            #expect(start.adding(days: n) == walked, "\(start) + \(n)")
        }
        #expect(CalendarDay(year: 2024, month: 3, day: 31).adding(months: -1) == CalendarDay(year: 2024, month: 2, day: 29))
        #expect(CalendarDay(year: 2024, month: 2, day: 29).adding(months: -12) == CalendarDay(year: 2023, month: 2, day: 28))
        #expect(CalendarDay(year: 2026, month: 1, day: 15).adding(months: -13) == CalendarDay(year: 2024, month: 12, day: 15))
    }

    static func nextDay(_ d: CalendarDay) -> CalendarDay {
        if d.day < CalendarDay.days(inMonth: d.month, of: d.year) { return CalendarDay(year: d.year, month: d.month, day: d.day + 1) }
        return d.month == 12 ? CalendarDay(year: d.year + 1, month: 1, day: 1) : CalendarDay(year: d.year, month: d.month + 1, day: 1)
    }

    static func previousDay(_ d: CalendarDay) -> CalendarDay {
        if d.day > 1 { return CalendarDay(year: d.year, month: d.month, day: d.day - 1) }
        let (year, month) = d.month == 1 ? (d.year - 1, 12) : (d.year, d.month - 1)
        return CalendarDay(year: year, month: month, day: CalendarDay.days(inMonth: month, of: year))
    }
}

/// The muted set kept in the library is the one the rules find, and found again when they, the index or
/// (for rules on user state) anything may have changed it.
@Suite("mute rules' kept set")
struct MutedSetCacheTests {
    @Test func theKeptSetFollowsTheRulesAndTheIndex() throws {
        let (store, folder) = try makeStore()
        defer { try? FileManager.default.removeItem(at: folder) }
        let importer = LibraryImport(store: store)
        _ = try importer.importDocument(try Fixtures.data(QueryFieldTests.hfPath), format: .hfJSON, source: "hf")
        func fresh(_ query: String) throws -> [Int64] { try QueryResolver(store: store).exact(try QueryParser.parse(query)).nums }
        func muted() throws -> [Int64] { try QueryResolver(store: store).muted().nums }
        func kept() throws -> Int { try store.pool.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM mute_cache") ?? -1 } }

        try store.saveMuteRule(name: "agents", query: "agent*")
        #expect(try muted() == fresh("agent*") && !fresh("agent*").isEmpty)
        #expect(try kept() == 1)
        // Read back, not found again: a kept set changed by hand is what the next resolver says.
        let words = try QueryResolver(store: store).index.empty().words.count
        try store.pool.write { db in
            try db.execute(sql: "UPDATE mute_cache SET nums = ?", arguments: [Data([2, 0, 0, 0, 0, 0, 0, 0] + [UInt8](repeating: 0, count: 8 * (words - 1)))])
        }
        #expect(try muted() == [1])
        // Another rule, or an import (the index's generation), and the set is found again.
        try store.saveMuteRule(name: "rl", query: "\"reinforcement learning\"")
        #expect(try muted() == fresh("agent* OR \"reinforcement learning\""))
        _ = try importer.importDocument(try Fixtures.data("arxiv-oai-jsonl/snapshot_head50.jsonl"), format: .arxivJSONL, source: "dump")
        #expect(try muted() == fresh("agent* OR \"reinforcement learning\" "))
        // A rule on tags is never kept: a tag changes without the index changing.
        try store.saveMuteRule(name: "tagged", query: "tag:boring")
        try store.pool.write { db in try db.execute(sql: "DELETE FROM mute_cache") }
        let id = try store.papers(PaperFilter(limit: 1)).map(\.id)
        _ = try store.addTags(["boring"], to: id)
        #expect(try muted() == fresh("agent* OR \"reinforcement learning\" OR tag:boring"))
        #expect(try kept() == 0)
    }
}

