#!/bin/bash
# The exact peak of live bytes of the heap scenario (../HeapScenario.cs: boot with self-test, one sale, the technician
# menu's probe) in the bench's nanoCLR, and what holds it (issue 18). From the repository root, after `source` of the
# bench's environment (NANOCLR, MDP; nanoCLR built by ../shared/bench/nanoclr/build.sh):
#
#   bash tools/nanoclr/heap/peak-trace/peak-trace.sh [LEVEL]
#
# 1. Builds, once, an instrumented copy of the bench's nanoCLR: instrument.py on the nf-interpreter sources that
#    build.sh kept beside its output (NANOCLR_HEAP_BYTES patch included), into <bench output>/nanoclr-trace;
# 2. compiles the scenario with the bench's run-firmware.sh and runs it there with a collection before every
#    allocation (NANOCLR_GC_EVERY_ALLOC), so the largest "bytes in use after a collection" is the exact peak of live
#    bytes, runtime structures and both threads' call frames included (nanoCLR keeps frames on the heap);
# 3. prints the peak reached by each phase, then, for the overall peak, the heap by data type and each thread's call
#    frames with their sizes. LEVEL 2 adds every class's instances and every array of 96 bytes or more; 3 adds which
#    field holds each array.
# The smallest heap a run needs (measure-heap.sh) is this peak plus fragmentation (2-5 KB in 2026-11-30's runs). Why a
# heap size fails: run the instrumented binary on the scenario's PE files with NANOCLR_TRACE_OOM=1 and that
# NANOCLR_HEAP_BYTES; at a failed allocation it prints what was asked, the free bytes, the largest free block and a map
# of the heap (docs/memory.md, "Fragmentation").
# Thread switches fall differently with a collection at every allocation, so the peak varies by a few hundred bytes
# from run to run with which deep call chains of the two threads meet.
set -u
: "${NANOCLR:?source the bench environment first (NANOCLR, MDP)}"
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../../../.." && pwd)
bench=${BENCH:-$(cd "$repo/.." && pwd)/shared/bench}
level=${1:-1}
out=$(cd "$(dirname "$NANOCLR")/../.." && pwd)   # build.sh's output: nanoclr/bin/<exe>, src/nf-interpreter, build/
src=$out/src/nf-interpreter
traced=$out/nanoclr-trace/bin/nanoFramework.nanoCLR.test
stamp="$(cat "$out/nanoclr/.commit" 2>/dev/null) $(sha256sum "$here/instrument.py" | cut -c1-16)"
[ -f "$src/targets/posix/CMakeLists.txt" ] || { echo "no nf-interpreter sources at $src (run the bench's build.sh)"; exit 2; }

if [ ! -x "$traced" ] || [ "$(cat "$out/nanoclr-trace/.stamp" 2>/dev/null)" != "$stamp" ]; then
  echo "== building the instrumented nanoCLR (once; a few minutes)"
  rm -rf "$out/src/nf-interpreter-trace" "$out/build/nanoclr-trace" "$out/nanoclr-trace"
  cp -a "$src" "$out/src/nf-interpreter-trace"
  python3 "$here/instrument.py" "$out/src/nf-interpreter-trace" || exit 1
  cmake -S "$out/src/nf-interpreter-trace/targets/posix" -B "$out/build/nanoclr-trace" -G Ninja -DCMAKE_BUILD_TYPE=Release \
        -DCMAKE_BUILD_WITH_INSTALL_RPATH=ON '-DCMAKE_INSTALL_RPATH=$ORIGIN/../lib' >"$out/build/nanoclr-trace-configure.log" 2>&1 \
    || { tail -20 "$out/build/nanoclr-trace-configure.log"; exit 1; }
  cmake --build "$out/build/nanoclr-trace" >"$out/build/nanoclr-trace-build.log" 2>&1 \
    || { grep -m5 -E 'error|FAILED' "$out/build/nanoclr-trace-build.log"; exit 1; }
  mkdir -p "$out/nanoclr-trace"; cp -a "$out/build/nanoclr-trace/bin" "$out/build/nanoclr-trace/lib" "$out/nanoclr-trace/"
  echo "$stamp" >"$out/nanoclr-trace/.stamp"
fi

work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
cd "$repo" || exit 1
CAPTURE_DIR=$work REAL_NANOCLR=$NANOCLR NANOCLR=$here/../capture-pe.sh NANOCLR_HEAP_BYTES=262144 LANGVERSION=9.0 \
  bash "$bench/run-firmware.sh" "$here/../HeapScenario.cs" "$here/../BenchGateway.cs" >"$work/compile.log" 2>&1
grep -q '^RUN OK' "$work/compile.log" || { echo "the scenario did not run:"; tail -5 "$work/compile.log"; exit 1; }
echo "== firmware commit $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- Terminal Terminal.Drivers tools || echo ' + uncommitted changes'), traced nanoCLR $stamp"
NANOCLR_TRACE_PEAK=$level NANOCLR_GC_EVERY_ALLOC=1 NANOCLR_HEAP_BYTES=262144 "$traced" "$work/mscorlib.pe" "$work/FirmwareRun.pe" 2>&1 \
  | tr -d '\r' >"$work/trace.log"
grep -q '^RUN OK' "$work/trace.log" || { echo "the traced run did not end RUN OK"; tail -5 "$work/trace.log"; exit 1; }
echo "== peak of live bytes up to each phase (bytes in use after a collection, collecting before every allocation)"
awk '/^PEAKLIVE [0-9]/ { peak = $2 } /^PHASE / { printf "  %-16s %6d\n", $2, peak } /^RUN OK/ { printf "  %-16s %6d\n", "RUN_OK", peak }' "$work/trace.log"
echo "== at the overall peak"
awk '/^PEAKLIVE [0-9]/ { block = "" } { block = block $0 "\n" } /^PEAKLIVE end/ { last = block } END { printf "%s", last }' "$work/trace.log"
