#define _XOPEN_SOURCE 700
#include "CWidth.h"

#include <locale.h>
#include <pthread.h>
#include <stdlib.h>
#include <wchar.h>

static pthread_once_t utf8_once = PTHREAD_ONCE_INIT;

static void ensure_utf8_ctype(void) {
    // A program that already chose a UTF-8 locale (setlocale(LC_ALL, "")) keeps it.
    if (MB_CUR_MAX == 1) {
        setlocale(LC_CTYPE, "C.UTF-8");
    }
}

int folio_wcwidth(unsigned int scalar) {
    pthread_once(&utf8_once, ensure_utf8_ctype);
    return wcwidth((wchar_t)scalar);
}

static pthread_mutex_t grapheme_table_mutex = PTHREAD_MUTEX_INITIALIZER;

void folio_grapheme_table_lock(void) { pthread_mutex_lock(&grapheme_table_mutex); }

void folio_grapheme_table_unlock(void) { pthread_mutex_unlock(&grapheme_table_mutex); }
