#ifndef FOLIO_CWIDTH_H
#define FOLIO_CWIDTH_H

/// Columns the C library gives one Unicode scalar: 0, 1, 2, or -1 when not printable.
/// Switches LC_CTYPE to C.UTF-8 on first use if the current locale is not multibyte,
/// since wcwidth answers -1 for everything outside ASCII in the "C" locale.
int folio_wcwidth(unsigned int scalar);

/// Guards TerminalUI's table of graphemes too long to keep inside a cell.
void folio_grapheme_table_lock(void);
void folio_grapheme_table_unlock(void);

#endif
