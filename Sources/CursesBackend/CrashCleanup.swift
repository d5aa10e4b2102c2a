import CTerminalSignals

/// Files the crash handler deletes if Folio dies by a signal (a trap, SIGSEGV, SIGABRT…) while a
/// `CursesTerminal` is open: a throwaway library such as `folio --demo`'s, which no one else would
/// ever clean up. The handler runs no Swift, so the paths are copied into C storage here, first.
public enum CrashCleanup {
    /// At most 8 files; false when a path does not fit (nothing is deleted for it then).
    @discardableResult
    public static func removeOnCrash(files: [String], folder: String) -> Bool {
        folio_crash_guard_forget_paths()
        let recorded = files.map { folio_crash_guard_remove_file($0) == 0 }
        return folio_crash_guard_remove_folder(folder) == 0 && !recorded.contains(false)
    }

    /// The files were removed the ordinary way; a later crash leaves paths alone.
    public static func forget() {
        folio_crash_guard_forget_paths()
    }
}
