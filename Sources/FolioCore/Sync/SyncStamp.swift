import Foundation

/// A reading of a hybrid logical clock, as text that sorts as the clock does: milliseconds since 1970
/// (13 digits), a counter (6 digits) for changes within one millisecond or behind a clock seen from
/// another device, then the device id, which breaks ties. A device's next stamp is after every stamp it
/// has made or seen, so a change made after seeing another's wins over it, whatever the wall clocks say.
enum SyncStamp {
    static func next(after last: String?, device: String, nowMilliseconds: Int64 = Int64(Date().timeIntervalSince1970 * 1000)) -> String {
        let (milliseconds, counter) = last.flatMap(parts) ?? (0, 0)
        let (m, c) = nowMilliseconds > milliseconds ? (nowMilliseconds, 0) : (milliseconds, counter + 1)
        return format(milliseconds: m, counter: c, device: device)
    }

    static func format(milliseconds: Int64, counter: Int, device: String) -> String {
        let m = String(milliseconds), c = String(counter)
        return String(repeating: "0", count: max(13 - m.count, 0)) + m + "." + String(repeating: "0", count: max(6 - c.count, 0)) + c + "." + device
    }

    static func parts(_ stamp: String) -> (Int64, Int)? {
        let fields = stamp.split(separator: ".", maxSplits: 2)
        guard fields.count == 3, fields[0].count == 13, fields[1].count == 6,
              let milliseconds = Int64(fields[0]), let counter = Int(fields[1]) else { return nil }
        return (milliseconds, counter)
    }

    static func isValid(_ stamp: String) -> Bool { parts(stamp) != nil }

    /// A new device id: 16 hex digits.
    static func newDevice() -> String {
        var generator = SystemRandomNumberGenerator()
        let value = generator.next() as UInt64
        let hex = String(value, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
