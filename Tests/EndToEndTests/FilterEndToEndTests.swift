import FolioTestSupport
import Foundation
import Testing

@Suite("filter and topics end to end")
struct FilterEndToEndTests {
    @Test func typingNarrowsTheListThenSSavesATopicShownInTheSidebarWithHighlights() throws {
        let library = try TestLibrary()
        try library.ok(["import", CLI.fixture("hf-daily-papers-page.txt")])
        let tmux = try Tmux()
        try tmux.start(width: 120, height: 40)
        _ = try openReader(tmux, library, position: "1/54")

        try tmux.send(keys: "/")
        try tmux.waitFor({ status($0).hasPrefix("/") }, "the filter line")
        // The count follows every keystroke.
        try tmux.type("retr")
        try tmux.waitFor({ status($0).hasSuffix("18 of 54") }, "18 of 54 after `retr`")
        try tmux.type("iev*")
        try tmux.waitFor({ status($0).hasPrefix("/retriev*") && status($0).hasSuffix("18 of 54") && ($0.first ?? "").contains("18 of 54") },
                         "the list narrowed to 18 while typing `retriev*`")
        try tmux.send(keys: "Enter")
        try tmux.waitFor({ status($0).hasPrefix(" 1/18 ") }, "the kept filter: 1/18")

        try tmux.send(keys: "S")
        try tmux.waitFor({ status($0).hasPrefix("save topic as: ") }, "the topic name prompt")
        try tmux.type("ir")
        try tmux.send(keys: "Enter")
        try tmux.waitFor({ screen in
            screen.contains { $0.hasPrefix("│Topics") } && screen.contains { $0.hasPrefix("│ ir ") && $0.contains("18 (18)") }
                && status(screen).hasSuffix("saved topic ir")
        }, "the topic `ir` in the sidebar with 18 papers, 18 unread")

        // Matched words carry the match style (bold + underline) in the terminal's own sequences.
        let colored = try tmux.capture(escapes: true).joined(separator: "\n")
        let matchRun = try #require(colored.range(of: #"\x1b\[(?:[0-9]+;)*4(?:;[0-9]+)*m(?:\x1b\[[0-9;]*m)*[Rr]etriev"#, options: .regularExpression),
                                    "an underlined run holding `retriev` in:\n\(colored)")
        #expect(!colored[matchRun].isEmpty)
        #expect(try library.ok(["topic", "list", "--json"]).stdout.contains("\"count\":18"))
        try quitReader(tmux)
    }
}
