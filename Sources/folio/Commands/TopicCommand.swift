import ArgumentParser
import FolioCore
import Foundation
import TerminalUI

struct TopicCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "topic",
        abstract: "Saved queries that behave as live tags.",
        subcommands: [Add.self, List.self, Show.self, Remove.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: "Save a query as a topic (or change a topic's query).",
                                                        discussion: QueryArgument.examples("folio topic add NAME"))
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The topic's name.") var name: String
        @Argument(parsing: .allUnrecognized, help: "Its query, e.g. retriev* OR rank*; its words may be given apart.") var words: [String] = []

        var query: String { words.joined(separator: " ") }

        func validate() throws {
            if words.isEmpty { throw ValidationError("give the topic's query after its name") }
        }

        func run() throws {
            _ = try QueryArgument.parse(query, store: nil)
            let store = try global.openStore()
            let existing = try store.topics()
            if try TopicCommand.refersToItself(name: name, query: query, existing: existing) {
                throw CLIError("topic \(name) would refer to itself through topic:")
            }
            try store.saveTopic(name: name, query: query)
            let saved = try Store.topicName(name)
            let count = try QueryResolver(store: store).topic(saved).count
            Output.line("topic \(saved): \(count) paper\(count == 1 ? "" : "s")")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "Topics with their number of papers and of unread papers.")
        @OptionGroup var global: GlobalOptions
        @Flag(help: "Print JSON Lines {\"name\", \"query\", \"count\", \"unread\"}.") var json = false

        func run() throws {
            let store = try global.openStore()
            // Counted from the search index, as the reader's sidebar does: no paper is read.
            let resolver = QueryResolver(store: store)
            let unreadPapers = try resolver.unread()
            for topic in try store.topics() {
                let members = try resolver.unmuted(try resolver.topic(topic.name))
                var unreadMembers = members
                unreadMembers.formIntersection(unreadPapers)
                let (count, unread) = (members.count, unreadMembers.count)
                if json {
                    Output.json(.object([("name", .string(topic.name)), ("query", .string(topic.query)),
                                         ("count", .int(count)), ("unread", .int(unread))]))
                } else {
                    Output.line("\(topic.name)\t\(count)\t\(unread) unread\t\(topic.query)")
                }
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "A topic's query and papers.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The topic's name.") var name: String
        @Flag(help: "Print the papers as JSON Lines.") var json = false

        func run() throws {
            let store = try global.openStore()
            guard let topic = try store.topics().first(where: { $0.name == TextNormalizer.clean(name) }) else {
                throw CLIError("no topic named \(name)")
            }
            // The topic's set from the index; only its papers are read, newest first, a chunk at a time.
            let listing = PaperListing(store: store)
            let members = try listing.resolver.unmuted(try listing.resolver.topic(topic.name))
            let nums = try listing.nums(members, sort: .date, limit: nil)
            if !json { Output.line("\(topic.name): \(topic.query) (\(nums.count) papers)") }
            try listing.forEach(nums, withTopics: json) { paper in
                if json { Output.json(PaperJSON.object(paper)) } else { Output.line(ListCommand.line(paper)) }
            }
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "rm", abstract: "Delete a topic (papers and tags are untouched).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The topic's name.") var name: String

        func run() throws {
            guard try global.openStore().removeTopic(name: name) else { throw CLIError("no topic named \(name)") }
            Output.line("removed topic \(name)")
        }
    }

    /// Whether saving `query` as `name` would make a topic that depends on itself.
    static func refersToItself(name: String, query: String, existing: [Topic]) throws -> Bool {
        var queries = Dictionary(existing.map { ($0.name.lowercased(), $0.query) }, uniquingKeysWith: { a, _ in a })
        queries[TextNormalizer.clean(name).lowercased()] = query
        var seen: Set<String> = []
        var pending = [TextNormalizer.clean(name).lowercased()]
        while let current = pending.popLast() {
            guard let text = queries[current], let parsed = try? QueryParser.parse(text) else { continue }
            for referenced in parsed.referencedTopics.map({ $0.lowercased() }) {
                if referenced == TextNormalizer.clean(name).lowercased() { return true }
                if seen.insert(referenced).inserted { pending.append(referenced) }
            }
        }
        return false
    }
}
