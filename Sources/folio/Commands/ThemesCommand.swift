import ArgumentParser
import FolioApp
import FolioCore
import Foundation
import TerminalUI

struct ThemesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "themes", abstract: "The reader's themes: list them, check a theme file, show a theme's colors.",
        subcommands: [List.self, Check.self, Show.self], defaultSubcommand: List.self)

    static var catalog: ThemeCatalog { ThemeCatalog(environment: ProcessInfo.processInfo.environment) }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "Built-in and user themes.")
        @Flag(help: "Print JSON Lines {\"name\", \"builtin\", \"path\", \"description\"}.") var json = false

        func run() throws {
            let catalog = ThemesCommand.catalog
            for name in catalog.names {
                let source = try? catalog.source(of: name)
                let description = source.flatMap { ThemeFile.parse($0.text).file?.description } ?? ""
                if json {
                    Output.json(.object([("name", .string(name)), ("builtin", .bool(ThemeCatalog.builtInNames.contains(name))),
                                         ("path", .optional(source?.path)), ("description", .string(description))]))
                } else {
                    Output.line(TextLayout.pad(name, width: 18) + "  " + (source?.path ?? "built in") + (description.isEmpty ? "" : "  " + description))
                }
            }
        }
    }

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "check", abstract: "Validate a theme file; errors name their line.")
        @Argument(help: "The theme file.") var file: String

        func run() throws {
            guard let text = try? String(contentsOfFile: file, encoding: .utf8) else { throw CLIError("cannot read \(file)") }
            let problems = ThemesCommand.catalog.check(text: text, path: file)
            guard problems.isEmpty else { throw CLIError(problems.map { "\(file): \($0)" }.joined(separator: "\n")) }
            Output.line("\(file): ok")
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "A sample of every role in a theme's colors.")
        @Argument(help: "The theme's name.") var name: String

        func run() throws {
            let theme: Theme
            do { theme = try ThemesCommand.catalog.load(name) } catch { throw CLIError(error.description) }
            let environment = ProcessInfo.processInfo.environment
            let term = environment["TERM"] ?? ""
            let colors = term.isEmpty || term == "dumb" ? 0 : term.contains("256") || term.contains("direct") ? 256 : 8
            let shown = theme.degraded(to: ColorDepth.detect(colors: colors, environment: environment))
            Output.line("theme \(name)")
            for role in Role.allCases {
                Output.write(TextLayout.pad(role.rawValue, width: 24) + shown[role].sgr + " Sample text ★ 03-18 " + "\u{1B}[0m\n")
            }
        }
    }
}
