import Foundation
import Testing
import TerminalUI
@testable import FolioApp
@testable import FolioCore

/// The filter prompt helps: Ctrl-G shows the syntax, Tab completes, an unknown tag or topic is named.
@Suite("help in the filter prompt")
struct PromptHelpTests {
    @Test func ctrlGShowsTheSyntaxOverTheListAndHidesIt() throws {
        let lib = try SampleLibrary()
        let app = lib.runtime()
        app.press(.char("/"))
        app.press(.ctrl("g"))
        #expect(app.lines.contains { $0.contains("Query syntax") })
        #expect(app.lines.contains { $0.contains("upvotes>50  comments>=3  stars>100") })
        #expect(app.state.prompt?.text == "")
        app.press(.function(1))
        #expect(!app.lines.contains { $0.contains("Query syntax") })
        app.press(.ctrl("g"))
        app.press(.escape)
        #expect(!app.lines.contains { $0.contains("Query syntax") } && app.state.prompt == nil)
    }

    @Test func tabCompletesScopesNamesAndValues() throws {
        let lib = try SampleLibrary()
        let ids = try lib.store.papers(PaperFilter(limit: 2)).map(\.id)
        _ = try lib.store.addTags(["to read"], to: [ids[0]])
        try lib.store.saveTopic(name: "retrieval", query: "retriev*")
        let app = lib.runtime()
        app.press(.char("/"))
        for (typed, completed) in [("tit", "title:"), ("dense -ta", "dense -tag:"), ("tag:to", "tag:\"to read\" "),
                                   ("(a OR topic:re", "(a OR topic:retrieval "), ("is:st", "is:starred "), ("has:d", "has:doi "),
                                   ("a", "a"), ("up", "upvotes>"), ("zzz", "zzz")] {
            app.press(.ctrl("u"))
            app.type(typed)
            app.press(.tab)
            #expect(app.state.prompt?.text == completed, "\(typed)")
        }
    }

    @Test func anUnknownTagOrTopicIsAWarningNotASilentZero() throws {
        let lib = try SampleLibrary()
        try lib.store.saveTopic(name: "retrieval", query: "retriev*")
        let app = lib.runtime()
        app.press(.char("/"))
        app.type("topic:retrieval")
        #expect(!app.lines[39].contains("no topic named"))
        app.press(.ctrl("u"))
        app.type("tag:nothing OR topic:nope")
        #expect(app.lines[39].contains("no tag named nothing, no topic named nope"), "\(app.lines[39])")
        #expect(app.lines[39].contains("0 of 54"))
    }
}
