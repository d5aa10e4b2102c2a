import Foundation

/// `$VISUAL`, else `$EDITOR`, else `vi`, on a temporary file holding `text`: what the file holds when the
/// editor exits with status 0, or nil (the editor failed or could not start: nothing is saved).
/// The command goes through `/bin/sh` as editors are configured (`code -w`, `emacsclient -t`); the
/// file's path is passed as an argument, never spliced into the command.
public enum ExternalEditor {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    public static func command(_ environment: [String: String]) -> String {
        [environment["VISUAL"], environment["EDITOR"]].compactMap { $0 }.first { !$0.allSatisfy(\.isWhitespace) } ?? "vi"
    }

    public static func edit(_ text: String, name: String, environment: [String: String]) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("folio-note-\(getpid())-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent(name.map { $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" ? $0 : "_" } + ".md")
        try Data(text.utf8).write(to: file)
        let editor = command(environment)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", editor + " \"$1\"", "folio-editor", file.path]
        process.environment = environment
        do {
            try process.run()
        } catch {
            throw Failure(description: "cannot start the editor \(editor): \(error.localizedDescription)")
        }
        process.waitUntilExit()
        guard process.terminationReason == .exit, process.terminationStatus == 0 else {
            throw Failure(description: "the editor \(editor) failed (status \(process.terminationStatus)): the note is unchanged")
        }
        guard let edited = String(data: try Data(contentsOf: file), encoding: .utf8) else {
            throw Failure(description: "the note is not UTF-8 text: unchanged")
        }
        return edited
    }
}
