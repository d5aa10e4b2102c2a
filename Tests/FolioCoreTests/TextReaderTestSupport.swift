import Foundation
@testable import FolioCore

/// The `ImportError` reading `data` throws, or nil when it reads without one.
func importError(with reader: some DocumentReader, reading data: Data, context: ImportContext = ImportContext()) -> ImportError? {
    do {
        _ = try reader.readAll(data, context: context)
        return nil
    } catch {
        return error as? ImportError
    }
}

func importError(with reader: some DocumentReader, reading text: String, context: ImportContext = ImportContext()) -> ImportError? {
    importError(with: reader, reading: Data(text.utf8), context: context)
}

/// What a reader's papers become on their way into the store: mojibake repaired, text cleaned, TeX kept.
func asImported(_ papers: [PaperInput]) -> [PaperInput] {
    papers.map { ImportSession.normalized($0).input }
}

/// Noon UTC on a day, which is the same calendar day in every time zone the reader might run in.
func noonUTC(_ year: Int, _ month: Int, _ day: Int) -> Date {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC")!
    return calendar.date(from: DateComponents(year: year, month: month, day: day, hour: 12))!
}
