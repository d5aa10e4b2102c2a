import Foundation
import GRDB
import GRDBSQLite

/// A statement on a GRDB connection driven through SQLite's C API: for the import's per-paper
/// statements, where building GRDB's argument arrays and rows was a third of the time. Lives within
/// one `pool.write` block; nothing else uses its connection meanwhile.
final class RawStatement {
    private let handle: OpaquePointer
    private let connection: OpaquePointer

    init(_ db: Database, _ sql: String) throws {
        guard let connection = db.sqliteConnection else { throw LibraryError("the library is closed") }
        self.connection = connection
        var statement: OpaquePointer?
        let code = sqlite3_prepare_v3(connection, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil)
        guard code == SQLITE_OK, let statement else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(connection)), sql: sql)
        }
        handle = statement
    }

    deinit { sqlite3_finalize(handle) }

    /// SQLITE_TRANSIENT: SQLite copies the bytes, which live only as long as the binding call.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    /// Binds `values` to the parameters 1… in order.
    private func bind(_ values: [RawValue]) {
        sqlite3_reset(handle)
        for (i, value) in values.enumerated() {
            let index = Int32(i + 1)
            switch value {
            case .null: sqlite3_bind_null(handle, index)
            case .int(let number): sqlite3_bind_int64(handle, index, number)
            case .text(var text):
                _ = text.withUTF8 { bytes in
                    bytes.withMemoryRebound(to: CChar.self) { chars in
                        if let start = chars.baseAddress {
                            sqlite3_bind_text(handle, index, start, Int32(chars.count), RawStatement.transient)
                        } else {
                            sqlite3_bind_text(handle, index, "", 0, RawStatement.transient)  // "" may have no storage
                        }
                    }
                }
            case .blob(let bytes):
                _ = bytes.withUnsafeBytes { raw in
                    if let start = raw.baseAddress {
                        sqlite3_bind_blob(handle, index, start, Int32(raw.count), RawStatement.transient)
                    } else {
                        sqlite3_bind_zeroblob(handle, index, 0)
                    }
                }
            }
        }
    }

    /// Runs a statement that returns no rows.
    func run(_ values: [RawValue]) throws {
        bind(values)
        let code = sqlite3_step(handle)
        guard code == SQLITE_DONE else { throw failure(code) }
    }

    /// Runs with parameters 1… bound to `blobs` in place, without a copy (they only need to live for
    /// this call), and the parameters after them to `values`.
    func run(blobs: [UnsafeRawBufferPointer], _ values: [RawValue]) throws {
        bind(Array(repeating: .null, count: blobs.count) + values)
        for (i, blob) in blobs.enumerated() {
            sqlite3_bind_blob(handle, Int32(i + 1), blob.baseAddress ?? UnsafeRawPointer(bitPattern: 1), Int32(blob.count), nil)
        }
        defer { sqlite3_clear_bindings(handle) }
        let code = sqlite3_step(handle)
        guard code == SQLITE_DONE else { throw failure(code) }
    }

    /// Runs with an integer, a text (UTF-8) and a blob bound in place, without a copy.
    func run(_ number: Int64, text: UnsafeRawBufferPointer, blob: UnsafeRawBufferPointer) throws {
        sqlite3_reset(handle)
        // A pointer is needed even for no bytes; SQLite reads none.
        let nowhere = UnsafeRawPointer(bitPattern: 1)!
        sqlite3_bind_int64(handle, 1, number)
        sqlite3_bind_text(handle, 2, (text.baseAddress ?? nowhere).assumingMemoryBound(to: CChar.self), Int32(text.count), nil)
        sqlite3_bind_blob(handle, 3, blob.baseAddress ?? nowhere, Int32(blob.count), nil)
        defer { sqlite3_clear_bindings(handle) }
        let code = sqlite3_step(handle)
        guard code == SQLITE_DONE else { throw failure(code) }
    }

    /// `body` with the first row's columns (valid only inside it), or nil when there is no row.
    func withFirstRow<T>(_ values: [RawValue], _ body: (RawRow) throws -> T) throws -> T? {
        bind(values)
        defer { sqlite3_reset(handle) }
        let code = sqlite3_step(handle)
        switch code {
        case SQLITE_ROW: return try body(RawRow(handle: handle))
        case SQLITE_DONE: return nil
        default: throw failure(code)
        }
    }

    /// `body` with each row's columns in turn (valid only inside it).
    func forEachRow(_ values: [RawValue], _ body: (RawRow) throws -> Void) throws {
        bind(values)
        defer { sqlite3_reset(handle) }
        while true {
            let code = sqlite3_step(handle)
            switch code {
            case SQLITE_ROW: try body(RawRow(handle: handle))
            case SQLITE_DONE: return
            default: throw failure(code)
            }
        }
    }

    /// Binds `values` and starts over: `step()` then gives the rows one at a time.
    func start(_ values: [RawValue]) {
        bind(values)
    }

    /// The next row (its columns valid until the next call), or nil after the last.
    func step() throws -> RawRow? {
        let code = sqlite3_step(handle)
        switch code {
        case SQLITE_ROW: return RawRow(handle: handle)
        case SQLITE_DONE: return nil
        default: throw failure(code)
        }
    }

    /// The first column of the first row as an integer, or nil when there is no row.
    func integer(_ values: [RawValue]) throws -> Int64? {
        bind(values)
        let code = sqlite3_step(handle)
        switch code {
        case SQLITE_ROW:
            let value = sqlite3_column_int64(handle, 0)
            sqlite3_reset(handle)
            return value
        case SQLITE_DONE: return nil
        default: throw failure(code)
        }
    }

    private func failure(_ code: Int32) -> DatabaseError {
        let message = String(cString: sqlite3_errmsg(connection))
        sqlite3_reset(handle)
        return DatabaseError(resultCode: ResultCode(rawValue: code), message: message)
    }
}

/// The current row of a `RawStatement`.
struct RawRow {
    fileprivate let handle: OpaquePointer

    func integer(_ column: Int32) -> Int64 { sqlite3_column_int64(handle, column) }

    /// The text as a String (copied).
    func text(_ column: Int32) -> String {
        String(decoding: blob(column), as: UTF8.self)
    }

    /// The blob's bytes, valid until the statement moves on (a text column's UTF-8 bytes too).
    func blob(_ column: Int32) -> UnsafeRawBufferPointer {
        let count = Int(sqlite3_column_bytes(handle, column))
        guard let start = sqlite3_column_blob(handle, column), count > 0 else { return UnsafeRawBufferPointer(start: nil, count: 0) }
        return UnsafeRawBufferPointer(start: start, count: count)
    }
}

enum RawValue {
    case null
    case int(Int64)
    case text(String)
    case blob([UInt8])

    init(_ text: String?) { self = text.map(RawValue.text) ?? .null }
    init(_ number: Int?) { self = number.map { .int(Int64($0)) } ?? .null }

    var databaseValue: DatabaseValue {
        switch self {
        case .null: .null
        case .int(let number): number.databaseValue
        case .text(let text): text.databaseValue
        case .blob(let bytes): Data(bytes).databaseValue
        }
    }
}
