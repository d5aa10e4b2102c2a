import CursesBackend
import FolioCore
import Foundation

/// `folio --demo`: a fresh library in a temporary folder, seeded from the bundled sample page.
enum DemoLibrary {
    static func create() throws -> Store {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("folio-demo-\(getpid())-\(UUID().uuidString.prefix(8))")
        let file = folder.appendingPathComponent("library.sqlite").path
        // Recorded first: a crash in the reader removes the folder too (see CrashCleanup).
        CrashCleanup.removeOnCrash(files: ["", "-wal", "-shm", "-journal"].map { file + $0 }, folder: folder.path)
        let store = try Store(path: file)
        _ = try LibraryImport(store: store).importDocument(Data(SamplePage.text.utf8), format: .hfPage, source: "sample:hf-daily-papers-page.txt")
        return store
    }

    /// The demo library is thrown away when the reader closes.
    static func remove(_ store: Store) {
        try? FileManager.default.removeItem(atPath: (store.path as NSString).deletingLastPathComponent)
        CrashCleanup.forget()
    }
}
