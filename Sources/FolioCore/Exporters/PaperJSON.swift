import Foundation

/// The JSON shape of a paper, shared by `folio list --json`, the `jsonl` export and backups.
public enum PaperJSON {
    public static func object(_ p: Paper) -> JSONValue {
        let m = p.metadata
        return .object([
            ("id", .string(p.id)),
            ("arxiv_id", .optional(m.arxivID)),
            ("title", .string(m.title)),
            ("abstract", .string(m.abstract)),
            ("authors", .strings(m.authors)),
            ("affiliations", .strings(m.affiliations)),
            ("published", .optional(m.published)),
            ("announced", .optional(m.announced)),
            ("updated", .optional(m.updated)),
            ("categories", .strings(m.categories)),
            ("primary_category", .optional(m.primaryCategory)),
            ("version", .optional(m.version)),
            ("versions", .strings(m.versions)),
            ("url", .optional(p.url)),
            ("abs_url", .optional(m.absURL)),
            ("pdf_url", .optional(m.pdfURL)),
            ("comments", .optional(m.comments)),
            ("journal_ref", .optional(m.journalRef)),
            ("doi", .optional(m.doi)),
            ("upvotes", .optional(m.upvotes)),
            ("comment_count", .optional(m.commentCount)),
            ("github_stars", .optional(m.githubStars)),
            ("github_repo", .optional(m.githubRepo)),
            ("ai_keywords", .strings(m.aiKeywords)),
            ("announce_type", .optional(m.announceType)),
            ("starred", .bool(p.isStarred)),
            ("read", .bool(p.isRead)),
            ("tags", .strings(p.tags)),
            ("note", .optional(p.note)),
            ("topics", .strings(p.topics)),
            ("first_source", .string(p.firstSource)),
            ("first_imported_at", .string(p.firstImportedAt)),
            ("last_source", .string(p.lastSource)),
            ("last_imported_at", .string(p.lastImportedAt)),
        ])
    }

    /// Reads back the metadata part of `object(_:)`.
    static func metadata(_ f: JSONFields) throws -> PaperInput {
        PaperInput(
            arxivID: try f.string("arxiv_id"), version: try f.string("version"),
            title: try f.requiredString("title"), abstract: try f.string("abstract") ?? "",
            authors: try f.strings("authors"), affiliations: try f.strings("affiliations"), published: try f.string("published"), updated: try f.string("updated"),
            categories: try f.strings("categories"), primaryCategory: try f.string("primary_category"),
            versions: try f.strings("versions"), absURL: try f.string("abs_url"), pdfURL: try f.string("pdf_url"),
            comments: try f.string("comments"), journalRef: try f.string("journal_ref"), doi: try f.string("doi"),
            upvotes: try f.int("upvotes"), githubRepo: try f.string("github_repo"),
            aiKeywords: try f.strings("ai_keywords"), announceType: try f.string("announce_type"),
            announced: try f.string("announced"), commentCount: try f.int("comment_count"),
            githubStars: try f.int("github_stars"))
    }
}
