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
