import Foundation

/// Hands an address or a file to a program of the user's, started detached; else says what to open.
enum ExternalOpener {
    /// `o` and `P`: `$BROWSER`, else `xdg-open`.
    static func open(_ url: String, environment: [String: String]) -> String {
        launch(url, commands: [environment["BROWSER"], "xdg-open"], environment: environment)
            ? "opened \(url)" : "no browser found ($BROWSER, xdg-open): \(url)"
    }

    /// A downloaded PDF: `$FOLIO_PDF_VIEWER`, else `xdg-open`.
    static func openPDF(_ path: String, environment: [String: String]) -> String {
        launch(path, commands: [environment["FOLIO_PDF_VIEWER"], "xdg-open"], environment: environment)
            ? "opened \((path as NSString).lastPathComponent)" : "no PDF viewer found ($FOLIO_PDF_VIEWER, xdg-open): \(path)"
    }

    /// Runs the first of `commands` found with `argument`, its output discarded; whether one started.
    static func launch(_ argument: String, commands: [String?], environment: [String: String]) -> Bool {
        for command in commands.compactMap({ $0 }).filter({ !$0.isEmpty }) {
            guard let path = findExecutable(command, path: environment["PATH"] ?? "/usr/bin:/bin") else { continue }
            let process = Process()
            process.executableURL = URL(fileURLWithPath: path)
            process.arguments = [argument]
            process.standardInput = FileHandle.nullDevice
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            if (try? process.run()) != nil { return true }
        }
        return false
    }

    static func findExecutable(_ command: String, path: String) -> String? {
        if command.contains("/") { return FileManager.default.isExecutableFile(atPath: command) ? command : nil }
        return path.split(separator: ":").map { "\($0)/\(command)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}

/// OSC 52, the terminal's clipboard: `ESC ] 52 ; c ; base64 BEL`. The text goes base64-encoded, so
/// nothing in it can end the sequence or start another; every OSC 52 Folio writes is built here.
public enum OSC52 {
    /// Texts longer than this (in UTF-8 bytes) are not sent: terminals cap what they take (tmux's
    /// and several terminals' limits are near 100 KB of base64 or below), and one that does not would
    /// receive a screenful of bytes at a keystroke. A BibTeX entry with its abstract is 1–3 KB.
    public static let limit = 100_000

    /// The sequence that puts `text` on the clipboard, or nil when it is over `limit`.
    public static func sequence(for text: String) -> String? {
        let bytes = Data(text.utf8)
        guard bytes.count <= limit else { return nil }
        return "\u{1B}]52;c;" + bytes.base64EncodedString() + "\u{07}"
    }
}

/// The desktop's clipboard command, when the reader runs under one: `wl-copy` with `WAYLAND_DISPLAY`
/// set, else `xclip -selection clipboard` with `DISPLAY` set, found on `PATH`.
struct ClipboardTool: Equatable {
    var path: String
    var arguments: [String]

    var name: String { URL(fileURLWithPath: path).lastPathComponent }

    static func find(environment: [String: String]) -> ClipboardTool? {
        let path = environment["PATH"] ?? "/usr/bin:/bin"
        if environment["WAYLAND_DISPLAY"]?.isEmpty == false, let found = ExternalOpener.findExecutable("wl-copy", path: path) {
            return ClipboardTool(path: found, arguments: [])
        }
        if environment["DISPLAY"]?.isEmpty == false, let found = ExternalOpener.findExecutable("xclip", path: path) {
            return ClipboardTool(path: found, arguments: ["-selection", "clipboard"])
        }
        return nil
    }

    /// Starts the command, without a shell and without waiting for it, with `text` as its standard input.
    /// The input is a file unlinked once the command has it open: a pipe written by the reader could
    /// block it until the command reads, or end it with SIGPIPE if the command exited first.
    func copy(_ text: String) -> Bool {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("folio-copy-\(UUID().uuidString)").path
        guard FileManager.default.createFile(atPath: file, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600]),
              let input = FileHandle(forReadingAtPath: file) else { return false }
        defer {
            try? input.close()
            try? FileManager.default.removeItem(atPath: file)
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.standardInput = input
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        return (try? process.run()) != nil
    }
}
