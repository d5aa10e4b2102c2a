import Foundation
import GRDB

extension Store {
    /// Syncs with the shared folder: other devices' new ops applied (one transaction: all or nothing),
    /// then this device's waiting ops written as a new file of its own. The first sync of a library
    /// gives it a device id and sends the user's state (`SyncCapture.captureAll`).
    public func sync(folder: String) throws -> SyncReport { try sync(folder: folder, newDevice: SyncStamp.newDevice()) }

    /// `sync(folder:)`, with the id this library takes if it has none yet (tests name their devices).
    func sync(folder: String, newDevice: @autoclosure () -> String) throws -> SyncReport {
        try SyncFolder.open(folder)
        var report = SyncReport()
        let device = try pool.write { db -> String in
            if let device = try SyncCapture.device(db) { return device }
            let device = newDevice()
            try db.execute(sql: "INSERT INTO sync_state (key, value) VALUES ('device', ?)", arguments: [device])
            try SyncCapture.captureAll(db, device: device)
            return device
        }
        let chunks = SyncFolder.chunks(folder, except: device)
        report.devices = Set(chunks.map(\.device)).count
        try pool.write { db in
            report.applied = try receive(db, chunks)
            try db.execute(sql: "INSERT OR REPLACE INTO sync_state (key, value) VALUES ('last_sync', ?)", arguments: [Timestamp.now()])
        }
        if report.applied > 0 { mergeSearchSegmentsAfterImport() }
        report.sent = try send(folder: folder, device: device)
        return report
    }

    /// Reads what is new in each chunk (from where the last sync stopped), checks every line, applies them.
    private func receive(_ db: Database, _ chunks: [(device: String, chunk: String, path: String)]) throws -> Int {
        try db.execute(sql: "CREATE TEMP TABLE IF NOT EXISTS sync_in (line INTEGER PRIMARY KEY, op TEXT NOT NULL)")
        try db.execute(sql: "DELETE FROM temp.sync_in")
        var sources: [String] = []
        let read = Dictionary(try Row.fetchAll(db, sql: "SELECT device, chunk, lines, bytes FROM sync_applied").map {
            ("\($0["device"] as String)/\($0["chunk"] as String)", (lines: $0["lines"] as Int, bytes: $0["bytes"] as Int))
        }, uniquingKeysWith: { first, _ in first })
        let insert = try db.makeStatement(sql: "INSERT INTO temp.sync_in (op) VALUES (?)")
        for chunk in chunks {
            let done = read["\(chunk.device)/\(chunk.chunk)"] ?? (0, 0)
            let size = (try? FileManager.default.attributesOfItem(atPath: chunk.path)[.size] as? Int) ?? 0
            guard size > done.bytes, let handle = FileHandle(forReadingAtPath: chunk.path) else { continue }
            defer { try? handle.close() }
            try handle.seek(toOffset: UInt64(done.bytes))
            let lines = SyncFolder.completeLines(try handle.readToEnd() ?? Data())
            guard !lines.isEmpty else { continue }
            var bytes = done.bytes
            for (i, line) in lines.enumerated() {
                bytes += line.count + 1
                guard !line.isEmpty else { continue }
                try insert.execute(arguments: [String(decoding: line, as: UTF8.self)])
                sources.append("\(chunk.path) line \(done.lines + i + 1)")
            }
            try db.execute(sql: "INSERT OR REPLACE INTO sync_applied (device, chunk, lines, bytes, at) VALUES (?, ?, ?, ?, ?)",
                           arguments: [chunk.device, chunk.chunk, done.lines + lines.count, bytes, Timestamp.now()])
        }
        guard !sources.isEmpty else { return 0 }
        if let bad = try Row.fetchOne(db, sql: "SELECT line, substr(op, 1, 200) AS op FROM temp.sync_in WHERE NOT (\(SyncOpCheck.valid)) ORDER BY line LIMIT 1") {
            throw LibraryError("\(sources[(bad["line"] as Int) - 1]): not a change Folio can apply (\(bad["op"] as String)); nothing was synced")
        }
        try SyncApply.apply(db)
        return sources.count
    }

    /// Writes the waiting ops into this device's folder; they leave the outbox once the file is on disk.
    private func send(folder: String, device: String) throws -> Int {
        let waiting = try pool.read { db in try Row.fetchAll(db, sql: "SELECT seq, op FROM sync_outbox ORDER BY seq") }
        guard let first = waiting.first, let last = waiting.last else { return 0 }
        let dir = (folder as NSString).appendingPathComponent(device)
        if !FileManager.default.fileExists(atPath: dir) {
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        }
        var data = Data()
        for row in waiting {
            data.append(contentsOf: (row["op"] as String).utf8)
            data.append(UInt8(ascii: "\n"))
        }
        try SyncFolder.write(data, to: (dir as NSString).appendingPathComponent(SyncFolder.chunkName(firstOp: first["seq"])))
        try pool.write { db in
            try db.execute(sql: "DELETE FROM sync_outbox WHERE seq <= ?", arguments: [last["seq"] as Int64])
            try db.execute(sql: """
                INSERT INTO sync_state (key, value) VALUES ('sent', ?) ON CONFLICT(key) DO UPDATE SET value = value + excluded.value
                """, arguments: [waiting.count])
        }
        return waiting.count
    }

    public func syncStatus() throws -> SyncStatus {
        try pool.read { db in
            let state = Dictionary(try Row.fetchAll(db, sql: "SELECT key, value FROM sync_state").map { ($0["key"] as String, $0["value"] as String) },
                                   uniquingKeysWith: { first, _ in first })
            let devices = try Row.fetchAll(db, sql: "SELECT device, sum(lines) AS lines, max(at) AS at FROM sync_applied GROUP BY device ORDER BY device")
            return SyncStatus(device: state["device"], sent: Int(state["sent"] ?? "") ?? 0,
                              waiting: try Int.fetchOne(db, sql: "SELECT count(*) FROM sync_outbox") ?? 0, lastSync: state["last_sync"],
                              devices: devices.map { SyncStatus.Device(id: $0["device"], applied: $0["lines"], lastSync: $0["at"]) })
        }
    }
}

/// What a line must be to be applied: a JSON object of a known kind with the fields its kind needs.
enum SyncOpCheck {
    static let valid: String = {
        func type(_ path: String) -> String { "json_type(op, '$.\(path)')" }
        let k = "json_extract(op, '$.k')", v = "json_extract(op, '$.v')"
        let paperColumns = PaperRecord.Columns.allCases.map { "json_type(\(v), '$.\($0.rawValue)') IS NOT NULL" }.joined(separator: " AND ")
        return """
            json_valid(op) AND json_type(op) = 'object' AND \(type("key")) = 'text' AND \(type("s")) = 'text'
            AND length(json_extract(op, '$.s')) > 21 AND substr(json_extract(op, '$.s'), 14, 1) = '.'
            AND CASE \(k)
              WHEN 'star' THEN \(type("v")) IN ('text', 'null')
              WHEN 'read' THEN \(type("v")) IN ('text', 'null')
              WHEN 'topic' THEN \(type("v")) = 'null' OR (\(type("v")) = 'text' AND json_valid(\(v)) AND json_type(\(v), '$[0]') = 'text' AND json_type(\(v), '$[1]') = 'text')
              WHEN 'paper' THEN \(type("v")) = 'null' OR (\(type("v")) = 'text' AND json_valid(\(v)) AND json_extract(\(v), '$.id') = json_extract(op, '$.key') AND \(paperColumns))
              WHEN 'tag+' THEN \(type("n")) = 'text' AND \(type("d")) = 'text' AND \(type("at")) = 'text'
              WHEN 'tag-' THEN \(type("n")) = 'text' AND \(type("d")) = 'array'
              ELSE 0 END
            """
    }()
}
