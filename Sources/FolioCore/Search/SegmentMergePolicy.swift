import Foundation

/// Which index segments to merge after an import (see DECISIONS.md, "Segment merging"). A segment's
/// tier is 0 below `base` papers, then one more for each factor of `fanOut` (`base`…`base × fanOut` is
/// tier 1). Oldest to newest, tiers never rise and no tier holds `fanOut` segments; an import that breaks
/// this merges a run of the newest segments until it holds again. So at most `fanOut − 1` segments per
/// tier: `bound(papers:)` in all.
///
/// Runs are always a suffix of the segments (a run that ends at the newest one): the merged segment
/// then takes a new id after every other, so ids keep meaning "fold oldest first".
public struct SegmentMergePolicy: Sendable, Equatable {
    public var fanOut: Int
    public var base: Int
    public var enabled: Bool
    /// Testing only: sleep this long after each row a merge writes, and say on stderr when a merge
    /// starts and when it committed, so the crash tests can kill Folio in the middle of one.
    public var testingDelayMilliseconds: Int

    public init(fanOut: Int, base: Int, enabled: Bool = true, testingDelayMilliseconds: Int = 0) {
        precondition(fanOut >= 2 && base >= 1)
        self.fanOut = fanOut
        self.base = base
        self.enabled = enabled
        self.testingDelayMilliseconds = testingDelayMilliseconds
    }

    public static let standard = SegmentMergePolicy(fanOut: 8, base: 4096)
    /// Segments are never merged (the index as before merging existed; tests compare the two).
    public static let never = SegmentMergePolicy(fanOut: 8, base: 4096, enabled: false)

    /// The standard policy, or for tests what `FOLIO_TESTING_MERGE_FAN_OUT` (with base 1, so nearly every
    /// import merges) and `FOLIO_TESTING_MERGE_DELAY_MS` say. Testing only; not documented for users.
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> SegmentMergePolicy {
        var policy = standard
        if let fanOut = environment["FOLIO_TESTING_MERGE_FAN_OUT"].flatMap(Int.init), fanOut >= 2 {
            policy = SegmentMergePolicy(fanOut: fanOut, base: 1)
        }
        if let delay = environment["FOLIO_TESTING_MERGE_DELAY_MS"].flatMap(Int.init), delay > 0 {
            policy.testingDelayMilliseconds = delay
        }
        return policy
    }

    public func tier(papers: Int) -> Int {
        var tier = 0, limit = base
        while papers >= limit {
            tier += 1
            limit = limit > Int.max / fanOut ? Int.max : limit * fanOut
        }
        return tier
    }

    /// The most segments the policy leaves when the segments hold `papers` papers in all (stale ones
    /// included): no segment is above that many, so tiers 0…tier(papers), fewer than `fanOut` each.
    public func bound(papers: Int) -> Int {
        (fanOut - 1) * (tier(papers: papers) + 1)
    }

    /// Where the run to merge starts, given each segment's papers oldest first; nil when none is due.
    /// Merged one run at a time until nil: a merged segment can itself make another run due.
    func runToMerge(_ papers: [Int]) -> Int? {
        guard enabled, papers.count >= 2 else { return nil }
        let tiers = papers.map { tier(papers: $0) }
        // A segment below a later one's tier (an import bigger than the segments before it): merge from
        // the oldest such segment on. Left alone, small segments stranded there would never merge.
        var highestAfter = Int.min, oldestBelow: Int?
        for i in tiers.indices.reversed() {
            if tiers[i] < highestAfter { oldestBelow = i }
            highestAfter = max(highestAfter, tiers[i])
        }
        if let oldestBelow { return oldestBelow }
        // Tiers now only fall. The lowest tier with `fanOut` segments is merged with everything after it.
        var end = tiers.count
        while end > 0 {
            var start = end - 1
            while start > 0, tiers[start - 1] == tiers[end - 1] { start -= 1 }
            if end - start >= fanOut { return start }
            end = start
        }
        return nil
    }
}
