/// A paper ranked against a profile (another paper's words, or what the user starred or tagged), with
/// the words that add most to its score.
public struct RankedPaper: Sendable, Equatable {
    /// The paper's number in the library (as the search index knows it).
    public var num: Int64
    public var paper: Paper
    public var score: Double
    public var because: [String]
}
