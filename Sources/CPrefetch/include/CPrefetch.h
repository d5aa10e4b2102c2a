#ifndef FOLIO_CPREFETCH_H
#define FOLIO_CPREFETCH_H

/// Asks the CPU to start loading the cache line at `address`, without waiting for it: Swift has no
/// way to say this, and a segment's term table is looked up at random, one cache miss per word.
static inline void folio_prefetch(const void *address) { __builtin_prefetch(address); }

#endif
