import Foundation
@testable import FolioCore

/// Every paper a reader emits for `data`.
func readPapers(
    with reader: some DocumentReader, from data: Data, context: ImportContext = ImportContext()
) throws -> [PaperInput] {
    var papers: [PaperInput] = []
    try reader.read(data, context: context, emit: { papers.append($0) })
    return papers
}

/// The `ImportError` reading `text` throws, or nil when it reads without one.
func importError(with reader: some DocumentReader, reading text: String, context: ImportContext = ImportContext()) -> ImportError? {
    do {
        _ = try readPapers(with: reader, from: Data(text.utf8), context: context)
        return nil
    } catch {
        return error as? ImportError
    }
}

/// Noon UTC on a day, which is the same calendar day in every time zone the reader might run in.
func noonUTC(_ year: Int, _ month: Int, _ day: Int) -> Date {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC")!
    return calendar.date(from: DateComponents(year: year, month: month, day: day, hour: 12))!
}
