import FolioTestSupport
import Foundation
import Testing

@Suite("mute rules end to end")
struct MuteEndToEndTests {
    /// A rule from the command line hides its papers in the reader ("18 hidden"); `H` shows them in place,
    /// marked ×, and hides them again; `x` mutes what the filter finds.
    @Test func aMuteRuleHidesPapersTheStatusSaysHowManyAndHShowsThem() throws {
        let library = try TestLibrary()
        try library.ok(["import", CLI.fixture("hf-daily-papers-page.txt")])
        #expect(try library.ok(["mute", "add", "no retrieval", "retriev*"]).stdout.contains("18 papers muted"))
        let tmux = try Tmux()
        try tmux.start(width: 120, height: 40)
        try openReader(tmux, library, position: "1/36")
        try tmux.waitFor({ status($0).contains("All  18 hidden") && !$0.joined().contains("×") }, "36 papers and 18 hidden in All")

        try tmux.send(keys: "H")
        let shown = try tmux.waitFor({ status($0).hasPrefix(" 1/54 ") && status($0).contains("18 muted shown") },
                                     "the 18 muted papers shown in place")
        let marked = shown.dropFirst().dropLast().filter { $0.contains("×") }
        #expect(!marked.isEmpty, "no row marked × among:\n\(shown.joined(separator: "\n"))")
        try tmux.send(keys: "H")
        try tmux.waitFor({ status($0).hasPrefix(" 1/36 ") && status($0).contains("18 hidden") }, "hidden again")

        // Filtering for the muted word finds them only as hidden.
        try tmux.send(keys: "/")
        try tmux.type("retrieval")
        try tmux.send(keys: "Enter")
        try tmux.waitFor({ status($0).hasPrefix(" 0/0 ") && status($0).contains("17 hidden") }, "a filter whose 17 papers are all muted")
        try tmux.send(keys: "Escape")
        try tmux.waitFor({ status($0).hasPrefix(" 1/36 ") }, "the whole list again")

        // `x` saves the filter as a rule.
        try tmux.send(keys: "/")
        try tmux.type("diffusion")
        try tmux.send(keys: "Enter")
        let diffusion = try tmux.waitFor({ status($0).range(of: #"^ 1/[0-9]+ "#, options: .regularExpression) != nil }, "the diffusion filter")
        let count = try #require(Int(status(diffusion).dropFirst(3).prefix { $0 != " " }))
        try tmux.send(keys: "x")
        try tmux.waitFor({ status($0).hasPrefix("mute what the filter finds, as rule: ") }, "the rule name prompt")
        try tmux.type("no diffusion")
        try tmux.send(keys: "Enter")
        try tmux.waitFor({ status($0).hasPrefix(" 0/0 ") && status($0).contains("saved mute rule no diffusion") },
                         "the filter's papers muted")
        try tmux.send(keys: "Escape")
        try tmux.waitFor({ status($0).hasPrefix(" 1/\(36 - count) ") }, "All without the \(count) diffusion papers")
        try quitReader(tmux)
        let rules = try library.ok(["mute", "list", "--json"]).stdout
        #expect(rules.contains("\"name\":\"no diffusion\"") && rules.contains("\"query\":\"diffusion\""), "\(rules)")
    }
}
