import FolioCore

extension ReaderRuntime {
    /// Before the first list opens: the place (and the theme picked with `C`, unless `--theme` named one)
    /// the reader had when it last closed on this library.
    func restorePlace() {
        guard keepsPlace, let memory = try? store.readerMemory() else { return }
        if !themeFromCommandLine, let name = memory["theme"], name != theme.name, let picked = try? themes.load(name) {
            theme = picked.degraded(to: colorDepth)
        }
        guard let place = ReaderPlace(values: memory) else { return }
        let num = place.paperID.flatMap { try? store.num(ofPaper: $0) }
        state.restore(place, selecting: num)
        if case .forYou(let tag) = place.view { rankingsWanted.insert(tag) }
    }

    /// At the end of the session: where the reader is, and the theme if `C` picked one (else the one kept).
    func rememberPlace() {
        var values = state.place(paperID: state.selectedPaper?.id).values
        let kept = try? store.readerMemory()
        if let theme = themePicked ?? kept?["theme"] { values["theme"] = theme }
        try? store.setReaderMemory(values)
    }

    /// `C`: the next theme in `folio themes` order; a broken one says why and keeps the current theme.
    func cycleTheme() -> Msg {
        let names = themes.names
        let current = names.firstIndex(of: lastCycledTheme ?? theme.name) ?? -1
        let next = names[(current + 1) % names.count]
        lastCycledTheme = next
        do {
            theme = try themes.load(next).degraded(to: colorDepth)
            themePicked = next
            return report("theme: \(next)")
        } catch {
            return .status(StatusMessage(text: "\(error); keeping \(theme.name)", isError: true))
        }
    }
}
