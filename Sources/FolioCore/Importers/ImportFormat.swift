import Foundation

public enum ImportFormat: String, CaseIterable, Sendable, Codable {
    case hfPage = "hf-page"
    case hfJSON = "hf-json"
    case arxivAtom = "arxiv-atom"
    case arxivRSS = "arxiv-rss"
    case arxivJSONL = "arxiv-jsonl"
    case bibtex
    case folioJSON = "folio-json"
}

/// Where in the input a problem is: the most precise position the reader knows.
public enum InputLocation: Sendable, Equatable, CustomStringConvertible {
    case line(Int)
    case lineColumn(Int, Int)
    case record(Int)
    case whole

    public var description: String {
        switch self {
        case .line(let l): return "line \(l)"
        case .lineColumn(let l, let c): return "line \(l), column \(c)"
        case .record(let r): return "record \(r)"
        case .whole: return "whole file"
        }
    }
}

/// A problem in an input file. The CLI adds the file's name when it prints it.
public struct ImportError: Error, Sendable, Equatable, CustomStringConvertible {
    public var file: String?
    public var location: InputLocation
    public var message: String

    public init(file: String? = nil, _ location: InputLocation, _ message: String) {
        self.file = file
        self.location = location
        self.message = message
    }

    public var description: String {
        let place = location == .whole ? "" : "\(location): "
        if let file { return "\(file): \(place)\(message)" }
        return "\(place)\(message)"
    }

    public func naming(file: String) -> ImportError {
        var copy = self
        copy.file = file
        return copy
    }
}

/// Options some formats need.
public struct ImportContext: Sendable {
    /// Year for dates that carry none (the Daily Papers page); nil picks the latest such date not in the future.
    public var year: Int?
    public var today: Date

    public init(year: Int? = nil, today: Date = Date()) {
        self.year = year
        self.today = today
    }
}

/// Reads one whole document into papers. Throws `ImportError` for input it cannot read;
/// the store imports nothing from a file whose reader threw.
public protocol DocumentReader: Sendable {
    func read(_ data: Data, context: ImportContext, emit: (PaperInput) throws -> Void) throws
}
