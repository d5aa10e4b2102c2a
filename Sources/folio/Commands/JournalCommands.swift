import ArgumentParser
import FolioCore

/// `folio undo` and `folio redo`: how many steps, and what each did.
struct StepArguments: ParsableArguments {
    @OptionGroup var global: GlobalOptions
    @Option(help: "How many changes.") var steps = 1

    func validate() throws {
        if steps < 1 { throw ValidationError("--steps must be 1 or more") }
    }

    func walk(back: Bool) throws {
        let store = try global.openStore()
        let entries = back ? try store.undo(steps: steps) : try store.redo(steps: steps)
        if entries.isEmpty { return Output.line(back ? "nothing to undo" : "nothing to redo") }
        for entry in entries { Output.line("\(back ? "undid" : "redid"): \(entry.summary)") }
    }
}

struct UndoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "undo", abstract: "Undo the last changes to stars, tags, read marks and topics, from the reader or the command line.")
    @OptionGroup var arguments: StepArguments
    func run() throws { try arguments.walk(back: true) }
}

struct RedoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "redo", abstract: "Redo changes undone, until a new change is made.")
    @OptionGroup var arguments: StepArguments
    func run() throws { try arguments.walk(back: false) }
}

struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "history", abstract: "List the journal of changes, newest first.")
    @OptionGroup var global: GlobalOptions
    @Option(help: "At most this many entries.") var limit = 20
    @Flag(help: "Print JSON Lines {\"seq\", \"at\", \"origin\", \"summary\", \"changes\", \"undone\"}.") var json = false

    func validate() throws {
        if limit < 0 { throw ValidationError("--limit must be 0 or more") }
    }

    func run() throws {
        for entry in try global.openStore().history(limit: limit) {
            if json {
                Output.json(.object([("seq", .int(Int(entry.seq))), ("at", .string(entry.at)),
                                     ("origin", .string(entry.origin.rawValue)), ("summary", .string(entry.summary)),
                                     ("changes", .int(entry.changes)), ("undone", .bool(entry.undone))]))
            } else {
                let at = entry.at.prefix(19).replacingOccurrences(of: "T", with: " ")
                Output.line("\(entry.seq)\t\(at)\t\(entry.origin.rawValue)\t\(entry.summary)\(entry.undone ? " (undone)" : "")")
            }
        }
    }
}
