import FolioCore
import Foundation

/// Where the reader was when it closed: the view, its filter and order, and the selected paper. Kept in
/// the library (each library opens where it was left), as text.
public struct ReaderPlace: Sendable, Equatable {
    public var view: LibraryView
    public var filter: String
    public var order: ListOrder?
    public var paperID: String?

    public init(view: LibraryView, filter: String = "", order: ListOrder? = nil, paperID: String? = nil) {
        self.view = view
        self.filter = filter
        self.order = order
        self.paperID = paperID
    }

    /// As `reader_memory` keeps it.
    public var values: [String: String] {
        var values = ["view": view.memoryText, "filter": filter]
        if let order { values["order"] = order.rawValue }
        if let paperID { values["paper"] = paperID }
        return values
    }

    /// The place kept; nil when nothing was, or it is not one this Folio knows.
    public init?(values: [String: String]) {
        guard let text = values["view"], let view = LibraryView(memoryText: text) else { return nil }
        self.init(view: view, filter: values["filter"] ?? "", order: values["order"].flatMap(ListOrder.init(rawValue:)),
                  paperID: values["paper"])
    }
}

extension LibraryView {
    /// `all`, `tag:NAME`, `for-you:NAME`… A More like this is not kept (the place is the view it came from).
    var memoryText: String {
        switch self {
        case .all, .similar: "all"
        case .starred: "starred"
        case .unread: "unread"
        case .new: "new"
        case .forYou(nil): "for-you"
        case .forYou(let tag?): "for-you:" + tag
        case .tag(let name): "tag:" + name
        case .topic(let name): "topic:" + name
        }
    }

    init?(memoryText text: String) {
        let (head, name) = text.firstIndex(of: ":").map { (String(text[..<$0]), String(text[text.index(after: $0)...])) } ?? (text, "")
        switch (head, name.isEmpty) {
        case ("all", true): self = .all
        case ("starred", true): self = .starred
        case ("unread", true): self = .unread
        case ("new", true): self = .new
        case ("for-you", true): self = .forYou(tag: nil)
        case ("for-you", false): self = .forYou(tag: name)
        case ("tag", false): self = .tag(name)
        case ("topic", false): self = .topic(name)
        default: return nil
        }
    }
}

extension AppState {
    /// The place to keep. From More like this, the view it was opened from, with its filter and paper.
    public func place(paperID: String?) -> ReaderPlace {
        guard case .similar = view, let first = visits.first else {
            return ReaderPlace(view: view, filter: filterText, order: orders[view], paperID: paperID)
        }
        return ReaderPlace(view: first.view, filter: first.filterText, order: orders[first.view], paperID: nil)
    }

    /// Opens at a kept place: the paper numbered `num` is selected when its list opens (a tag or topic
    /// gone since leaves for All, as when it goes while shown).
    public mutating func restore(_ place: ReaderPlace, selecting num: Int64?) {
        view = place.view
        if let order = place.order { orders[place.view] = order }
        setFilter(place.filter, typing: false)
        keepNum = num
    }
}
