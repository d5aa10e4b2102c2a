/// A list's order. Each breaks ties by the date order (newest first, then the order of import).
public enum PaperSort: String, Sendable, CaseIterable {
    /// Newest first.
    case date
    /// By the title as shown, folded (``` ``Quoted'' ``` sorts under q).
    case title
    /// Most upvoted first; papers without upvotes after them.
    case upvotes
    /// The query's words weighted by rarity (`Relevance`); newest first without a query.
    case relevance
}
