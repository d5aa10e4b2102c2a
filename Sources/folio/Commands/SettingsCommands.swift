import ArgumentParser
import FolioApp
import FolioCore
import Foundation
import TerminalUI

extension GlobalOptions {
    var configPath: String { config.map { UserPath.expand($0) } ?? SettingsPaths.configFile(environment: ProcessInfo.processInfo.environment) }

    func loadConfig() -> (config: Config, problems: [SettingsProblem]) { Config.load(path: configPath) }
}

struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config", abstract: "The config file: where it is looked for, and whether it is valid.",
        subcommands: [Check.self, Path.self, Init.self])

    struct Init: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "init", abstract: "Write a starter config file, every setting in it commented; never over an existing file.")
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let path = global.configPath
            if FileManager.default.fileExists(atPath: path) { throw CLIError("\(path) exists; edit it, or move it away first") }
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            guard FileManager.default.createFile(atPath: path, contents: Data(SourcesSetup.starterTOML.utf8)) else {
                throw CLIError("cannot write \(path)")
            }
            Output.line("wrote \(path)")
        }
    }

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "check", abstract: "Validate the config file; errors name their line.")
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let path = global.configPath
            guard FileManager.default.fileExists(atPath: path) else {
                Output.line("\(path): no config file; the defaults apply")
                return
            }
            let problems = global.loadConfig().problems
            guard problems.isEmpty else {
                throw CLIError(problems.map { "\(path): \($0)" }.joined(separator: "\n"))
            }
            Output.line("\(path): ok")
        }
    }

    struct Path: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "path", abstract: "Print where the config file is looked for.")
        @OptionGroup var global: GlobalOptions

        func run() throws { Output.line(global.configPath) }
    }
}

struct KeysCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys", abstract: "The effective key map: the config's [keys] over the standard one, as `?` shows it.")
    @OptionGroup var global: GlobalOptions
    @Flag(help: "Print JSON Lines {\"action\", \"keys\", \"help\"} (prompt keys have \"prompt\": true).") var json = false
    @Flag(help: "Print the KEYS section of the man page (folio.1 holds the standard map's).") var man = false

    func run() throws {
        let (config, problems) = global.loadConfig()
        for problem in problems { FileHandle.standardError.write(Data("folio: \(global.configPath): \(problem)\n".utf8)) }
        let keymap = config.keymap
        if man {
            Output.line(KeyHelp.manSection(keymap))
        } else if json {
            for binding in keymap.bindings {
                Output.json(.object([("action", .string(binding.action.rawValue)),
                                     ("keys", .array(binding.keys.map { .string($0.label) })),
                                     ("help", .string(binding.help))]))
            }
            for binding in keymap.promptBindings {
                Output.json(.object([("action", .string(binding.action.rawValue)), ("prompt", .bool(true)),
                                     ("keys", .array(binding.keys.map { .string($0.label) })),
                                     ("help", .string(binding.help))]))
            }
        } else {
            HelpView.lines(keymap).forEach(Output.line)
        }
    }
}
