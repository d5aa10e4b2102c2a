/// The fields Folio keeps of one line of the arXiv metadata dump, read straight from its bytes: no
/// Foundation objects for the fields it skips, and plain strings copied at once. Anything it does not
/// read exactly as `JSONSerialization` would (a field of another type, a surrogate escape, bad UTF-8,
/// broken JSON) makes `parse` return nil, and the caller reads the line with `JSONSerialization`, whose
/// answer and error messages stay the reference.
struct DumpLine: Equatable {
    var id: String?
    var title: String?
    var abstract: String?
    var authors: String?
    /// `[last, first, suffix]` per author; nil when absent.
    var authorsParsed: [[String]]?
    var categories: String?
    /// Each version's name and creation date, either nil when absent.
    var versions: [Version] = []
    var updateDate: String?
    var comments: String?
    var journalRef: String?
    var doi: String?

    struct Version: Equatable {
        var version: String?
        var created: String?
    }

    static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> DumpLine? {
        var reader = JSONBytes(bytes)
        var line = DumpLine()
        guard reader.object({ key, reader in line.read(key, &reader) }), reader.atEndAfterSpace() else { return nil }
        return line
    }

    /// Reads the value of `key`; false when it is not what Folio can take here.
    private mutating func read(_ key: String, _ reader: inout JSONBytes) -> Bool {
        switch key {
        case "id": return reader.optionalString(&id)
        case "title": return reader.optionalString(&title)
        case "abstract": return reader.optionalString(&abstract)
        case "authors": return reader.optionalString(&authors)
        case "categories": return reader.optionalString(&categories)
        case "update_date": return reader.optionalString(&updateDate)
        case "comments": return reader.optionalString(&comments)
        case "journal-ref": return reader.optionalString(&journalRef)
        case "doi": return reader.optionalString(&doi)
        case "authors_parsed":
            if reader.null() { authorsParsed = nil; return true }
            var authors: [[String]] = []
            let ok = reader.array { reader in
                var parts: [String] = []
                guard reader.array({ reader in reader.string().map { parts.append($0) } != nil }) else { return false }
                authors.append(parts)
                return true
            }
            authorsParsed = authors
            return ok
        case "versions":
            if reader.null() { versions = []; return true }
            var list: [Version] = []
            let ok = reader.array { reader in
                var version = Version()
                guard reader.object({ key, reader in
                    switch key {
                    case "version": return reader.optionalString(&version.version)
                    case "created": return reader.optionalString(&version.created)
                    default: return reader.skipValue()
                    }
                }) else { return false }
                list.append(version)
                return true
            }
            versions = list
            return ok
        default:
            return reader.skipValue()
        }
    }
}
