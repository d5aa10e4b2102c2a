import FolioCore
import Foundation

/// A deterministic stand-in for a real library: a Zipf-distributed vocabulary, titles of about
/// 10 words and abstracts of about 170, dates spread over ten years. The same seed gives the same papers.
struct SyntheticLibrary {
    /// Words the benchmark's queries use, placed among the common ranks so they match many papers.
    static let planted = ["retrieval", "augmented", "generation", "graph", "transformer", "image",
                          "language", "model", "diffusion", "learning", "neural", "network"]

    let vocabulary: [String]
    /// Cumulative Zipf weights, for drawing a rank with one random number.
    let cumulative: [Double]
    var random: SplitMix

    init(seed: UInt64, vocabularySize: Int = 50_000) {
        random = SplitMix(seed: seed)
        var words: [String] = []
        var generator = SplitMix(seed: seed ^ 0x5EED)
        let syllables = ["ka", "ro", "ti", "mel", "sun", "dra", "po", "ve", "lin", "qua", "ser", "no", "bi", "tor", "ex", "al"]
        var seen = Set(SyntheticLibrary.planted)
        while words.count < vocabularySize {
            let count = 2 + Int(generator.next() % 3)
            let word = (0..<count).map { _ in syllables[Int(generator.next() % UInt64(syllables.count))] }.joined()
            if seen.insert(word).inserted { words.append(word) }
        }
        // Planted words take ranks 20, 45, 70, …: common, but not the most common.
        for (i, word) in SyntheticLibrary.planted.enumerated() { words.insert(word, at: 20 + 25 * i) }
        vocabulary = words
        var total = 0.0
        cumulative = words.indices.map { rank in
            total += 1.0 / Double(rank + 1)
            return total
        }
    }

    mutating func word() -> String {
        let target = random.nextDouble() * cumulative[cumulative.count - 1]
        var low = 0, high = cumulative.count - 1
        while low < high {
            let mid = (low + high) / 2
            if cumulative[mid] < target { low = mid + 1 } else { high = mid }
        }
        return vocabulary[low]
    }

    mutating func words(_ count: Int) -> String {
        (0..<count).map { _ in word() }.joined(separator: " ")
    }

    /// The `index`th paper: arXiv-style id, date within ten years, a few authors and categories.
    mutating func paper(_ index: Int) -> PaperInput {
        let day = Int(random.next() % 3650)
        let date = Date(timeIntervalSince1970: 1_483_228_800 + Double(day) * 86_400)  // from 2017-01-01
        let parts = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "UTC")!, from: date)
        let published = String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
        // Unique, arXiv-shaped, and the same for the same index.
        let id = String(format: "%04d.%05d", 1000 + index / 100_000, index % 100_000)
        let categories = ["cs.LG", "cs.CL", "cs.CV", "cs.AI", "cs.IR", "stat.ML"]
        var paper = PaperInput(
            arxivID: id,
            title: words(6 + Int(random.next() % 9)).capitalized,
            abstract: words(140 + Int(random.next() % 60)),
            authors: (0..<(1 + Int(random.next() % 6))).map { _ in (word() + " " + word()).capitalized },
            published: published,
            categories: [categories[Int(random.next() % UInt64(categories.count))]])
        // One paper in twenty came through the Hugging Face daily papers: upvotes, comments, half with code.
        if random.next() % 20 == 0 {
            paper.upvotes = Int(random.next() % 200)
            paper.commentCount = Int(random.next() % 12)
            if random.next() % 2 == 0 {
                paper.githubRepo = "https://github.com/bench/\(id)"
                paper.githubStars = Int(random.next() % 2000)
            }
        }
        return paper
    }
}
