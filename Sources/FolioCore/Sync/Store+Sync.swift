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
        try db.execute(sql: "CREATE TEMP TABLE IF NOT EXISTS sync_in (\(SyncOpCheck.columns))")
        // Emptied when done (a failed sync's rows go with its rollback), so a sync with nothing new
        // does not pay for freeing the last one's pages.
        defer { try? db.execute(sql: "DELETE FROM temp.sync_in") }
        // Only the devices whose files are here: a folder once shared with many machines keeps their rows.
        let devices = try Store.jsonList(Array(Set(chunks.map(\.device))))
        let read = Dictionary(try Row.fetchAll(db, sql: "SELECT device, chunk, lines, bytes FROM sync_applied WHERE device IN (SELECT value FROM json_each(?))",
                                               arguments: [devices]).map {
            ("\($0["device"] as String)/\($0["chunk"] as String)", (lines: $0["lines"] as Int, bytes: $0["bytes"] as Int))
        }, uniquingKeysWith: { first, _ in first })
        let insert = try db.makeStatement(sql: SyncOpCheck.insert)
        // Per file read: its first row in sync_in and the number of its line before, for messages.
        var files: [(firstRow: Int, path: String, linesBefore: Int)] = []
        var rows = 0
        for chunk in chunks {
            let done = read["\(chunk.device)/\(chunk.chunk)"] ?? (0, 0)
            guard SyncFolder.size(chunk.path) > done.bytes, let handle = FileHandle(forReadingAtPath: chunk.path) else { continue }
            defer { try? handle.close() }
            try handle.seek(toOffset: UInt64(done.bytes))
            files.append((rows + 1, chunk.path, done.lines))
            let new = try SyncFolder.forEachCompleteLine(try handle.readToEnd() ?? Data()) { line in
                rows += 1
                try insert.execute(arguments: [rows, line.isEmpty ? nil : String(decoding: line, as: UTF8.self)])
            }
            guard new.lines > 0 else { continue }
            try db.execute(sql: "INSERT OR REPLACE INTO sync_applied (device, chunk, lines, bytes, at) VALUES (?, ?, ?, ?, ?)",
                           arguments: [chunk.device, chunk.chunk, done.lines + new.lines, done.bytes + new.bytes, Timestamp.now()])
        }
        try db.execute(sql: "DELETE FROM temp.sync_in WHERE op IS NULL")
        if let bad = try Row.fetchOne(db, sql: "SELECT line, op FROM temp.sync_in WHERE NOT (\(SyncOpCheck.valid)) ORDER BY line LIMIT 1") {
            let line = bad["line"] as Int, file = files.last { $0.firstRow <= line }!
            throw LibraryError("\(file.path) line \(file.linesBefore + line - file.firstRow + 1): not a change Folio can apply (\(bad["op"] as String)); nothing was synced")
        }
        let applied = try Int.fetchOne(db, sql: "SELECT count(*) FROM temp.sync_in") ?? 0
        if applied > 0 { try SyncApply.apply(db) }
        return applied
    }

    /// Writes the waiting ops into this device's folder; they leave the outbox once the file is on disk.
    private func send(folder: String, device: String) throws -> Int {
        guard try pool.read({ db in try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM sync_outbox)") }) == true else { return 0 }
        try pool.write { db in try SyncCapture.attachMetadata(db) }
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

/// A line of a chunk as `temp.sync_in` holds it: its fields read out of its JSON once (`op` keeps the
/// line's start, for a message), and what they must be for the line to be applied.
enum SyncOpCheck {
    static let columns = "line INTEGER PRIMARY KEY, op TEXT, k, key, s, v, vt TEXT, n, d, dt TEXT, at"

    /// Binds the row number and the line (NULL for an empty line); a line that is not a JSON object has
    /// every field NULL.
    static let insert = """
        INSERT INTO temp.sync_in (line, op, k, key, s, v, vt, n, d, dt, at)
          SELECT ?1, substr(?2, 1, 200), j ->> 'k', j ->> 'key', j ->> 's', j ->> 'v', json_type(j, '$.v'),
            j ->> 'n', j ->> 'd', json_type(j, '$.d'), j ->> 'at'
          FROM (SELECT CASE WHEN json_valid(?2) AND json_type(?2) = 'object' THEN ?2 END AS j)
        """

    static let valid: String = {
        let paperColumns = PaperRecord.Columns.allCases.map { "json_type(v, '$.\($0.rawValue)') IS NOT NULL" }.joined(separator: " AND ")
        return """
            typeof(key) = 'text' AND typeof(s) = 'text' AND length(s) > 21 AND substr(s, 14, 1) = '.'
            AND CASE k
              WHEN 'star' THEN vt IN ('text', 'null')
              WHEN 'read' THEN vt IN ('text', 'null')
              WHEN 'note' THEN vt IN ('text', 'null')
              WHEN 'topic' THEN vt = 'null' OR (vt = 'text' AND json_valid(v) AND json_type(v, '$[0]') = 'text' AND json_type(v, '$[1]') = 'text')
              WHEN 'paper' THEN vt = 'null' OR (vt = 'text' AND json_valid(v) AND json_type(v) = 'object' AND v ->> 'id' = key AND \(paperColumns))
              WHEN 'tag+' THEN typeof(n) = 'text' AND dt = 'text' AND typeof(at) = 'text'
              WHEN 'tag-' THEN typeof(n) = 'text' AND dt = 'array'
              ELSE 0 END
            """
    }()
}
