import Foundation

/// Reads the text a browser saves from the Hugging Face "Daily Papers" page:
/// paragraphs separated by blank lines; a date line (`Mar 18`) dates the papers after it,
/// and each paper is a title paragraph followed by an abstract paragraph.
public struct HFPageReader: DocumentReader {
    public init() {}

    /// Paragraphs that belong to the page itself, not to any paper.
    static let pageChrome: Set<String> = [
        "new",
        "Get trending papers in your email inbox!",
        "Subscribe",
        "byAK and the research community",
        "by AK and the research community",
        "Daily Papers",
        "Submit",
        "Previous",
        "Next",
        "Load more",
    ]

    struct Paragraph {
        var text: String
        /// 1-based line of the paragraph's first line.
        var line: Int
    }

    public func read(_ data: Data, context: ImportContext, emit: (PaperInput) throws -> Void) throws {
        let text = try TextInput.decodeUTF8(data, format: "Daily Papers page")
        let paragraphs = Self.paragraphs(in: text).filter { !Self.isChrome($0.text) }

        var published: String?
        var count = 0
        var index = 0
        while index < paragraphs.count {
            let paragraph = paragraphs[index]
            if let date = Self.date(from: paragraph.text, context: context) {
                published = date
                index += 1
                continue
            }
            let next = index + 1
            guard next < paragraphs.count, Self.date(from: paragraphs[next].text, context: context) == nil else {
                throw ImportError(.line(paragraph.line),
                                  "expected an abstract paragraph after the title \"\(paragraph.text)\"")
            }
            try emit(PaperInput(title: paragraph.text, abstract: paragraphs[next].text, published: published))
            count += 1
            index += 2
        }
        if count == 0 {
            throw ImportError(.whole, "expected Daily Papers (a title paragraph, then an abstract paragraph), found none")
        }
    }

    /// Blank-line separated paragraphs, each cleaned, with the line it starts on.
    static func paragraphs(in text: String) -> [Paragraph] {
        var result: [Paragraph] = []
        var lines: [Substring] = []
        var startLine = 0
        func finish() {
            if !lines.isEmpty {
                result.append(Paragraph(text: TextNormalizer.clean(lines.joined(separator: "\n")), line: startLine))
                lines.removeAll()
            }
        }
        // Split on every line-ending style; `\r\n` is one Character in Swift, so it counts once.
        for (offset, line) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            if line.allSatisfy(\.isWhitespace) {
                finish()
            } else {
                if lines.isEmpty { startLine = offset + 1 }
                lines.append(line)
            }
        }
        finish()
        return result
    }

    static func isChrome(_ paragraph: String) -> Bool {
        // Upvote counts show up as bare numbers when the page is copied with them.
        pageChrome.contains(paragraph) || (!paragraph.isEmpty && paragraph.allSatisfy(\.isNumber))
    }

    /// `YYYY-MM-DD` for a date line such as `Mar 18`, `March 18` or `Mar 18, 2026`; nil for other text.
    static func date(from paragraph: String, context: ImportContext) -> String? {
        let words = paragraph.split(separator: " ")
        guard words.count == 2 || words.count == 3,
              let month = DateText.month(named: String(words[0].trimmingSuffix("."))),
              case let dayText = words[1].trimmingSuffix(","),
              (1...2).contains(dayText.count), dayText.allSatisfy({ $0.isASCII && $0.isNumber }), let day = Int(dayText)
        else { return nil }
        var statedYear: Int?
        if words.count == 3 {
            guard words[1].hasSuffix(","), words[2].count == 4, let year = Int(words[2]) else { return nil }
            statedYear = year
        }

        // The user's calendar decides what "today" is, as it does on the page they saved.
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .current
        func isValid(_ year: Int) -> Bool {
            DateComponents(calendar: calendar, year: year, month: month, day: day).isValidDate
        }
        if let year = statedYear ?? context.year {
            return isValid(year) ? DateText.ymd(year, month, day) : nil
        }
        let today = calendar.dateComponents([.year, .month, .day], from: context.today)
        guard let thisYear = today.year, let thisMonth = today.month, let thisDay = today.day else { return nil }
        let notFuture = (month, day) <= (thisMonth, thisDay)
        // Walk back to a year where the day exists (Feb 29) and is not after today.
        var year = notFuture ? thisYear : thisYear - 1
        while !isValid(year) && year > thisYear - 8 { year -= 1 }
        return isValid(year) ? DateText.ymd(year, month, day) : nil
    }
}

private extension Substring {
    func trimmingSuffix(_ suffix: String) -> Substring {
        hasSuffix(suffix) ? dropLast(suffix.count) : self
    }
}
