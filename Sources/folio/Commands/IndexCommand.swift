import ArgumentParser
import FolioCore
import Foundation

struct IndexCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "index", abstract: "The search index, kept up to date by imports.",
        subcommands: [Rebuild.self, Stats.self])

    struct Rebuild: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "rebuild", abstract: "Build the search index again from the library's papers.")
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let store = try global.openStore()
            try store.rebuildSearchIndex()
            Output.line("search index rebuilt: \(try store.stats().papers) papers")
        }
    }

    struct Stats: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "stats", abstract: "The index's segments: papers, bytes of postings, and how much of it is stale.",
            discussion: "A posting is one paper in one word's list; a stale one belongs to a paper a later segment re-indexed. Imports merge segments so that they stay few.")
        @OptionGroup var global: GlobalOptions
        @Flag(help: "Print one JSON object.") var json = false

        func run() throws {
            let stats = try global.openStore().searchIndexStats()
            if json { return Output.json(Stats.json(stats)) }
            Output.line("segments: \(stats.segments.count) (the merge policy keeps at most \(stats.mergeBound))")
            for s in stats.segments {
                Output.line("segment \(s.id): \(s.papers) papers, \(s.replaced) re-indexed, \(s.bytes) bytes, \(s.postings) postings, \(s.stalePostings) stale")
            }
            Output.line("postings: \(stats.bytes) bytes, \(stats.postings) postings, \(stats.stalePostings) stale ("
                + String(format: "%.2f%%", stats.staleFraction * 100) + ")")
        }

        static func json(_ stats: SearchIndexStats) -> JSONValue {
            .object([
                ("segments", .int(stats.segments.count)), ("merge_bound", .int(stats.mergeBound)), ("papers", .int(stats.papers)),
                ("postings_bytes", .int(stats.bytes)), ("postings", .int(stats.postings)), ("stale_postings", .int(stats.stalePostings)),
                ("stale_fraction", .number(stats.staleFraction)),
                ("segment_list", .array(stats.segments.map { s in
                    .object([("id", .int(Int(s.id))), ("papers", .int(s.papers)), ("replaced", .int(s.replaced)), ("postings_bytes", .int(s.bytes)),
                             ("postings", .int(s.postings)), ("stale_postings", .int(s.stalePostings))])
                })),
            ])
        }
    }
}
