#ifndef FOLIO_CTERMINALSIGNALS_H
#define FOLIO_CTERMINALSIGNALS_H

#include "CrashGuard.h"

/// Installs handlers for SIGINT, SIGTERM, SIGHUP and SIGTSTP that only record that the
/// signal arrived, so leaving curses happens on the app's own thread, not in a handler.
/// Without SA_RESTART, so a blocking read of the keyboard returns at once. Install before
/// curses starts: ncurses then keeps its own handlers off these signals (its SIGTSTP
/// handler left keypad mode off after `fg`). SIGWINCH and SIGCONT stay with ncurses.
void folio_signals_install(void);

/// Puts the default actions back on the signals `folio_signals_install` took: after curses
/// ends, Ctrl-C and Ctrl-Z act on the process as they would without Folio's terminal.
void folio_signals_uninstall(void);

/// The signal recorded since the last call, cleared: SIGINT, SIGTERM or SIGHUP first (the
/// app should exit), else SIGTSTP (the app should suspend); 0 when none arrived.
int folio_signals_take(void);

/// What `folio_signals_take` would return, left in place.
int folio_signals_peek(void);

/// Stops the process as the default SIGTSTP action would, and returns once it is continued
/// (`fg`), with the recording handler back in place. Call with curses ended (endwin).
void folio_signals_stop_process(void);

#endif
