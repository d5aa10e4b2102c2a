import Foundation

/// Items put by one thread and taken, all at once, by another: the reader's fetch messages, the demo
/// libraries to remove at exit.
public final class LockedList<Item: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [Item] = []

    public init() {}

    public func append(_ item: Item) { lock.withLock { items.append(item) } }

    /// Every item put so far, oldest first; the list is empty afterwards.
    public func takeAll() -> [Item] {
        lock.withLock {
            defer { items = [] }
            return items
        }
    }
}
