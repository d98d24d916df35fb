#!/bin/bash
# The heap of the firmware's scenario (HeapScenario.cs: boot with self-test, one sale, the technician menu's probe)
# in the bench's nanoCLR (issue 18). From the repository root, after `source` of the bench's environment:
#
#   bash tools/nanoclr/heap/measure-heap.sh [LOW_KB HIGH_KB]
#   RUNS=2 bash tools/nanoclr/heap/measure-heap.sh 40 68     # a size counts only if every one of RUNS runs passes
#
# 1. Compiles the scenario with the bench's run-firmware.sh (../shared/bench beside the repository, or $BENCH) and
#    runs it once with NANOCLR_HEAP_BYTES=49152;
# 2. bisects NANOCLR_HEAP_BYTES between LOW_KB and HIGH_KB (default 16..160) and prints, for each PHASE of the
#    scenario, the smallest heap (1 KB steps) with which nanoCLR got past it: the peak heap up to that point;
# 3. runs it under the CPU-time shim (a 256 KB heap): CPU time to the amount screen.
# nanoCLR cannot report its heap to the program (an OutOfMemoryException cannot be caught there: the run just
# ends), so the peak up to a point is found from outside, by the smallest heap that gets past it. A run that
# takes longer than RUN_TIMEOUT_S (default 60; a whole run takes about 10 s) counts as not fitting: just above
# the limit the collector runs at nearly every allocation and the scenario crawls.
set -u
: "${NANOCLR:?source the bench environment first (NANOCLR, MDP)}"
here=$(cd "$(dirname "$0")" && pwd)
bench=${BENCH:-$(cd "$here/../../../.." && pwd)/shared/bench}
shim=${CPUTIME_SHIM:-/work/bench-out/cputime-shim.so}   # the bench's CPU-time shim (../shared/bench/nanoclr/README.md)
low=${1:-16}; high=${2:-160}
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
mkdir -p "$work/plain"

compile() { # $1 = output dir; prints the run's output; status 0 when it ended with RUN OK
  CAPTURE_DIR=$1 REAL_NANOCLR=$NANOCLR NANOCLR=$here/capture-pe.sh NANOCLR_HEAP_BYTES=49152 \
    bash "$bench/run-firmware.sh" "$here/HeapScenario.cs" "$here/BenchGateway.cs" >"$1/run.log" 2>&1
}
run() { # $1 = dir, $2 = heap bytes
  NANOCLR_HEAP_BYTES=$2 timeout "${RUN_TIMEOUT_S:-60}" "$NANOCLR" "$1/mscorlib.pe" "$1/FirmwareRun.pe" 2>&1 | tr -d '\r'
}

echo "== nanoCLR $NANOCLR"
echo "== firmware commit $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- Terminal Terminal.Drivers tools || echo ' + uncommitted changes')"
echo "== 1. run-firmware.sh with NANOCLR_HEAP_BYTES=49152"
if compile "$work/plain"; then echo "RUN OK at 48 KB"; else echo "FAILED at 48 KB (last phase: $(grep '^PHASE' "$work/plain/run.log" | tail -1))"; fi
grep -E '^(QR |gateway exchanges)' "$work/plain/run.log"

echo "== 2. smallest heap past each phase (KB, bisection between $low and $high, ${RUNS:-1} run(s) per size)"
phases="start config composed selftest amount-screen amount-keyed qr-shown paid ok tech-menu probe back-to-amount RUN_OK"
declare -A reached   # heap KB -> number of phases passed (RUN OK counts as the last)
passed_at() { # phases passed with this heap: the least of RUNS runs (the threads' interleaving varies)
  local kb=$1
  if [ -z "${reached[$kb]:-}" ]; then
    local least=999 r
    for r in $(seq "${RUNS:-1}"); do
      local out; out=$(run "$work/plain" $((kb * 1024)))
      local n; n=$(echo "$out" | grep -c '^PHASE ')
      echo "$out" | grep -q '^RUN OK' && n=$((n + 1))
      [ "$n" -lt "$least" ] && least=$n
    done
    reached[$kb]=$least
  fi
  echo "${reached[$kb]}"
}
i=0
for p in $phases; do
  i=$((i + 1))
  lo=$low; hi=$high
  if [ "$(passed_at "$hi")" -lt $i ]; then printf '  %-16s > %s KB\n' "$p" "$high"; continue; fi
  while [ $((hi - lo)) -gt 1 ]; do
    mid=$(((lo + hi) / 2))
    if [ "$(passed_at $mid)" -ge $i ]; then hi=$mid; else lo=$mid; fi
  done
  printf '  %-16s %s KB\n' "$p" "$hi"
  low=$lo
done

echo "== 3. CPU time to the amount screen (CPU-time shim, 5 runs): from process start (loading, static constructors, Main) / in Main"
for i in 1 2 3 4 5; do
  LD_PRELOAD=$shim NANOCLR_HEAP_BYTES=262144 "$NANOCLR" "$work/plain/mscorlib.pe" "$work/plain/FirmwareRun.pe" 2>&1 | tr -d '\r' \
    | sed -n 's/^BOOT_CLOCK_TICKS \([0-9]*\) MAIN_TICKS \([0-9]*\)/\1 \2/p' \
    | while read -r clock main; do
        # the shim's clock = CPU time + 1790000000 s; DateTime ticks count 100 ns from 0001-01-01
        cpu=$((clock - 621355968000000000 - 1790000000 * 10000000))
        printf '  %d.%d ms / %d.%d ms\n' $((cpu / 10000)) $((cpu / 1000 % 10)) $((main / 10000)) $((main / 1000 % 10))
      done
done
