#!/bin/sh
# What `npm start` runs after its build (package.json "start"), and how `npm run bench` starts Candor: the compiled
# server (dist/server/main.js) with the memory settings below. They can only be given before Node starts (the C
# library reads its settings when the process starts, V8 sizes its heap when it starts), hence a script rather than
# code in the server. Measured with 100,000 reviews on PGlite, the bench's reads then its posting, RSS after the load
# (issue 12, goal < 300 MB): 331–391 MB without them, 225–239 MB with them, and the same requests and reviews per
# second (README, "Memory with 100,000 reviews"). Starting dist/server/main.js directly works too, without these
# savings.
#
# MALLOC_MMAP_THRESHOLD_=32768: PGlite's PostgreSQL is WebAssembly, and V8 compiles its hot functions again with its
# optimising compiler on background threads. That compiler works in zones of 32 KB blocks from malloc: once freed,
# glibc kept them in its per-thread arenas, 55–80 MB resident that no one used again (malloc_trim gave them back).
# With this threshold, blocks of 32 KB and more are mapped on their own and returned to the system when freed. Given
# explicitly, it also stops glibc from raising the threshold by itself (up to 32 MB) after a large block is freed.
# A value already set in the environment is kept.
#
# --max-semi-space-size=4: V8's young generation grew to two 16 MB semi-spaces (32 MB resident all the time); two
# of 4 MB hold what a request allocates just as well.
#
# --heap-growing-percent=50: after a full collection V8 lets the old generation grow to up to 4 times what survived
# before the next one (it saw a machine with plenty of memory); under the posting load it reached 127 MB for 65 MB
# alive. 1.5 times keeps it near what is alive, for more frequent (mostly concurrent) marking.
export MALLOC_MMAP_THRESHOLD_="${MALLOC_MMAP_THRESHOLD_:-32768}"
exec node --max-semi-space-size=4 --heap-growing-percent=50 "$(dirname "$0")/../dist/server/main.js" "$@"
