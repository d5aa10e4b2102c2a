import FolioTestSupport
import Foundation
import Testing

/// Discover in the built reader on a real terminal: More like this from the list and back, For you in
/// the sidebar (ranked in the background from stars made on the command line), and the sort key.
@Suite("discover end to end")
struct DiscoverEndToEndTests {
    @Test func moreLikeThisAndBackThenForYouInTheSidebarThenSorting() throws {
        let library = try TestLibrary()
        try library.ok(["import", CLI.fixture("hf-daily-papers-page.txt")])
        // Three retrieval papers starred before the reader opens: For you has something to learn from.
        try library.ok(["star", "--query", "title:\"dense retrieval\" OR title:\"learned sparse\" OR title:\"neural retrieval\""])
        let tmux = try Tmux()
        try tmux.start(width: 140, height: 40)
        _ = try openReader(tmux, library, position: "1/54")

        // More like this from a filtered list, then back to it.
        try tmux.send(keys: "/")
        try tmux.type("\"relevance filtering\"")
        try tmux.send(keys: "Enter")
        try tmux.waitFor({ status($0).hasPrefix(" 1/1 ") }, "the filter kept: 1/1")
        try tmux.send(keys: "L")
        let similar = try tmux.waitFor({ screen in
            screen[0].contains("like: Relevance Filtering") && screen.contains { $0.contains("because:") }
                && status(screen).contains("like: Relevance Filtering")
        }, "More like this: its header, and a pane that says why")
        let position = try #require(status(similar).split(separator: " ").first.map(String.init))
        #expect(position.hasPrefix("1/") && Int(position.dropFirst(2)).map { $0 > 5 && $0 <= 50 } == true, "\(position)")
        try tmux.send(keys: "j", "j")
        try tmux.waitFor({ status($0).hasPrefix(" 3/") }, "the third similar paper selected")
        try tmux.send(keys: "Escape")
        try tmux.waitFor({ screen in
            status(screen).hasPrefix(" 1/1 ") && screen.contains { $0.contains("Relevance Filtering for Embedding") }
        }, "back to the filtered list, its paper selected")
        try tmux.send(keys: "Escape")
        try tmux.waitFor({ status($0).hasPrefix(" 1/54 ") || status($0).contains("/54 ") }, "the filter cleared")

        // For you, from the sidebar: ranked in the background from the three stars.
        try tmux.waitFor({ screen in screen.contains { Self.forYouCount($0).map { $0 > 0 } == true } }, "For you counted in the sidebar")
        try tmux.send(keys: "Tab", "Tab", "g", "j", "j", "j", "j")
        let forYou = try tmux.waitFor({ status($0).contains("For you") }, "the For you view")
        #expect(forYou.contains { $0.contains("retriev") || $0.contains("Retriev") }, "a retrieval paper offered:\n\(Tmux.framed(forYou))")
        try tmux.send(keys: "Tab")

        // The sort key: For you is best first; then newest, title and upvotes, each on the status line.
        try tmux.send(keys: "O")
        try tmux.waitFor({ status($0).contains("For you · newest first") && status($0).contains("sorted: newest first") }, "newest first")
        try tmux.send(keys: "O")
        try tmux.waitFor({ status($0).contains("For you · by title") }, "by title")
        try tmux.send(keys: "O")
        try tmux.waitFor({ status($0).contains("For you · most upvoted") }, "most upvoted")
        try tmux.send(keys: "O")
        try tmux.waitFor({ status($0).contains("sorted: best first") && !status($0).contains("For you ·") }, "best first again")
        try quitReader(tmux)
    }

    /// The count beside For you on a sidebar row, if the row has it.
    static func forYouCount(_ row: String) -> Int? {
        guard let range = row.range(of: "For you") else { return nil }
        return row[range.upperBound...].split(separator: "│").first.flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }
    }
}
