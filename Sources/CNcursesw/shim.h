#ifndef FOLIO_CNCURSESW_SHIM_H
#define FOLIO_CNCURSESW_SHIM_H

// SwiftPM drops the -D flags of `pkg-config --cflags ncursesw`, so the wide-character API
// (cchar_t, wget_wch, setcchar) has to be switched on here, before the header is read.
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif

#include <locale.h>
#include <langinfo.h>
#include <stdio.h>
#include <string.h>
#include <wchar.h>
#include <ncursesw/ncurses.h>

// Swift 6 rejects C globals as shared mutable state and cannot import function-like macros,
// so everything below is a small function.

// Globals curses owns.
static inline WINDOW *folio_stdscr(void) { return stdscr; }
static inline WINDOW *folio_curscr(void) { return curscr; }
static inline int folio_lines(void) { return LINES; }
static inline int folio_cols(void) { return COLS; }
static inline int folio_colors(void) { return COLORS; }
static inline int folio_color_pairs(void) { return COLOR_PAIRS; }

/// newterm on the process's own stdout/stdin (C globals Swift cannot touch). Unlike initscr,
/// it returns NULL instead of exiting when the terminal type is unknown.
static inline SCREEN *folio_newterm(void) { return newterm(NULL, stdout, stdin); }

/// Whether LC_CTYPE is UTF-8: curses needs it to read and draw anything beyond ASCII.
static inline int folio_locale_is_utf8(void) {
    const char *codeset = nl_langinfo(CODESET);
    return codeset != NULL && (strcmp(codeset, "UTF-8") == 0 || strcmp(codeset, "utf8") == 0);
}

// Attributes.
static inline attr_t folio_A_NORMAL(void) { return A_NORMAL; }
static inline attr_t folio_A_BOLD(void) { return A_BOLD; }
static inline attr_t folio_A_DIM(void) { return A_DIM; }
static inline attr_t folio_A_ITALIC(void) { return A_ITALIC; }
static inline attr_t folio_A_UNDERLINE(void) { return A_UNDERLINE; }
static inline attr_t folio_A_REVERSE(void) { return A_REVERSE; }

// Mouse masks.
static inline mmask_t folio_ALL_MOUSE_EVENTS(void) { return ALL_MOUSE_EVENTS; }
static inline mmask_t folio_REPORT_MOUSE_POSITION(void) { return REPORT_MOUSE_POSITION; }
static inline mmask_t folio_BUTTON1_PRESSED(void) { return BUTTON1_PRESSED; }
static inline mmask_t folio_BUTTON1_CLICKED(void) { return BUTTON1_CLICKED; }
static inline mmask_t folio_BUTTON1_RELEASED(void) { return BUTTON1_RELEASED; }
static inline mmask_t folio_BUTTON2_PRESSED(void) { return BUTTON2_PRESSED; }
static inline mmask_t folio_BUTTON2_CLICKED(void) { return BUTTON2_CLICKED; }
static inline mmask_t folio_BUTTON2_RELEASED(void) { return BUTTON2_RELEASED; }
static inline mmask_t folio_BUTTON3_PRESSED(void) { return BUTTON3_PRESSED; }
static inline mmask_t folio_BUTTON3_CLICKED(void) { return BUTTON3_CLICKED; }
static inline mmask_t folio_BUTTON3_RELEASED(void) { return BUTTON3_RELEASED; }
static inline mmask_t folio_BUTTON4_PRESSED(void) { return BUTTON4_PRESSED; }
static inline mmask_t folio_BUTTON5_PRESSED(void) { return BUTTON5_PRESSED; }

// Keys.
static inline int folio_KEY_F(int n) { return KEY_F(n); }

#endif
