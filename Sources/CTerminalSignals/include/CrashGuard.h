#ifndef FOLIO_CRASHGUARD_H
#define FOLIO_CRASHGUARD_H

/// Handlers for the signals a crash raises (a Swift trap's SIGILL or SIGTRAP, SIGSEGV, SIGABRT,
/// SIGBUS, SIGFPE), run on an alternate stack so a stack overflow is caught too. The handler
/// gives the terminal back (leaves the alternate screen, shows the cursor, turns mouse reports
/// and keypad transmit off, resets attributes, puts back the tty modes saved here), deletes the
/// files and folder `folio_crash_guard_remove_*` named, then dies by the same signal.
/// Call before curses starts, so the tty modes saved are the shell's.
void folio_crash_guard_install(void);

/// Puts back the handlers and the alternate stack that were there before. Idempotent.
void folio_crash_guard_uninstall(void);

/// A file for the handler to unlink (a demo library and its journal files). At most 8; 0 when
/// recorded, -1 when the path is too long or there is no room. Call before the reader starts.
int folio_crash_guard_remove_file(const char *path);

/// The folder for the handler to rmdir, after the files. 0 when recorded, -1 when too long.
int folio_crash_guard_remove_folder(const char *path);

/// Forgets the files and folder: they were removed the ordinary way.
void folio_crash_guard_forget_paths(void);

#endif
