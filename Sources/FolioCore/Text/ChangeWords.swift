/// `1 paper`, `1,204 papers`: counts as the journal and the status line write them.
public func papersCount(_ n: Int) -> String {
    groupedDigits(n) + (n == 1 ? " paper" : " papers")
}

/// `1,204`: thousands apart, whatever the locale, so messages read the same everywhere.
public func groupedDigits(_ n: Int) -> String {
    let digits = String(n.magnitude)
    var grouped = n < 0 ? "-" : ""
    for (i, digit) in digits.enumerated() {
        if i > 0 && (digits.count - i) % 3 == 0 { grouped.append(",") }
        grouped.append(digit)
    }
    return grouped
}

/// How a change to user state is said, alike in the journal, on the reader's status line and by the CLI.
public enum ChangeWords {
    public static func starred(_ on: Bool, _ papers: Int) -> String { "\(on ? "starred" : "unstarred") \(papersCount(papers))" }

    public static func read(_ on: Bool, _ papers: Int) -> String { "marked \(papersCount(papers)) \(on ? "read" : "unread")" }

    public static func tagged(_ adding: Bool, _ papers: Int, _ names: [String]) -> String {
        "\(adding ? "tagged" : "untagged") \(papersCount(papers)) \(names.joined(separator: ", "))"
    }

    public static func renamedTag(_ old: String, to new: String, _ papers: Int) -> String {
        "renamed tag \(old) to \(new) on \(papersCount(papers))"
    }

    public static func imported(_ new: Int, updated: Int, from source: String) -> String {
        "imported \(papersCount(new + updated)) from \(source) (\(groupedDigits(new)) new, \(groupedDigits(updated)) updated)"
    }

    public static func removedTag(_ name: String, _ papers: Int) -> String { "removed tag \(name) from \(papersCount(papers))" }
}
