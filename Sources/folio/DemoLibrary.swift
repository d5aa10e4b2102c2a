import CursesBackend
import FolioCore
import Foundation

/// `folio --demo`: a fresh library in a temporary folder, seeded from the bundled sample page, for the
/// reader or any command given `--demo`; removed before Folio exits (`removeAll`), or by the crash handler.
enum DemoLibrary {
    static func create(origin: JournalOrigin) throws -> Store {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("folio-demo-\(getpid())-\(UUID().uuidString.prefix(8))")
        let file = folder.appendingPathComponent("library.sqlite").path
        // Recorded first: a crash in the reader removes the folder too (see CrashCleanup).
        CrashCleanup.removeOnCrash(files: ["", "-wal", "-shm", "-journal"].map { file + $0 }, folder: folder.path)
        made.append(folder.path)
        let store = try Store(path: file, origin: origin)
        _ = try LibraryImport(store: store).importDocument(Data(SamplePage.text.utf8), format: .hfPage, source: "sample:hf-daily-papers-page.txt")
        return store
    }

    /// Every demo library this process made is thrown away.
    static func removeAll() {
        for folder in made.takeAll() { try? FileManager.default.removeItem(atPath: folder) }
        CrashCleanup.forget()
    }

    private static let made = LockedList<String>()
}
