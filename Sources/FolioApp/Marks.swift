import FolioCore
import TerminalUI

/// A change to the user state of many papers at once.
public enum BulkChange: Sendable, Equatable {
    case star(Bool), read(Bool)
    case addTags([String])
    case removeTag(String)
}

/// The papers a bulk change acts on.
public enum BulkTarget: Sendable, Equatable {
    /// The marked papers, by their numbers in the library.
    case papers([Int64])
    /// Every paper of a list (a view and its filter), found again when the change is made.
    case list(ListKey)
}

/// The papers of a bulk action and how many they are.
public struct BulkSelection: Sendable, Equatable {
    public var target: BulkTarget
    public var count: Int
}

/// A bulk change waiting for its yes or no, with the number of papers the question names.
public struct BulkRequest: Sendable, Equatable {
    public var change: BulkChange
    public var selection: BulkSelection

    init(_ change: BulkChange, on selection: BulkSelection) {
        self.change = change
        self.selection = selection
    }

    /// `Tag 1,204 papers with rl?`
    var question: String {
        let papers = papersCount(selection.count)
        switch change {
        case .star(let on): return "\(on ? "Star" : "Unstar") \(papers)?"
        case .read(let on): return "Mark \(papers) \(on ? "read" : "unread")?"
        case .addTags(let names): return "Tag \(papers) with \(names.joined(separator: ", "))?"
        case .removeTag(let name): return "Remove tag \(name) from \(papers)?"
        }
    }
}

/// Marks, `;` (the next action on the whole view), catch-up, and the question before any action on more
/// than one paper.
extension AppState {
    mutating func markAction(_ action: Action) -> [Effect] {
        switch action {
        case .mark:
            guard let position = selectedPosition, let row = list.row(at: position) else { return [] }
            if marked.remove(row.num) == nil { marked.insert(row.num) }
            select(position: min(position + 1, list.count - 1))
        case .markAll:
            guard list.count > 0 else { return [] }
            return [.markList(wholeList)]
        case .clearMarks:
            marked = []
        case .forView:
            guard list.count > 0 else {
                status = StatusMessage(text: "no papers here", isError: false)
                return []
            }
            forView = true
            status = StatusMessage(text: "next star, read, tag or untag: all \(papersCount(list.count)) of this view", isError: false)
        case .catchUp:
            return ask(BulkRequest(.read(true), on: BulkSelection(target: .list(wholeList), count: list.count)))
        default:
            break
        }
        return []
    }

    /// The papers the next star, read, tag or untag acts on when not the selected one alone: the whole
    /// view after `;`, else the marked papers.
    func bulkSelection(viewWide: Bool) -> BulkSelection? {
        if viewWide { return BulkSelection(target: .list(wholeList), count: list.count) }
        if !marked.isEmpty { return BulkSelection(target: .papers(marked.sorted()), count: marked.count) }
        return nil
    }

    /// Star and read follow the selected paper: on the marked papers `s` stars them all, or unstars
    /// them all when the selected paper is starred, as `s` alone would do to it.
    mutating func bulkAction(_ action: Action, on selection: BulkSelection) -> [Effect] {
        switch action {
        case .star:
            return ask(BulkRequest(.star(!(selectedPaper?.isStarred ?? false)), on: selection))
        case .toggleRead:
            return ask(BulkRequest(.read(!(selectedPaper?.isRead ?? false)), on: selection))
        case .tag:
            pendingBulk = selection
            prompt = Prompt(kind: .addTags)
        case .untag:
            pendingBulk = selection
            prompt = Prompt(kind: .removeTag(choices: allTagNames))
        default:
            break
        }
        return []
    }

    /// Asks before a change to more than one paper; one paper is changed at once.
    mutating func ask(_ request: BulkRequest) -> [Effect] {
        switch request.selection.count {
        case 0:
            status = StatusMessage(text: "no papers here", isError: false)
            return []
        case 1:
            return [.bulk(request.change, request.selection.target)]
        default:
            prompt = Prompt(kind: .confirmBulk(request))
            return []
        }
    }

    /// The list on the screen, every match of its filter checked (not a preview of a phrase).
    var wholeList: ListKey {
        var key = listKey
        key.preview = false
        return key
    }
}
