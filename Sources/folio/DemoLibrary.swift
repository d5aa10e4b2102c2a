import FolioCore
import Foundation

/// `folio --demo`: a fresh library in a temporary folder, seeded from the bundled sample page.
enum DemoLibrary {
    static func create() throws -> Store {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("folio-demo-\(getpid())-\(UUID().uuidString.prefix(8))")
        let store = try Store(path: folder.appendingPathComponent("library.sqlite").path)
        _ = try LibraryImport(store: store).importDocument(Data(SamplePage.text.utf8), format: .hfPage, source: "sample:hf-daily-papers-page.txt")
        return store
    }

    /// The demo library is thrown away when the reader closes.
    static func remove(_ store: Store) {
        try? FileManager.default.removeItem(atPath: (store.path as NSString).deletingLastPathComponent)
    }
}
