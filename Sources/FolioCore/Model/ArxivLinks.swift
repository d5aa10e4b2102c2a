/// arXiv's pages for a paper id, written once for importers, the reader and the command line.
public enum ArxivLinks {
    public static func abs(_ id: String) -> String { "https://arxiv.org/abs/\(id)" }
    public static func pdf(_ id: String) -> String { "https://arxiv.org/pdf/\(id)" }
}
