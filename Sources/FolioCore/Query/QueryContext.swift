import Foundation

/// What the relative parts of a query are relative to: today (`after:7d`, `is:today`) and the moment
/// the reader last closed (`is:new`). The parser turns them into fixed dates and moments, so a parsed
/// query means the same whenever it is evaluated; a saved topic is parsed again at each use.
public struct QueryContext: Sendable, Equatable {
    /// Today in the local time zone.
    public var today: CalendarDay
    /// The moment today began, in seconds since 1970.
    public var startOfToday: Int
    /// When the reader last closed; nil when it never has, and then `is:new` matches nothing, as the
    /// reader's New view on a first start.
    public var newSince: String?

    public init(today: CalendarDay, startOfToday: Int, newSince: String? = nil) {
        self.today = today
        self.startOfToday = startOfToday
        self.newSince = newSince
    }

    /// Now, in the local time zone.
    public static func now(newSince: String? = nil) -> QueryContext {
        var seconds = time(nil)
        var parts = tm()
        localtime_r(&seconds, &parts)
        let today = CalendarDay(year: Int(parts.tm_year) + 1900, month: Int(parts.tm_mon) + 1, day: Int(parts.tm_mday))
        parts.tm_hour = 0
        parts.tm_min = 0
        parts.tm_sec = 0
        parts.tm_isdst = -1
        return QueryContext(today: today, startOfToday: mktime(&parts), newSince: newSince)
    }

    /// The moment `day` began, as stored moments are written (`Timestamp`, UTC): today's start moved by
    /// whole days (a change of clocks in between moves it by that hour; `arrived:` asks for days).
    public func start(of day: CalendarDay) -> String {
        Timestamp.moment(seconds: startOfToday + (day.dayNumber - today.dayNumber) * 86_400)
    }
}

/// A day of the proleptic Gregorian calendar.
public struct CalendarDay: Sendable, Equatable, Comparable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int

    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// `YYYY-MM-DD` naming a day that exists (2024-02-29 yes, 2023-02-29 no).
    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
              (1...12).contains(month), (1...Self.days(inMonth: month, of: year)).contains(day)
        else { return nil }
        self.init(year: year, month: month, day: day)
    }

    public var description: String {
        func padded(_ n: Int, _ width: Int) -> String { String(repeating: "0", count: max(0, width - String(n).count)) + String(n) }
        return "\(padded(year, 4))-\(padded(month, 2))-\(padded(day, 2))"
    }

    public static func < (a: CalendarDay, b: CalendarDay) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }

    static func days(inMonth month: Int, of year: Int) -> Int {
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
    }

    /// Days since 1970-01-01 (negative before it).
    public var dayNumber: Int {
        // Years counted from March, so a leap day ends its year; 400-year eras of 146,097 days.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * ((month + 9) % 12) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    public init(dayNumber: Int) {
        let z = dayNumber + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        self.init(year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month: month, day: dayOfYear - (153 * shiftedMonth + 2) / 5 + 1)
    }

    /// `n` days later (earlier when negative).
    public func adding(days n: Int) -> CalendarDay { CalendarDay(dayNumber: dayNumber + n) }

    /// `n` months later (earlier when negative), on the same day of the month or the month's last.
    public func adding(months n: Int) -> CalendarDay {
        let index = year * 12 + (month - 1) + n
        let year = index >= 0 ? index / 12 : (index - 11) / 12
        let month = index - year * 12 + 1
        return CalendarDay(year: year, month: month, day: min(day, Self.days(inMonth: month, of: year)))
    }

    /// `7d`, `2w`, `3m`, `1y` back from this day; nil for anything else.
    public func back(_ span: String) -> CalendarDay? {
        guard let unit = span.last, let count = Int(span.dropLast()), count >= 0, count <= 100_000,
              span.dropLast().allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        switch unit.lowercased() {
        case "d": return adding(days: -count)
        case "w": return adding(days: -7 * count)
        case "m": return adding(months: -count)
        case "y": return adding(months: -12 * count)
        default: return nil
        }
    }
}
