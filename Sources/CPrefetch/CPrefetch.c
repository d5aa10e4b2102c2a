// The header's inline function is the whole module; SwiftPM needs a source file to build a C target.
#include "CPrefetch.h"
