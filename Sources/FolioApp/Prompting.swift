import FolioCore
import TerminalUI

extension AppState {
    /// Keys while the status line asks something: the prompt half of the key table.
    mutating func promptKey(_ key: Key) -> [Effect] {
        guard var prompt else { return [] }
        if prompt.kind.isConfirmation {
            self.prompt = nil
            return key == .char("y") || key == .char("Y") ? submit(prompt) : []
        }
        if prompt.kind == .copyAs {
            self.prompt = nil
            guard case .char(let letter) = key, let format = CopyFormat.allCases.first(where: { $0.letter == letter }),
                  let paper = selectedPaper else { return [] }
            return copy(format, of: paper)
        }
        switch keymap.promptAction(for: key) {
        case .cancel:
            self.prompt = nil
            pendingBulk = nil
            if prompt.kind == .filter { setFilter("", typing: false) }
            return []
        case .submit:
            return submitTyped(prompt)
        case .complete: prompt.editor.replace(with: completed(prompt))
        case .syntax: if prompt.kind == .filter { prompt.showsSyntax.toggle() }
        case .deleteBackward: prompt.editor.deleteBackward()
        case .deleteForward: prompt.editor.deleteForward()
        case .left: prompt.editor.moveLeft()
        case .right: prompt.editor.moveRight()
        case .home: prompt.editor.moveHome()
        case .end: prompt.editor.moveEnd()
        case .deleteWord: prompt.editor.deleteWordBackward()
        case .deleteToEnd: prompt.editor.deleteToEnd()
        case .deleteToStart: prompt.editor.deleteToStart()
        case .older: walkHistory(&prompt, by: 1)
        case .newer: walkHistory(&prompt, by: -1)
        case nil:
            guard case .char(let c) = key else { return [] }
            prompt.editor.insert(c)
        }
        let changed = prompt.text != self.prompt?.text
        if changed { prompt.error = nil }
        self.prompt = prompt
        guard changed else { return [] }
        switch prompt.kind {
        case .filter: setFilter(prompt.text, typing: true)
        case .editTopic: return [.countQuery(prompt.text)]
        default: break
        }
        return []
    }

    /// Up (`steps` 1) and Down (-1) through the prompt's history; Down past the newest gives back what was typed.
    private func walkHistory(_ prompt: inout Prompt, by steps: Int) {
        guard let kind = prompt.kind.history else { return }
        let texts = history.texts(kind)
        let current = prompt.historyStep?.steps ?? 0
        let next = min(max(current + steps, 0), texts.count)
        guard next != current else { return }
        let typed = prompt.historyStep?.typed ?? prompt.text
        prompt.editor.replace(with: next == 0 ? typed : texts[texts.count - next])
        prompt.historyStep = next == 0 ? nil : (next, typed)
    }

    /// Enter: an invalid filter or topic query keeps the prompt open with its error; a topic name already
    /// taken asks before replacing it.
    private mutating func submitTyped(_ prompt: Prompt) -> [Effect] {
        switch prompt.kind {
        case .filter:
            let asTyping = try? QueryParser.parse(prompt.text, typing: true, context: queryContext)
            setFilter(prompt.text, typing: false)
            if filterError != nil { return [] }
            // Kept as typed, the last word is whole again: say how to keep it a prefix.
            let word = prompt.text.split(whereSeparator: { $0.isWhitespace || "()\"-".contains($0) }).last
            if asTyping != filterQuery, let word {
                status = StatusMessage(text: "\(word) now matches the whole word; \(word)* matches words starting with it",
                                       isError: false)
            }
        case .editTopic:
            do {
                _ = try QueryParser.parse(prompt.text)
            } catch {
                status = StatusMessage(text: "\(error)", isError: true)
                return []
            }
        case .jumpToDate:
            guard DayText.day(prompt.text) != nil else {
                self.prompt?.error = "not a day: write it YYYY-MM-DD"
                return []
            }
        case .saveTopic:
            let name = TextNormalizer.clean(prompt.text)
            if snapshot.topics.contains(where: { $0.name == name }) {
                self.prompt = Prompt(kind: .confirmReplaceTopic(name: name, query: filterText))
                return []
            }
        default:
            break
        }
        self.prompt = nil
        var remembered: [Effect] = []
        if let kind = prompt.kind.history, !prompt.text.allSatisfy(\.isWhitespace) {
            history.add(prompt.text, to: kind)
            remembered = [.remember(kind, prompt.text)]
        }
        if let selection = pendingBulk {
            pendingBulk = nil
            return remembered + (tagChange(prompt).map { ask(BulkRequest($0, on: selection)) } ?? [])
        }
        return remembered + submit(prompt)
    }

    /// How many papers a topic query being edited matches, or why it does not parse.
    /// The runtime counts it after each key (`Msg.liveCount`).
    public func liveCount(_ text: String) -> String {
        guard let liveCounted, liveCounted.text == text else { return "…" }
        return liveCounted.result
    }

    func submit(_ prompt: Prompt) -> [Effect] {
        switch prompt.kind {
        case .filter:
            return []
        case .saveTopic:
            let name = TextNormalizer.clean(prompt.text)
            return name.isEmpty ? [] : [.saveTopic(name: name, query: filterText)]
        case .saveMute:
            let name = TextNormalizer.clean(prompt.text)
            return name.isEmpty ? [] : [.saveMute(name: name, query: filterText)]
        case .editTopic(let name):
            return [.saveTopic(name: name, query: prompt.text)]  // checked to parse by `submitTyped`
        case .confirmDeleteTopic(let name):
            return [.removeTopic(name: name)]
        case .confirmReplaceTopic(let name, let query):
            return [.saveTopic(name: name, query: query)]
        case .confirmBulk(let request):
            return [.bulk(request.change, request.selection.target)]
        case .renameTag(let name):
            let new = TextNormalizer.clean(prompt.text)
            return new.isEmpty || new == name ? [] : [.renameTag(name, to: new)]
        case .confirmDeleteTag(let name, _):
            return [.deleteTag(name)]
        case .jumpToDate:
            return DayText.day(prompt.text).map { [.findDay(listKey, $0)] } ?? []  // checked by `submitTyped`
        case .addTags, .removeTag, .copyAs:
            break
        }
        guard let paper = selectedPaper else { return [] }
        switch tagChange(prompt) {
        case .addTags(let names)?: return [.addTags(id: paper.id, names)]
        case .removeTag(let name)?: return [.removeTag(id: paper.id, name)]
        default: return []
        }
    }

    /// The tags a tag or untag prompt names: several, comma separated, to add; one of the choices (or the
    /// first starting with what was typed) to remove.
    func tagChange(_ prompt: Prompt) -> BulkChange? {
        switch prompt.kind {
        case .addTags:
            let names = prompt.text.split(separator: ",").map { TextNormalizer.clean(String($0)) }.filter { !$0.isEmpty }
            return names.isEmpty ? nil : .addTags(names)
        case .removeTag(let choices):
            let typed = TextNormalizer.clean(prompt.text)
            let name = choices.contains(typed) ? typed : (choices.first { $0.hasPrefix(typed) } ?? typed)
            return name.isEmpty ? nil : .removeTag(name)
        default:
            return nil
        }
    }

    /// Candidates for the word being typed: existing tags when adding, the paper's tags when removing.
    public func completions(for prompt: Prompt) -> [String] {
        let pool: [String]
        switch prompt.kind {
        case .filter: return QueryCompletion.candidates(for: prompt.text, tags: allTagNames, topics: snapshot.topics.map(\.name))
        case .saveTopic, .saveMute, .editTopic, .confirmDeleteTopic, .confirmReplaceTopic, .confirmBulk, .confirmDeleteTag, .copyAs, .jumpToDate: return []
        case .renameTag(let name): pool = allTagNames.filter { $0 != name }
        case .addTags: pool = allTagNames
        case .removeTag(let choices): pool = choices
        }
        let current = TextNormalizer.clean(String(prompt.text.split(separator: ",", omittingEmptySubsequences: false).last ?? ""))
        let already = Set(prompt.text.split(separator: ",").map { TextNormalizer.clean(String($0)) })
        return pool.filter { $0.lowercased().hasPrefix(current.lowercased()) && !already.subtracting([current]).contains($0) }
    }

    /// Tab completes the word being typed to the longest prefix its candidates share.
    func completed(_ prompt: Prompt) -> String {
        let candidates = completions(for: prompt)
        if prompt.kind == .filter { return QueryCompletion.completed(prompt.text, candidates) }
        guard let first = candidates.first else { return prompt.text }
        var common = first
        for c in candidates.dropFirst() {
            while !c.hasPrefix(common) { common.removeLast() }
        }
        var parts = prompt.text.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        let lead = parts.count > 1 ? " " : ""
        parts[parts.count - 1] = lead + common
        return parts.joined(separator: ",")
    }
}
