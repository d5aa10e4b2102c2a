import FolioCore
import TerminalUI

/// A line of the list as drawn: a paper's row, or the separator that starts a day in date order.
public enum ListLine: Sendable, Equatable {
    case paper(Int)
    /// `── Wed 18 Mar 2026 ──`: the papers below are of this day (the published date, as the date order
    /// sorts by it; nil for undated papers, which come last).
    case day(String?)
}

/// The list in date order shows a separator line before each day's first paper. Positions stay one per
/// paper (selection, offsets, loads); the lines are worked out from them for drawing and clicks, and the
/// list's offset moves on until the selected paper's line is drawn despite the separators above it.
extension AppState {
    /// Separators are drawn in date order only (newest first), in any view.
    var showsDays: Bool { order == .date }

    /// The day the date order sorts the paper at `position` under: its published date's first ten characters.
    private func day(at position: Int) -> String?? {
        list.paper(at: position).map { $0.metadata.published.map { String($0.prefix(10)) } }
    }

    /// The paper at `position` starts a day: the first of the list, or dated otherwise than the one above
    /// (when both are loaded; an unloaded row draws no separator until it is).
    func startsDay(at position: Int) -> Bool {
        guard showsDays, let day = day(at: position) else { return false }
        if position == 0 { return true }
        guard let above = self.day(at: position - 1) else { return false }
        return day != above
    }

    /// The lines `height` rows show from the paper at `start`. The separator above the top paper needs
    /// a second row, so that one row shows a paper.
    func listLines(from start: Int, height: Int) -> [ListLine] {
        var lines: [ListLine] = []
        var position = max(start, 0)
        while lines.count < height && position < list.count {
            if startsDay(at: position) && (position != start || height >= 2) {
                lines.append(.day(list.paper(at: position)?.metadata.published))
                if lines.count == height { break }
            }
            lines.append(.paper(position))
            position += 1
        }
        return lines
    }

    /// The first paper drawn: the list's offset, or a later one while separators would push the
    /// selected paper below the last row (only near the end of the list, where the offset may not go on).
    var firstDrawn: Int {
        guard showsDays, let selected = selectedPosition, selected >= listOffset else { return listOffset }
        var start = listOffset
        while start < selected && !listLines(from: start, height: listRows).contains(.paper(selected)) { start += 1 }
        return start
    }

    /// The list's lines as drawn now.
    var shownLines: [ListLine] { listLines(from: firstDrawn, height: listRows) }
}

/// Days as separators show them and as `@` reads them.
public enum DayText {
    static let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// `── Wed 18 Mar 2026 ──` for `2026-03-18`; `── Mar 2026 ──` for a date known to the month,
    /// `── 2026 ──` to the year, `── no date ──` for none; any other text as written.
    public static func separator(_ published: String?) -> String {
        "── " + label(published) + " ──"
    }

    static func label(_ published: String?) -> String {
        guard let published else { return "no date" }
        let parts = published.prefix(10).split(separator: "-", omittingEmptySubsequences: false).map { Int($0) }
        switch parts.count {
        case 3:
            if let year = parts[0], let month = parts[1], let day = parts[2], isDay(year: year, month: month, day: day) {
                return "\(weekdays[weekday(year: year, month: month, day: day)]) \(day) \(months[month - 1]) \(year)"
            }
        case 2:
            if let year = parts[0], let month = parts[1], (1...12).contains(month) { return "\(months[month - 1]) \(year)" }
        case 1:
            if published.count == 4, let year = parts[0] { return String(year) }
        default:
            break
        }
        return published
    }

    /// The day `text` names as `YYYY-MM-DD`, a date of the calendar; nil for anything else.
    public static func day(_ text: String) -> String? {
        let text = TextNormalizer.clean(text)
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
              bytes.enumerated().allSatisfy({ $0.offset == 4 || $0.offset == 7 || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0.element) }),
              let year = Int(text.prefix(4)), let month = Int(text.dropFirst(5).prefix(2)), let day = Int(text.suffix(2)),
              isDay(year: year, month: month, day: day) else { return nil }
        return text
    }

    static func isDay(year: Int, month: Int, day: Int) -> Bool {
        guard (1...12).contains(month), day >= 1 else { return false }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return day <= lengths[month - 1]
    }

    /// 0 for Sunday … 6 for Saturday, in the proleptic Gregorian calendar: days since 1970-01-01 (a
    /// Thursday), counted in 400-year eras of 146,097 days from a year that starts in March.
    static func weekday(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * ((month + 9) % 12) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        let days = era * 146_097 + dayOfEra - 719_468
        return ((days + 4) % 7 + 7) % 7
    }
}

/// `@`: the newest paper not newer than a day, in a list in date order.
public enum DateJump {
    /// The paper dated `published` is not newer than `day`: its date's first ten characters sort at or
    /// before it, as the date order sorts them (`2024-03`, a month, is before the month's days).
    /// Undated papers come last in the order, so they count as reached too.
    public static func reached(_ published: String?, _ day: String) -> Bool {
        guard let published else { return true }
        return !day.utf8.lexicographicallyPrecedes(published.utf8.prefix(10))
    }

    /// The first of `count` papers in date order (newest first, undated last) dated on or before `day`,
    /// reading `published(position)` at about log2(count) positions; nil when every dated one is newer.
    public static func firstPosition(count: Int, onOrBefore day: String, published: (Int) throws -> String?) rethrows -> Int? {
        // The reached papers are a tail of the list: the first is found by halving.
        var low = 0, high = count
        while low < high {
            let middle = low + (high - low) / 2
            if reached(try published(middle), day) { high = middle } else { low = middle + 1 }
        }
        guard low < count, try published(low) != nil else { return nil }
        return low
    }
}
