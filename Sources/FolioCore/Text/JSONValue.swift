import Foundation

/// A JSON value that keeps its keys in the order they were given, so output is stable and readable.
public indirect enum JSONValue: Sendable, Equatable {
    case string(String)
    case int(Int)
    case number(Double)
    case bool(Bool)
    case null
    case array([JSONValue])
    case object([(String, JSONValue)])

    public static func == (a: JSONValue, b: JSONValue) -> Bool { a.text == b.text }

    public static func optional(_ s: String?) -> JSONValue { s.map(JSONValue.string) ?? .null }
    public static func optional(_ i: Int?) -> JSONValue { i.map(JSONValue.int) ?? .null }
    public static func strings(_ items: [String]) -> JSONValue { .array(items.map(JSONValue.string)) }

    /// Compact, one line: what JSON Lines output needs.
    public var text: String {
        switch self {
        case .string(let s): return JSONText.quote(s)
        case .int(let i): return String(i)
        case .number(let n): return n.isFinite ? String(n) : "null"
        case .bool(let b): return b ? "true" : "false"
        case .null: return "null"
        case .array(let items): return "[" + items.map(\.text).joined(separator: ",") + "]"
        case .object(let pairs): return "{" + pairs.map { JSONText.quote($0.0) + ":" + $0.1.text }.joined(separator: ",") + "}"
        }
    }
}

/// Reading JSON that Foundation parsed (`JSONSerialization`) with messages that say which field is wrong.
struct JSONFields {
    let object: [String: Any]
    let record: Int

    init(_ value: Any, record: Int) throws {
        guard let object = value as? [String: Any] else {
            throw ImportError(.record(record), "expected a JSON object")
        }
        self.object = object
        self.record = record
    }

    func string(_ key: String) throws -> String? {
        switch object[key] {
        case nil, is NSNull: return nil
        case let s as String: return s
        default: throw ImportError(.record(record), "field \"\(key)\" should be a string")
        }
    }

    func requiredString(_ key: String) throws -> String {
        guard let s = try string(key) else { throw ImportError(.record(record), "missing field \"\(key)\"") }
        return s
    }

    func int(_ key: String) throws -> Int? {
        switch object[key] {
        case nil, is NSNull: return nil
        case let n as Int: return n
        default: throw ImportError(.record(record), "field \"\(key)\" should be a number")
        }
    }

    func bool(_ key: String) -> Bool? { object[key] as? Bool }

    func strings(_ key: String) throws -> [String] {
        switch object[key] {
        case nil, is NSNull: return []
        case let list as [String]: return list
        default: throw ImportError(.record(record), "field \"\(key)\" should be a list of strings")
        }
    }

    func objects(_ key: String) throws -> [[String: Any]] {
        switch object[key] {
        case nil, is NSNull: return []
        case let list as [[String: Any]]: return list
        default: throw ImportError(.record(record), "field \"\(key)\" should be a list of objects")
        }
    }
}
