import Foundation

/// Input files made to hurt: terminal escapes and invisible characters in every field of every format,
/// huge fields, deep nesting, XML entity tricks and bytes that are not UTF-8.
enum HostileCorpus {
    /// Everything a terminal acts on or that hides or reorders text: CSI (clear, home, hide cursor),
    /// OSC (title, clipboard), DCS, 8-bit C1 (CSI, OSC, ST), other C0 controls and DEL, a bidi
    /// override and zero-width characters.
    static let text = "Evil \u{1B}[2J\u{1B}[H\u{1B}]0;pwned\u{07}\u{1B}]52;c;cHduZWQ=\u{07}\u{1B}P+q544e\u{1B}\\"
        + "\u{9B}31m\u{9D}0;pwned\u{9C}\u{08}\u{0D}\u{0B}\u{7F}\u{202E}gnp.exe\u{202C}\u{200B}\u{2060}\u{FEFF}\u{1B}[?25l end"
    /// XML 1.0 forbids C0 controls even as `&#27;`: C1, bidi and zero-width are what a feed can carry.
    static let xmlText = "Evil \u{9B}31m\u{9D}0;pwned\u{9C}\u{85}\u{202E}gnp.exe\u{202C}\u{200B}\u{2060}\u{FEFF} end"
    static let megabyte = String(repeating: "long abstract words ", count: 52_429)
    static let tenThousandAuthors = (0..<10_000).map { "Author \($0) \(text)" }

    struct Case {
        var name: String
        var fileName: String
        var contents: Data
        var arguments: [String] = []
        /// Whether it must import; otherwise importing or a clear refusal both pass.
        var mustImport = true
    }

    static var cases: [Case] {
        [
            Case(name: "hf-page", fileName: "page.txt",
                 contents: Data("Daily Papers\n\nMar 18\n\n\(text) title\n\n\(text) abstract \(megabyte)\n".utf8)),
            Case(name: "hf-json", fileName: "evil-\u{1B}]0;pwned\u{07}-\u{202E}name.json", contents: hfJSON(
                id: "2601.00001", title: text, summary: text, authors: [text, "Plain Name"], keywords: [text])),
            Case(name: "hf-json 1 MB abstract, 10,000 authors", fileName: "huge.json", contents: hfJSON(
                id: "2601.00002", title: "Huge \(text)", summary: megabyte + text, authors: tenThousandAuthors, keywords: [])),
            Case(name: "hf-json 10,000-deep nesting", fileName: "deep.json",
                 contents: Data((String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)).utf8), mustImport: false),
            Case(name: "arxiv-atom", fileName: "feed.xml", contents: atom(title: xmlText, summary: xmlText, author: xmlText)),
            Case(name: "arxiv-atom with raw escapes", fileName: "feed-esc.xml",
                 contents: atom(title: text, summary: text, author: text), mustImport: false),
            Case(name: "arxiv-atom billion laughs", fileName: "laughs.xml", contents: atom(
                title: "&lol9;", summary: "x", author: "x", doctype: billionLaughs), mustImport: false),
            Case(name: "arxiv-atom external entity", fileName: "xxe.xml", contents: atom(
                title: "&xxe;", summary: "x", author: "x", doctype: #"<!DOCTYPE feed [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>"#),
                 mustImport: false),
            Case(name: "arxiv-atom empty processing instruction (crashed Folio)", fileName: "pi.xml",
                 contents: Data("<?xml version=\"1.0\"?><?xfl?><feed/>\n".utf8), mustImport: false),
            Case(name: "arxiv-rss", fileName: "feed.rss", contents: rss(title: xmlText, description: xmlText, creator: xmlText)),
            Case(name: "arxiv-jsonl", fileName: "snapshot.jsonl", contents: jsonl([
                ["id": "2601.00004", "title": text, "abstract": text, "authors": text, "comments": text, "journal-ref": text,
                 "categories": "cs.LG", "versions": [["version": "v1", "created": "Mon, 2 Apr 2007 19:18:42 GMT"]]],
                ["id": "2601.00005", "title": "Huge \(text)", "abstract": megabyte,
                 "authors_parsed": tenThousandAuthors.map { [$0, "A.", ""] }, "categories": "cs.LG"],
            ])),
            Case(name: "arxiv-jsonl 10,000-deep nesting", fileName: "deep.jsonl",
                 contents: Data((String(repeating: #"{"a":"#, count: 10_000) + "1" + String(repeating: "}", count: 10_000)).utf8),
                 mustImport: false),
            Case(name: "arxiv-jsonl bad id echoed", fileName: "badid.jsonl",
                 contents: jsonl([["id": text, "title": "t"]]), mustImport: false),
            Case(name: "arxiv-jsonl invalid UTF-8", fileName: "bad-utf8.jsonl",
                 contents: Data(#"{"id":"2601.00006","title":"bad "#.utf8) + Data([0xC3, 0x28, 0xFF, 0x9B]) + Data(#""}"#.utf8) + Data("\n".utf8),
                 mustImport: false),
            Case(name: "hf-page invalid UTF-8", fileName: "bad-utf8.txt",
                 contents: Data("Daily Papers\n\nMar 18\n\nTitle ".utf8) + Data([0xE2, 0x28, 0xA1]) + Data("\n\nAbstract\n".utf8),
                 mustImport: false),
            Case(name: "bibtex", fileName: "refs.bib", contents: Data("""
                @article{evil,
                  title = {\(text) title},
                  author = {\(text) and Plain Name},
                  abstract = {\(text) abstract},
                  keywords = {\(text)},
                  journal = {\(text)},
                  year = {2024},
                  eprint = {2601.00007}
                }

                """.utf8)),
        ]
    }

    static func hfJSON(id: String, title: String, summary: String, authors: [String], keywords: [String]) -> Data {
        let paper: [String: Any] = [
            "id": id, "title": title, "summary": summary, "publishedAt": "2026-01-05T00:00:00.000Z", "upvotes": 3,
            "authors": authors.map { ["name": $0] }, "ai_keywords": keywords, "githubRepo": "https://github.com/\(text)",
        ]
        return try! JSONSerialization.data(withJSONObject: [["paper": paper, "title": title, "publishedAt": "2026-01-05T00:00:00.000Z"]])
    }

    static func jsonl(_ objects: [[String: Any]]) -> Data {
        objects.reduce(into: Data()) { out, object in
            out += try! JSONSerialization.data(withJSONObject: object) + Data("\n".utf8)
        }
    }

    static func escaped(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
    }

    static let billionLaughs = "<!DOCTYPE feed [<!ENTITY lol \"lol\">"
        + (1...9).map { n in "<!ENTITY lol\(n) \"" + String(repeating: "&lol\(n == 1 ? "" : String(n - 1));", count: 10) + "\">" }.joined()
        + "]>"

    static func atom(title: String, summary: String, author: String, doctype: String = "") -> Data {
        let keep = title.hasPrefix("&") ? title : escaped(title)
        return Data("""
            <?xml version="1.0" encoding="UTF-8"?>
            \(doctype)
            <feed xmlns="http://www.w3.org/2005/Atom">
              <title>feed</title>
              <entry>
                <id>http://arxiv.org/abs/2601.00003v1</id>
                <updated>2026-01-05T00:00:00Z</updated>
                <published>2026-01-05T00:00:00Z</published>
                <title>\(keep)</title>
                <summary>\(escaped(summary))</summary>
                <author><name>\(escaped(author))</name></author>
                <category term="cs.LG" scheme="http://arxiv.org/schemas/atom"/>
              </entry>
            </feed>

            """.utf8)
    }

    static func rss(title: String, description: String, creator: String) -> Data {
        Data("""
            <?xml version='1.0' encoding='UTF-8'?>
            <rss xmlns:arxiv="http://arxiv.org/schemas/atom" xmlns:dc="http://purl.org/dc/elements/1.1/" version="2.0">
              <channel>
                <title>cs.LG updates on arXiv.org</title>
                <item>
                  <title>\(escaped(title))</title>
                  <link>https://arxiv.org/abs/2601.00008</link>
                  <description>arXiv:2601.00008v1 Announce Type: new
            Abstract: \(escaped(description))</description>
                  <guid isPermaLink="false">oai:arXiv.org:2601.00008v1</guid>
                  <category>cs.LG</category>
                  <pubDate>Mon, 05 Jan 2026 00:00:00 -0500</pubDate>
                  <arxiv:announce_type>new</arxiv:announce_type>
                  <dc:creator>\(escaped(creator))</dc:creator>
                </item>
              </channel>
            </rss>

            """.utf8)
    }

    /// Bytes no terminal output of Folio may hold: ESC, BEL, backspace, CR, DEL, 8-bit C1 in UTF-8, U+202E.
    static func unsafeBytes(in output: String) -> [String] {
        var found: [String] = []
        for scalar in output.unicodeScalars {
            switch scalar.value {
            case 0x0A, 0x09: continue  // the output's own lines and columns
            case 0x00..<0x20, 0x7F, 0x80...0x9F, 0x202A...0x202E, 0x2066...0x2069, 0x200B, 0x2060, 0xFEFF:
                found.append(String(format: "U+%04X", scalar.value))
            default: continue
            }
        }
        return found
    }
}
