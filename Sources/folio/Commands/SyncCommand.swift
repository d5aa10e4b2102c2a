import ArgumentParser
import FolioCore

/// `folio sync`: this library and the shared folder exchange changes; `--status` says where things stand.
struct SyncCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync",
        abstract: "Exchange stars, tags, read marks, topics and imported papers with other machines through a shared folder.")
    @OptionGroup var global: GlobalOptions
    @Option(help: ArgumentHelp("The shared folder (default: [sync] folder in the config file).", valueName: "path")) var folder: String?
    @Flag(help: "Say what was sent and applied, and when, instead of syncing.") var status = false
    @Flag(help: "Print JSON.") var json = false

    func run() throws {
        let store = try global.openStore()
        if status { return printStatus(try store.syncStatus()) }
        guard let path = folder.map({ UserPath.expand($0) }) ?? global.loadConfig().config.syncFolder else {
            throw LibraryError("no sync folder: set folder under [sync] in \(global.configPath), or pass --folder")
        }
        let report = try store.sync(folder: path)
        if json {
            return Output.json(.object([("sent", .int(report.sent)), ("applied", .int(report.applied)), ("devices", .int(report.devices))]))
        }
        Output.line("sent \(groupedDigits(report.sent)) changes, applied \(groupedDigits(report.applied)) from \(report.devices) other device\(report.devices == 1 ? "" : "s")")
    }

    func printStatus(_ status: SyncStatus) {
        if json {
            let devices = status.devices.map { JSONValue.object([("device", .string($0.id)), ("applied", .int($0.applied)), ("last_sync", .optional($0.lastSync))]) }
            return Output.json(.object([("device", .optional(status.device)), ("sent", .int(status.sent)), ("waiting", .int(status.waiting)),
                                        ("last_sync", .optional(status.lastSync)), ("devices", .array(devices))]))
        }
        guard let device = status.device else { return Output.line("not synced yet (folio sync starts it)") }
        Output.line("this device \(device): sent \(groupedDigits(status.sent)) changes, \(groupedDigits(status.waiting)) waiting, last sync \(status.lastSync ?? "never")")
        for other in status.devices {
            Output.line("device \(other.id): applied \(groupedDigits(other.applied)) changes, last read \(other.lastSync ?? "never")")
        }
    }
}
