import Foundation

/// When something happened, as stored: UTC to the microsecond (`2026-12-01T06:33:36.123456Z`), so that
/// a paper imported just after the reader closed sorts after the close ("New" compares them as text).
enum Timestamp {
    static func now() -> String {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        return moment(seconds: time.tv_sec, microseconds: time.tv_nsec / 1000)
    }

    /// Text in the shape `moment` writes.
    static func isMoment(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        return bytes.count == 27 && bytes[10] == UInt8(ascii: "T") && bytes[19] == UInt8(ascii: ".") && bytes[26] == UInt8(ascii: "Z")
            && CalendarDay(String(text.prefix(10))) != nil
    }

    /// `seconds` since 1970 (and `microseconds`) as stored: `2026-12-01T06:33:36.123456Z`.
    static func moment(seconds: time_t, microseconds: Int = 0) -> String {
        var parts = tm()
        var seconds = seconds
        gmtime_r(&seconds, &parts)
        func two(_ n: Int32) -> String { n < 10 ? "0\(n)" : "\(n)" }
        let micro = String(microseconds)
        return "\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))T\(two(parts.tm_hour)):\(two(parts.tm_min)):"
            + "\(two(parts.tm_sec)).\(String(repeating: "0", count: 6 - micro.count) + micro)Z"
    }
}
