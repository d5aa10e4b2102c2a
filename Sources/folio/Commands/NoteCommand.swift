import ArgumentParser
import FolioCore
import Foundation

/// `folio note ID`: prints the paper's note; `--set TEXT` replaces it (empty removes it), `--edit` opens
/// `$VISUAL`/`$EDITOR` on it.
struct NoteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "note", abstract: "Show, set or edit a paper's note.",
        discussion: "Without an option, prints the note (nothing when the paper has none). Notes are found by note:WORD and has:note.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "A Folio id, or an arXiv id with or without version.") var id: String
    @Option(help: ArgumentHelp("Replace the note with TEXT (an empty TEXT removes it).", valueName: "text")) var set: String?
    @Flag(help: "Edit the note in $VISUAL or $EDITOR (else vi).") var edit = false
    @Flag(help: "Print {\"id\", \"note\"} as JSON (after a change: the note as saved).") var json = false

    func validate() throws {
        if set != nil && edit { throw ValidationError("--set and --edit cannot go together") }
    }

    func run() throws {
        let store = try global.openStore()
        guard let paper = try store.paper(id: id) else { throw CLIError("no paper with id \(id)") }
        var note = paper.note
        if set != nil || edit {
            let text: String
            if let set {
                text = set
            } else {
                do {
                    text = try ExternalEditor.edit(note ?? "", name: paper.id, environment: ProcessInfo.processInfo.environment)
                } catch let failure as ExternalEditor.Failure {
                    throw CLIError(failure.description)
                }
            }
            let changed = try store.setNote(paper.id, text)
            note = try store.paper(id: paper.id)?.note
            if !json { Output.line(changed ? (note == nil ? "removed the note of \(paper.id)" : "saved the note of \(paper.id)") : "note unchanged") }
        } else if !json, let note {
            Output.line(note)
        }
        if json { Output.json(.object([("id", .string(paper.id)), ("note", .optional(note))])) }
    }
}
