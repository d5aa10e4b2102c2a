import ArgumentParser
import FolioCore

struct IndexCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "index", abstract: "The search index, kept up to date by imports.",
        subcommands: [Rebuild.self])

    struct Rebuild: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "rebuild", abstract: "Build the search index again from the library's papers.")
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let store = try global.openStore()
            try store.rebuildSearchIndex()
            Output.line("search index rebuilt: \(try store.stats().papers) papers")
        }
    }
}
