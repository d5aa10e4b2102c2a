import ArgumentParser
import FolioCore
import Foundation
import TerminalUI

struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show one paper in full.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "A Folio id, or an arXiv id with or without version.") var id: String
    @Flag(help: "Print the paper as one JSON object.") var json = false

    func run() throws {
        let store = try global.openStore()
        guard let p = try store.paper(id: id) else { throw CLIError("no paper with id \(id)") }
        if json { return Output.json(PaperJSON.object(p)) }
        let m = p.metadata
        var lines = [TeXDisplay.render(m.title), ""]
        func fact(_ name: String, _ value: String?) {
            if let value, !value.isEmpty { lines.append("\(name): \(value)") }
        }
        fact("id", p.id)
        fact("arXiv", m.arxivID.map { $0 + (m.version ?? "") })
        fact("authors", m.shownAuthors)
        fact("affiliations", m.shownAffiliations)
        fact("published", m.published)
        fact("announced", m.announced)
        fact("updated", m.updated)
        fact("categories", m.categories.joined(separator: " "))
        fact("url", p.url)
        fact("pdf", m.pdfURL)
        fact("comments", m.comments)
        fact("journal", m.journalRef)
        fact("doi", m.doi)
        fact("upvotes", m.upvotes.map(String.init))
        fact("github", m.githubRepo)
        fact("keywords", m.aiKeywords.joined(separator: ", "))
        fact("starred", p.starredAt)
        fact("read", p.readAt)
        fact("tags", p.tags.joined(separator: ", "))
        lines += ["", TeXDisplay.render(m.abstract)]
        if let note = p.note { lines += ["", "note:", note] }
        Output.line(lines.joined(separator: "\n"))
    }
}

struct TagsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "tags", abstract: "List tags with their number of papers.")
    @OptionGroup var global: GlobalOptions
    @Flag(help: "Print JSON Lines {\"name\", \"count\"}.") var json = false

    func run() throws {
        for tag in try global.openStore().tagCounts() {
            if json {
                Output.json(.object([("name", .string(tag.name)), ("count", .int(tag.count))]))
            } else {
                Output.line("\(tag.name)\t\(tag.count)")
            }
        }
    }
}

struct StatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "stats", abstract: "Summarize the library.")
    @OptionGroup var global: GlobalOptions
    @Flag(help: "Print one JSON object.") var json = false

    func run() throws {
        let store = try global.openStore()
        let s = try store.stats()
        let facts: [(String, JSONValue)] = [
            ("library", .string(store.path)), ("papers", .int(s.papers)), ("with_arxiv_id", .int(s.withArxivID)),
            ("starred", .int(s.starred)), ("read", .int(s.read)), ("tags", .int(s.tags)), ("topics", .int(s.topics)),
            ("oldest", .optional(s.oldest)), ("newest", .optional(s.newest)),
        ]
        if json { return Output.json(.object(facts)) }
        for (name, value) in facts {
            if case .string(let text) = value { Output.line("\(name): \(text)") } else { Output.line("\(name): \(value.text)") }
        }
    }
}

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "export", abstract: "Export papers (all, or those matching QUERY).",
                                                    discussion: QueryArgument.examples("folio export --format jsonl"))
    @OptionGroup var global: GlobalOptions
    @Argument(parsing: .allUnrecognized, help: QueryArgument.help) var query: [String] = []
    @Option(help: "folio-json (a full backup), jsonl, bibtex or markdown.") var format: ExportFormat
    @Option(name: .shortAndLong, help: "Write to this file instead of standard output.") var output: String?
    @Flag(help: "Overwrite the output file if it exists.") var force = false

    func run() throws {
        let store = try global.openStore()
        let papers = try store.papers(PaperFilter(query: try QueryArgument.parse(query, store: store)))
        guard let target = output else {
            return try Exporter(store: store).export(papers, format: format) { Output.write($0) }
        }
        let output = UserPath.expand(target)
        switch UserPath.kind(output) {
        case nil: break
        case .file?: if !force { throw CLIError("\(output) exists; --force replaces the file") }
        case let kind?: throw CLIError("\(output) is a \(kind.name); -o names a file to write")
        }
        // Written beside the target and renamed over it: a failed export leaves the old file as it was.
        let temporary = output + ".folio-partial"
        guard FileManager.default.createFile(atPath: temporary, contents: nil), let handle = FileHandle(forWritingAtPath: temporary) else {
            throw CLIError("cannot write \(output)")
        }
        do {
            try Exporter(store: store).export(papers, format: format) { handle.write(Data($0.utf8)) }
            try handle.close()
            guard rename(temporary, output) == 0 else { throw CLIError("cannot write \(output): \(String(cString: strerror(errno)))") }
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            throw error
        }
        Output.line("exported \(papers.count) paper\(papers.count == 1 ? "" : "s") to \(output)")
    }
}
