import Foundation

/// What arrived for each topic between two moments: `folio digest`, for cron and mail.
public struct Digest: Sendable {
    public struct Section: Sendable {
        public var topic: Topic
        /// Newest first.
        public var papers: [Paper]
    }

    public var name: String
    /// Papers first imported at or after `since` and before `until` (`Timestamp` moments).
    public var since: String
    public var until: String
    public var sections: [Section]

    public func text(_ format: DigestFormat) -> String {
        switch format {
        case .markdown: markdown
        case .atom: atom
        case .json: json
        }
    }

    var markdown: String {
        var out = "# Folio digest: \(MarkdownWriter.escape(name))\n\nPapers that arrived from \(since) to \(until).\n"
        for section in sections {
            out += "\n## \(MarkdownWriter.escape(section.topic.name)) (\(section.papers.count))\n\n"
            out += "Query: `\(section.topic.query.replacingOccurrences(of: "`", with: "'"))`\n\n"
            if section.papers.isEmpty { out += "Nothing new.\n" }
            for paper in section.papers {
                let title = MarkdownWriter.escape(TeXDisplay.render(paper.title))
                var facts: [String] = []
                if !paper.metadata.authors.isEmpty { facts.append(MarkdownWriter.escape(paper.metadata.shownAuthors)) }
                if let published = paper.metadata.published { facts.append(published) }
                out += "- " + (paper.url.map { "[\(title)](\($0))" } ?? title) + (facts.isEmpty ? "" : " — " + facts.joined(separator: " · ")) + "\n"
            }
        }
        return out
    }

    /// An RFC 4287 feed: one entry per paper (its topics as categories), newest arrival first.
    var atom: String {
        var entries: [(paper: Paper, topics: [String])] = []
        var seen: [String: Int] = [:]
        for section in sections {
            for paper in section.papers {
                if let at = seen[paper.id] { entries[at].topics.append(section.topic.name); continue }
                seen[paper.id] = entries.count
                entries.append((paper, [section.topic.name]))
            }
        }
        entries.sort { $0.paper.firstImportedAt != $1.paper.firstImportedAt ? $0.paper.firstImportedAt > $1.paper.firstImportedAt : $0.paper.id < $1.paper.id }
        var out = """
            <?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom">
              <id>urn:folio:digest:\(Self.xml(Self.urnPart(name)))</id>
              <title>Folio digest: \(Self.xml(name))</title>
              <subtitle>Papers that arrived from \(since) to \(until)</subtitle>
              <updated>\(until)</updated>
              <author><name>Folio</name></author>
              <generator>Folio</generator>

            """
        for (paper, topics) in entries {
            let id = paper.url ?? "urn:folio:paper:" + Self.urnPart(paper.id)
            out += "  <entry>\n    <id>\(Self.xml(id))</id>\n    <title>\(Self.xml(TeXDisplay.render(paper.title)))</title>\n"
            out += "    <updated>\(paper.firstImportedAt)</updated>\n"
            if let url = paper.url { out += "    <link rel=\"alternate\" href=\"\(Self.xml(url))\"/>\n" }
            for author in paper.metadata.authors { out += "    <author><name>\(Self.xml(TeXDisplay.render(author)))</name></author>\n" }
            for topic in topics { out += "    <category term=\"\(Self.xml(topic))\"/>\n" }
            if !paper.metadata.abstract.isEmpty { out += "    <summary>\(Self.xml(TeXDisplay.render(paper.metadata.abstract)))</summary>\n" }
            out += "  </entry>\n"
        }
        return out + "</feed>\n"
    }

    var json: String {
        JSONValue.object([
            ("name", .string(name)), ("since", .string(since)), ("until", .string(until)),
            ("topics", .array(sections.map { section in
                .object([("name", .string(section.topic.name)), ("query", .string(section.topic.query)),
                         ("count", .int(section.papers.count)), ("papers", .array(section.papers.map(PaperJSON.object)))])
            })),
        ]).text + "\n"
    }

    /// Text as XML character data or an attribute value: markup escaped, and the characters XML 1.0
    /// cannot hold at all (C0 controls but tab and newlines, U+FFFE, U+FFFF, lone surrogates) left out.
    static func xml(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out.append(contentsOf: "&amp;".unicodeScalars)
            case "<": out.append(contentsOf: "&lt;".unicodeScalars)
            case ">": out.append(contentsOf: "&gt;".unicodeScalars)
            case "\"": out.append(contentsOf: "&quot;".unicodeScalars)
            case "\t", "\n", "\r": out.append(scalar)
            default:
                if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF || (0x7F...0x9F).contains(scalar.value) { continue }
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// A name as the specific part of a URN: letters, digits and `-._~` kept, the rest percent-encoded.
    static func urnPart(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")) ?? "digest"
    }
}

public enum DigestFormat: String, CaseIterable, Sendable {
    case markdown, atom, json
}
