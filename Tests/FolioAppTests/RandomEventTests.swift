import Foundation
import Testing

@Suite("random events")
struct RandomEventTests {
    /// Events per seed and seeds per run: FOLIO_EVENTS (total, default 10,000; CI runs 1,000,000 release-built) over
    /// 200 seeds. FOLIO_EVENT_SEED replays one seed.
    static let total = Int(ProcessInfo.processInfo.environment["FOLIO_EVENTS"] ?? "") ?? 10_000
    static let seeds: [UInt64] = ProcessInfo.processInfo.environment["FOLIO_EVENT_SEED"].flatMap(UInt64.init).map { [$0] }
        ?? Array(1...200)

    @Test(arguments: seeds)
    func noEventBreaksTheReader(seed: UInt64) {
        let failure = RandomEvents.run(seed: seed, events: max(Self.total / Self.seeds.count, 1))
        #expect(failure == nil, "\(failure ?? ""); replay: FOLIO_EVENT_SEED=\(seed) FOLIO_EVENTS=\(Self.total / Self.seeds.count)")
    }

    @Test func reportTheSeedCount() {
        print("random events: \(Self.total / Self.seeds.count * Self.seeds.count) events over \(Self.seeds.count) seeds")
    }
}
