#ifndef FOLIO_CZLIB_SHIM_H
#define FOLIO_CZLIB_SHIM_H
#include <zlib.h>

/// zlib's inflateInit2 is a macro, which Swift cannot call: this is it as a function. 15 + 32: a
/// window of 32 KB, gzip or zlib header detected.
static inline int folio_inflate_init(z_stream *stream) {
    return inflateInit2(stream, 15 + 32);
}

#endif
