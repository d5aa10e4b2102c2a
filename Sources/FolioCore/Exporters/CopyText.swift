/// The texts the reader copies, built here once so that each is what the command line would write.
extension CopyFormat {
    /// The text for `paper`; nil when the format needs a link the paper lacks.
    /// - URL: arXiv's abstract page, else the source's link.
    /// - title: as the reader shows it (TeX rendered), on one line, without control characters.
    /// - BibTeX: exactly what `folio export --format bibtex` writes for the paper alone.
    /// - Markdown: `[title](url)`, the title's `\`, `[` and `]` escaped with a backslash, the URL's
    ///   parentheses and white space percent-encoded, so neither can end the link early.
    public func text(for paper: Paper) -> String? {
        switch self {
        case .url:
            return Self.link(of: paper)
        case .title:
            return Self.shownTitle(paper)
        case .bibtex:
            var text = ""
            Exporter.writeBibTeX([paper]) { text += $0 }
            return text
        case .markdown:
            guard let url = Self.link(of: paper) else { return nil }
            return "[\(Self.escapeLinkText(Self.shownTitle(paper)))](\(Self.escapeLinkTarget(url)))"
        }
    }

    static func shownTitle(_ paper: Paper) -> String {
        let rendered = TextNormalizer.clean(TeXDisplay.render(paper.title))
        return String(String.UnicodeScalarView(rendered.unicodeScalars.filter { $0.properties.generalCategory != .control }))
    }

    static func escapeLinkText(_ text: String) -> String {
        var out = ""
        for character in text {
            if character == "\\" || character == "[" || character == "]" { out.append("\\") }
            out.append(character)
        }
        return out
    }

    static func escapeLinkTarget(_ url: String) -> String {
        var out = ""
        for scalar in url.unicodeScalars {
            switch scalar {
            case "(": out += "%28"
            case ")": out += "%29"
            case _ where scalar.properties.isWhitespace || scalar.properties.generalCategory == .control:
                for byte in String(scalar).utf8 { out += "%" + (byte < 16 ? "0" : "") + String(byte, radix: 16, uppercase: true) }
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
