import GRDB

/// Digests remember, per name, when they last ran: the next covers what arrived since.
extension Store {
    /// A digest never run before covers the papers that arrived in this many days.
    public static let firstDigestDays = 7

    public func digestLastRun(_ name: String) throws -> String? {
        try pool.read { db in try String.fetchOne(db, sql: "SELECT last_run FROM digest_run WHERE name = ?", arguments: [name]) }
    }

    public func recordDigestRun(_ name: String, at moment: String) throws {
        try pool.write { db in
            try db.execute(sql: "INSERT INTO digest_run (name, last_run) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET last_run = excluded.last_run",
                           arguments: [name, moment])
        }
    }

    /// For each of `topicNames` (every topic when nil), its papers that arrived from `since` to now, newest
    /// first; muted papers left out.
    public func digest(name: String, topicNames: [String]?, since: String) throws -> Digest {
        let until = Timestamp.now()
        let all = try topics()
        let chosen = try topicNames.map { names in
            try names.map { wanted in
                guard let topic = all.first(where: { $0.name.lowercased() == TextNormalizer.clean(wanted).lowercased() }) else {
                    throw LibraryError("no topic named \(wanted)")
                }
                return topic
            }
        } ?? all
        let listing = PaperListing(store: self)
        let resolver = listing.resolver
        var arrived = try resolver.exact(.filter(.arrivedSince(since)))
        arrived.subtract(try resolver.exact(.filter(.arrivedSince(until))))
        let sections = try chosen.map { topic in
            var set = try resolver.unmuted(try resolver.topic(topic.name))
            set.formIntersection(arrived)
            var papers: [Paper] = []
            try listing.forEach(try listing.nums(set, sort: .date, limit: nil), withTopics: true) { papers.append($0) }
            return Digest.Section(topic: topic, papers: papers)
        }
        return Digest(name: name, since: since, until: until, sections: sections)
    }
}
