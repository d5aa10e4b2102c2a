import ArgumentParser
import FolioCore
import Foundation

struct MuteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mute",
        abstract: "Mute rules: queries whose papers every view, count, topic and list leaves out (--include-muted shows them).",
        subcommands: [Add.self, List.self, Remove.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: "Save a query as a mute rule (or change a rule's query).",
                                                        discussion: QueryArgument.examples("folio mute add NAME"))
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The rule's name.") var name: String
        @Argument(parsing: .allUnrecognized, help: "Its query, e.g. cat:hep-th OR author:\"Jane Doe\"; its words may be given apart.")
        var words: [String] = []

        func validate() throws {
            if words.isEmpty { throw ValidationError("give the rule's query after its name") }
        }

        func run() throws {
            let query = words.joined(separator: " ")
            let store = try global.openStore()
            guard let parsed = try QueryArgument.parse(query, store: store) else { throw CLIError("give the rule's query after its name") }
            let replaced = try store.saveMuteRule(name: name, query: query)
            let count = try QueryResolver(store: store).exact(parsed).count
            Output.line("\(replaced ? "changed" : "saved") mute rule \(TextNormalizer.clean(name)): \(count) paper\(count == 1 ? "" : "s") muted")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "Mute rules with the number of papers each mutes.")
        @OptionGroup var global: GlobalOptions
        @Flag(help: "Print JSON Lines {\"name\", \"query\", \"count\", \"created_at\"}.") var json = false

        func run() throws {
            let store = try global.openStore()
            let resolver = QueryResolver(store: store)
            for rule in try store.muteRules() {
                let count = try (try? QueryParser.parse(rule.query)).map { try resolver.exact($0).count } ?? 0
                if json {
                    Output.json(.object([("name", .string(rule.name)), ("query", .string(rule.query)), ("count", .int(count)),
                                         ("created_at", .string(rule.createdAt))]))
                } else {
                    Output.line("\(rule.name)\t\(count)\t\(rule.query)")
                }
            }
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "rm", abstract: "Delete a mute rule: its papers show again.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The rule's name.") var name: String

        func run() throws {
            guard try global.openStore().removeMuteRule(name: name) else { throw CLIError("no mute rule named \(name)") }
            Output.line("removed mute rule \(TextNormalizer.clean(name))")
        }
    }
}
