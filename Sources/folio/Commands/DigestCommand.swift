import ArgumentParser
import FolioCore
import Foundation

extension DigestFormat: ExpressibleByArgument {}

struct DigestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "digest",
        abstract: "Per topic, the papers that arrived since this digest last ran (for cron and mail).",
        discussion: """
            Each --name keeps when it last ran; its first run covers the last \(Store.firstDigestDays) days. --since DAY \
            (YYYY-MM-DD, or a span back from today: 7d, 2w, 3m, 1y) looks back from the start of that day instead \
            and leaves the digest's mark where it was. Muted papers are left out.
            """)

    @OptionGroup var global: GlobalOptions
    @Option(name: .customLong("topic"), help: "A topic to include (repeat it; every topic by default).") var topics: [String] = []
    @Option(help: ArgumentHelp("`last` (since the digest last ran) or a day: YYYY-MM-DD, 7d, 2w, 3m, 1y.", valueName: "since")) var since = "last"
    @Option(help: "The digest's name: each name remembers its own last run.") var name = "default"
    @Option(help: "markdown, atom (an RFC 4287 feed) or json.") var format: DigestFormat = .markdown

    func run() throws {
        let store = try global.openStore()
        let context = QueryContext.now()
        let start: String
        if since == "last" {
            start = try store.digestLastRun(name) ?? context.start(of: context.today.adding(days: -Store.firstDigestDays))
        } else {
            guard let day = CalendarDay(since) ?? context.today.back(since) else {
                throw CLIError("--since: expected last, a day YYYY-MM-DD or a span back from today (7d, 2w, 3m, 1y), found \(since)")
            }
            start = context.start(of: day)
        }
        let digest = try store.digest(name: name, topicNames: topics.isEmpty ? nil : topics, since: start)
        Output.write(digest.text(format))
        if since == "last" { try store.recordDigestRun(name, at: digest.until) }
    }
}
