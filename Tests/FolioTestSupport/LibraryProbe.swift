import Foundation

/// Looks into a library with the `sqlite3` shell, independently of Folio's own code.
public enum LibraryProbe {
    public static func query(_ library: String, _ sql: String) throws -> String {
        guard let sqlite3 = Subprocess.find("sqlite3") else {
            throw SubprocessError(description: "sqlite3 is not installed (scripts/install-deps installs it)")
        }
        let result = try Subprocess.run(sqlite3, ["-batch", "-cmd", ".timeout 10000", library, sql], environment: ["LANG": "C.UTF-8"])
        guard result.status == 0 else {
            throw SubprocessError(description: "sqlite3 \(sql) exited \(result.status): \(result.stderr)")
        }
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    public static func integrity(_ library: String) throws -> String {
        try query(library, "PRAGMA integrity_check")
    }

    public static func count(_ library: String, _ table: String) throws -> Int {
        Int(try query(library, "SELECT count(*) FROM \(table)")) ?? -1
    }

    /// Rows of two columns as `a|b` strings.
    public static func pairs(_ library: String, _ sql: String) throws -> Set<String> {
        Set(try query(library, sql).split(separator: "\n").map(String.init))
    }
}

/// arXiv snapshot lines made up for tests: `count` papers with ids `YYMM.00000`… and distinct dates.
public enum GeneratedSnapshot {
    public static func jsonl(count: Int, yymm: String = "1101", abstractWords: Int = 60) -> Data {
        let abstract = Array(repeating: "crash safety needs many words", count: abstractWords / 5).joined(separator: " ")
        var out = ""
        out.reserveCapacity(count * (abstract.count + 300))
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        for i in 0..<count {
            // One day apart, newest last, so every list has one order. The weekday is not read.
            let day = calendar.dateComponents([.year, .month, .day], from: Date(timeIntervalSince1970: 1_000_000_000 + Double(i) * 86_400))
            let rfc = "Mon, \(day.day!) \(months[day.month! - 1]) \(day.year!) 12:00:00 GMT"
            let id = yymm + "." + String(format: "%05d", i)
            out += #"{"id":"\#(id)","title":"Generated paper \#(i) of \#(yymm)","authors":"Ada Author, Bo Writer","#
                + #""categories":"cs.LG","abstract":"\#(abstract)","versions":[{"version":"v1","created":"\#(rfc)"}],"#
                + #""update_date":"2007-04-02"}"# + "\n"
        }
        return Data(out.utf8)
    }
}
