// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "Folio",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "folio", targets: ["folio"]),
        .executable(name: "folio-bench", targets: ["folio-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/LebJe/TOMLKit", exact: "0.6.0"),
    ],
    targets: [
        // Papers, the SQLite store, importers and exporters: no terminal in here.
        .target(
            name: "FolioCore",
            dependencies: ["CPrefetch", "CZlib", .product(name: "GRDB", package: "GRDB.swift"), .product(name: "GRDBSQLite", package: "GRDB.swift")],
            exclude: ["Search/README.md"]
        ),
        // The CPU's prefetch hint, which Swift cannot spell: the search index's builder looks words up ahead.
        .target(name: "CPrefetch"),
        // zlib, for importing gzipped files (the arXiv dump) without unpacking them.
        .systemLibrary(name: "CZlib", providers: [.apt(["zlib1g-dev"])]),
        // Fetching sources over HTTP (URLSession) into the store: the only module that touches the network.
        .target(name: "FolioFetch", dependencies: ["FolioCore"]),
        // Cells, canvas, display width, widgets: no papers and no curses in here.
        .target(name: "TerminalUI", dependencies: ["CWidth"]),
        // The C library's wcwidth, with a UTF-8 LC_CTYPE guaranteed: glibc hides it from Swift.
        .target(name: "CWidth"),
        // The reader as values: state, update, view, keymap, theme roles. No curses in here.
        .target(name: "FolioApp", dependencies: ["FolioCore", "FolioFetch", "TerminalUI", .product(name: "TOMLKit", package: "TOMLKit")]),
        // ncursesw for Swift: a shim header turns on the wide-character API and wraps macros and globals.
        // No pkgConfig: SwiftPM drops its -D flags with a warning, and shim.h defines them itself.
        .systemLibrary(name: "CNcursesw", providers: [.apt(["libncurses-dev"])]),
        // Signal handlers: SIGINT/SIGTERM/SIGHUP/SIGTSTP only recorded (curses is left outside the handler);
        // a crash (trap, SIGSEGV, SIGBUS, …) gives the terminal back and removes a demo library, then dies.
        .target(name: "CTerminalSignals"),
        // The only module that touches curses: draws TerminalUI cells and reads keys, mouse and resizes.
        .target(name: "CursesBackend", dependencies: ["CNcursesw", "CTerminalSignals", "TerminalUI"]),
        .executableTarget(
            name: "folio",
            dependencies: [
                "FolioCore", "FolioFetch", "FolioApp", "TerminalUI", "CursesBackend",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Speed and memory figures on a synthetic library; run it release-built.
        .executableTarget(
            name: "folio-bench",
            dependencies: [
                "FolioCore", "FolioApp", "TerminalUI",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        .testTarget(name: "FolioCoreTests", dependencies: ["FolioCore"]),
        .testTarget(name: "TerminalUITests", dependencies: ["TerminalUI"]),
        .testTarget(name: "FolioAppTests", dependencies: ["FolioApp", "FolioTestSupport"]),
        .testTarget(name: "CursesBackendTests", dependencies: ["CursesBackend", "TerminalUI"]),
        // Runs the built `folio` binary and makes test libraries; shared by the two targets below.
        .target(name: "FolioTestSupport", path: "Tests/FolioTestSupport"),
        // Runs the built `folio` binary; depending on it makes `swift test` build it first.
        .testTarget(name: "FolioCLITests", dependencies: ["folio", "FolioCore", "FolioTestSupport"]),
        // Drives the built `folio` reader in tmux, as a person at a terminal would.
        .testTarget(name: "EndToEndTests", dependencies: ["folio", "TerminalUI", "FolioTestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
