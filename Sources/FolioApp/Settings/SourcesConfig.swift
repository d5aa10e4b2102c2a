import FolioCore
import FolioFetch
import Foundation
import TOMLKit

/// `[sources.NAME]` tables: each a `kind` and that kind's settings. A source with a problem is
/// left out and the problem names its line; the other sources still fetch.
enum SourcesConfig {
    static let common = ["kind", "base_url", "timeout", "retries", "max_bytes"]

    static func read(_ value: TOMLValueConvertible, document: TOMLDocument, line tableLine: Int?) -> ([FetchSource], [SettingsProblem]) {
        guard let table = value.table else { return ([], [SettingsProblem(line: tableLine, "sources must be tables ([sources.NAME])")]) }
        var sources: [FetchSource] = []
        var problems: [SettingsProblem] = []
        for name in table.keys {
            let path = "sources.\(name)"
            guard let settings = table[name]?.table else {
                problems.append(SettingsProblem(line: document.line(of: name, inTable: "sources"), "sources.\(name) must be a table ([sources.\(name)])"))
                continue
            }
            var reader = SettingsReader(table: settings, document: document, tablePath: path)
            if let source = reader.source(named: name) { sources.append(source) }
            problems += reader.problems
        }
        return (sources, problems)
    }
}

/// Reads one source's table, collecting every problem with its line.
private struct SettingsReader {
    let table: TOMLTable
    let document: TOMLDocument
    let tablePath: String
    var problems: [SettingsProblem] = []

    func line(_ key: String) -> Int? { document.line(of: key, inTable: tablePath) }

    mutating func problem(_ key: String, _ message: String) {
        problems.append(SettingsProblem(line: line(key), "\(tablePath): \(message)"))
    }

    mutating func text(_ key: String, required: Bool = false) -> String? {
        guard let value = table[key] else {
            if required { problem("kind", "\(key) is missing") }
            return nil
        }
        guard let text = value.string, !text.isEmpty else { problem(key, "\(key) must be a non-empty string"); return nil }
        return text
    }

    mutating func number(_ key: String, default fallback: Double, range: ClosedRange<Double>) -> Double {
        guard let value = table[key] else { return fallback }
        guard let number = value.double ?? value.int.map(Double.init), range.contains(number) else {
            problem(key, "\(key) must be a number from \(Int(range.lowerBound)) to \(Int(range.upperBound))")
            return fallback
        }
        return number
    }

    mutating func source(named name: String) -> FetchSource? {
        guard let kindName = text("kind", required: true) else { return nil }
        var allowed = SourcesConfig.common
        let kind: FetchSource.Kind?
        switch kindName {
        case "hf-daily":
            allowed += ["date"]
            let date = text("date")
            if let date, date.wholeMatch(of: /\d{4}-\d{2}-\d{2}/) == nil { problem("date", "date must be YYYY-MM-DD") }
            kind = .hfDaily(date: date)
        case "arxiv-query":
            allowed += ["search_query", "max_results", "page_size"]
            let query = text("search_query", required: true)
            let maxResults = Int(number("max_results", default: 100, range: 1...30_000))
            let pageSize = Int(number("page_size", default: 100, range: 1...2_000))
            kind = query.map { .arxivQuery(searchQuery: $0, maxResults: maxResults, pageSize: pageSize) }
        case "arxiv-rss":
            allowed += ["categories"]
            kind = text("categories", required: true).map { .arxivRSS(categories: $0) }
        case "url":
            allowed += ["url", "format"]
            let format = text("format").flatMap { raw -> ImportFormat? in
                if let format = ImportFormat(rawValue: raw) { return format }
                problem("format", "format must be one of " + ImportFormat.allCases.map(\.rawValue).joined(separator: ", "))
                return nil
            }
            kind = text("url", required: true).map { .url($0, format: format) }
        default:
            problem("kind", "unknown kind \(kindName) (kinds: \(FetchSource.Kind.names.joined(separator: ", ")))")
            return nil
        }
        for key in table.keys where !allowed.contains(key) {
            problem(key, "unknown setting \(key) for \(kindName) (settings: \(allowed.joined(separator: ", ")))")
        }
        var policy = HTTPPolicy()
        policy.timeout = number("timeout", default: policy.timeout, range: 0.1...600)
        policy.retries = Int(number("retries", default: Double(policy.retries), range: 0...10))
        policy.maxBytes = Int(number("max_bytes", default: Double(policy.maxBytes), range: 1...Double(1 << 31)))
        let baseURL = text("base_url")
        if let baseURL, URL(string: baseURL)?.scheme.map({ ["http", "https"].contains($0) }) != true {
            problem("base_url", "base_url must be an http or https address")
        }
        guard let kind, problems.isEmpty else { return nil }
        return FetchSource(name: name, kind: kind, baseURL: baseURL, policy: policy)
    }
}

/// The sources `folio fetch` and `R` use: the config file's `[sources]`, else the built-in defaults.
/// Nothing is written: `folio config init` makes a starter file when asked.
public enum SourcesSetup {
    public struct Loaded: Sendable {
        public var sources: [FetchSource]
        public var problems: [SettingsProblem]
    }

    public static func load(configPath path: String) -> Loaded {
        guard FileManager.default.fileExists(atPath: path) else { return Loaded(sources: FetchSource.defaults, problems: []) }
        let (config, problems) = Config.load(path: path)
        return Loaded(sources: config.sources ?? FetchSource.defaults, problems: problems)
    }

    /// `folio config init`'s file: every setting, commented out, and the default sources.
    public static let starterTOML = """
        # Folio's settings (see the README's Configuration). Lines starting with # are examples.
        # theme = "gruvbox"                      # see `folio themes`; --theme overrides
        # library = "~/papers/library.sqlite"    # --library and $FOLIO_LIBRARY win over it

        # [layout]
        # sidebar = true                         # shown at start (\\ toggles it)
        # split = "auto"                         # "side-by-side", "stacked", or "auto" by width
        # date-format = "month-day"              # 03-18, or "iso" for 2026-03-18
        # columns = ["date", "tags", "upvotes"]  # the list's optional columns

        # [keys]                                 # action = [keys] (see `folio keys`)
        # star = ["f"]

        # [journal]                              # what undo and `folio history` keep: the larger of
        # keep-entries = 10000                   # the last this many changes
        # keep-days = 90                         # and every change of this many days

        # [sync]                                 # `folio sync`: a folder mirrored between machines
        # folder = "~/Sync/folio"
        # every-seconds = 120                    # how often the open reader syncs

        """ + FetchSource.defaultsTOML
}
