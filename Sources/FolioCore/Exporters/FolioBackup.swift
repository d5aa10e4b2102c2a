import Foundation
import GRDB

/// `folio-json`: the whole library, user state included, as one JSON document that imports back
/// to the same library. One paper per line keeps large backups readable and diffable.
public enum FolioBackup {
    public static let formatName = "folio-json"
    public static let version = 1

    public static func write(_ papers: [Paper], topics: [Topic], to out: (String) throws -> Void) throws {
        try out("{\"format\":\"\(formatName)\",\"version\":\(version),\"exported_at\":\(JSONText.quote(Timestamp.now())),\n")
        let topicValues = topics.map { JSONValue.object([("name", .string($0.name)), ("query", .string($0.query)), ("created_at", .string($0.createdAt))]) }
        try out("\"topics\":\(JSONValue.array(topicValues).text),\n\"papers\":[\n")
        for (i, paper) in papers.enumerated() {
            guard case .object(var pairs) = PaperJSON.object(paper) else { continue }
            pairs.append(("starred_at", .optional(paper.starredAt)))
            pairs.append(("read_at", .optional(paper.readAt)))
            try out(JSONValue.object(pairs).text + (i == papers.count - 1 ? "\n" : ",\n"))
        }
        try out("]}\n")
    }

    /// What a backup holds, checked whole before anything is written.
    struct Contents {
        struct Entry {
            var metadata: PaperInput
            var id: String
            var starredAt: String?
            var readAt: String?
            var tags: [String]
            var note: String? = nil
            /// first_source, first_imported_at, last_source, last_imported_at
            var provenance: [String?]
        }
        var papers: [Entry] = []
        var topics: [Topic] = []
    }

    static func parse(_ data: Data) throws -> Contents {
        let root: Any
        do {
            root = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw ImportError(.whole, "not valid JSON: \(JSONLocator.describe(data))")
        }
        let top = try JSONFields(root, record: 0)
        guard try top.string("format") == formatName else { throw ImportError(.whole, "not a Folio backup (field \"format\" is not \"\(formatName)\")") }
        guard let v = try top.int("version"), v <= version else {
            throw ImportError(.whole, "backup version is newer than this Folio understands")
        }
        var contents = Contents()
        for (i, object) in try top.objects("topics").enumerated() {
            let f = try JSONFields(object, record: i + 1)
            contents.topics.append(Topic(name: try f.requiredString("name"), query: try f.requiredString("query"), createdAt: try f.string("created_at") ?? Timestamp.now()))
        }
        for (i, object) in try top.objects("papers").enumerated() {
            let f = try JSONFields(object, record: i + 1)
            contents.papers.append(Contents.Entry(
                metadata: try PaperJSON.metadata(f), id: try f.requiredString("id"),
                starredAt: try f.string("starred_at"), readAt: try f.string("read_at"), tags: try f.strings("tags"),
                note: try f.string("note"), provenance: try ["first_source", "first_imported_at", "last_source", "last_imported_at"].map { try f.string($0) }))
        }
        return contents
    }

    /// Papers merge as from any source; stars, read marks, notes, tags and topics are added, never removed.
    static func apply(_ contents: Contents, to session: ImportSession) throws {
        let db = session.db
        var spellings = try TagSpelling(db)
        for entry in contents.papers {
            let paper = ImportSession.normalized(entry.metadata)
            let (id, outcome) = try session.upsert(paper.input)
            if paper.repaired { session.countRepair() }
            var userStateChanged = false
            if outcome == .new, !entry.provenance.contains(nil) {
                // A restored library says where its papers first came from, not "a backup".
                try db.execute(sql: "UPDATE paper SET first_source = ?, first_imported_at = ?, last_source = ?, last_imported_at = ? WHERE id = ?",
                               arguments: StatementArguments(entry.provenance + [id]))
            }
            if let at = entry.starredAt {
                try db.execute(sql: "INSERT OR IGNORE INTO star (paper_id, starred_at) VALUES (?, ?)", arguments: [id, at])
                userStateChanged = userStateChanged || db.changesCount > 0
            }
            if let at = entry.readAt {
                try db.execute(sql: "INSERT OR IGNORE INTO read_mark (paper_id, read_at) VALUES (?, ?)", arguments: [id, at])
                userStateChanged = userStateChanged || db.changesCount > 0
            }
            // A note the library already has stays: a restore never overwrites what the user wrote since.
            if let note = entry.note.map(NoteText.normalized), !note.isEmpty {
                try db.execute(sql: "INSERT OR IGNORE INTO note (paper_id, text) VALUES (?, ?)", arguments: [id, note])
                userStateChanged = userStateChanged || db.changesCount > 0
            }
            for tag in entry.tags {
                try db.execute(sql: "INSERT OR IGNORE INTO tag (paper_id, name, tagged_at) VALUES (?, ?, ?)",
                               arguments: [id, spellings.spelling(of: try Store.tagName(tag)), session.now])
                userStateChanged = userStateChanged || db.changesCount > 0
            }
            session.count(outcome == .unchanged && userStateChanged ? .updated : outcome)
        }
        for topic in contents.topics {
            try db.execute(sql: "INSERT OR IGNORE INTO topic (name, query, created_at) VALUES (?, ?, ?)", arguments: [topic.name, topic.query, topic.createdAt])
        }
    }
}

/// Where JSON stops being valid, found by a light scan (Foundation's parser on Linux does not say).
enum JSONLocator {
    static func describe(_ data: Data) -> String {
        var line = 1, column = 0
        var depth: [UInt8] = []
        var inString = false, escaped = false
        for byte in data {
            if byte == UInt8(ascii: "\n") { line += 1; column = 0 } else { column += 1 }
            if inString {
                if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") { inString = false }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "{"), UInt8(ascii: "["): depth.append(byte)
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                let open = depth.popLast()
                let want = byte == UInt8(ascii: "}") ? UInt8(ascii: "{") : UInt8(ascii: "[")
                if open != want { return "unexpected '\(Character(UnicodeScalar(byte)))' at line \(line), column \(column)" }
            default: break
            }
        }
        if inString { return "unterminated string at end of file (line \(line))" }
        if let open = depth.last {
            return "expected '\(open == UInt8(ascii: "{") ? "}" : "]")' before end of file (line \(line))"
        }
        return "syntax error (the file ends at line \(line))"
    }
}
