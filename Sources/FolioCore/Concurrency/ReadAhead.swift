import Foundation

/// Runs a producer on a thread of its own while the caller's thread consumes what it makes, at most
/// `depth` items ahead: a dump's lines are parsed on the second core while the store writes the papers
/// before them. The producer's error reaches the consumer after every item made before it, so a bad
/// line fails the import at the same paper as reading on one thread does.
final class ReadAhead<Item: Sendable>: @unchecked Sendable {
    /// Thrown by `put` once the consumer has stopped, to end the producer.
    struct Stopped: Error {}

    private let condition = NSCondition()
    private let depth: Int
    /// Guarded by `condition`.
    private var items: [Item] = []
    private var ended = false
    private var failure: (any Error)?
    private var stopped = false

    private init(depth: Int) { self.depth = depth }

    /// Calls `produce` on another thread and `consume` here for each item it puts, in order.
    /// Returns, or throws, only once the producer has ended.
    static func run(depth: Int = 8, produce: @escaping @Sendable (ReadAhead) throws -> Void, consume: (Item) throws -> Void) throws {
        let channel = ReadAhead(depth: depth)
        let producerDone = DispatchSemaphore(value: 0)
        let producer = Thread {
            var failure: (any Error)?
            do { try produce(channel) } catch { failure = error }
            channel.end(failure: failure)
            producerDone.signal()
        }
        producer.stackSize = 8 << 20  // as the main thread's: Foundation's JSON parser recurses
        producer.start()
        defer {
            channel.stop()
            producerDone.wait()
        }
        while let item = try channel.take() { try consume(item) }
    }

    /// Hands `item` over, waiting while `depth` items are waiting already.
    func put(_ item: Item) throws {
        condition.lock()
        defer { condition.unlock() }
        while items.count >= depth && !stopped { condition.wait() }
        if stopped { throw Stopped() }
        items.append(item)
        condition.broadcast()
    }

    private func end(failure: (any Error)?) {
        condition.lock()
        if !(failure is Stopped) { self.failure = failure }
        ended = true
        condition.broadcast()
        condition.unlock()
    }

    private func stop() {
        condition.lock()
        stopped = true
        condition.broadcast()
        condition.unlock()
    }

    private func take() throws -> Item? {
        condition.lock()
        defer { condition.unlock() }
        while items.isEmpty && !ended { condition.wait() }
        guard items.isEmpty else {
            condition.broadcast()
            return items.removeFirst()
        }
        if let failure { throw failure }
        return nil
    }
}

/// A value handed to one other thread and used only there from then on.
struct HandedOver<Value>: @unchecked Sendable {
    let value: Value
}
