#!/usr/bin/env bash
# Where the connector's CPU goes during a one-shot full sync from the real iTop of the lab (issue #21, finding 7):
# `perf` samples the `amigo sync --academy lab --full` process (JIT-compiled code named through the runtime's perf map,
# with its tier), and the samples are summed by kind: JIT compiler, runtime and GC, precompiled framework code,
# JIT-compiled code by tier, kernel.
#
#   tests/benchmarks/RealITopSyncCost/profile.sh [TICKETS]        # default 100000; needs perf, the lab and PostgreSQL
#
# Extra environment for the profiled process (e.g. DOTNET_TieredPGO=0) is passed through as is.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../../.."
tickets="${1:-100000}"
source tests/benchmarks/RealITopSyncCost/lab-sync.sh

data="${AMIGO_BENCH_PERF_DATA:-$(mktemp --suffix=.perf)}"  # AMIGO_BENCH_PERF_DATA keeps the samples for perf report
fresh_migrated_database
echo "perf profile of a full sync of $have UserRequests from $AMIGO_ITOP_URL — $(date -u '+%Y-%m-%d %H:%M') UTC, load $(cut -d' ' -f1-3 /proc/loadavg)"
pidfile="$(mktemp)"
# W^X off while profiling only: with it, JIT-compiled code runs from an anonymous double mapping perf cannot name.
DOTNET_EnableWriteXorExecute=0 DOTNET_PerfMapEnabled=1 DOTNET_PerfMapShowOptimizationTiers=1 perf record -F 999 -g -o "$data" -- \
    bash -c 'echo $$ >"$1"; shift; exec "$@"' _ "$pidfile" "$amigo" sync --academy lab --full --config "$config" >/dev/null 2>&1
pid="$(cat "$pidfile")"; rm -f "$pidfile"
# The JIT's share with everything it calls (perf's "children" of libclrjit.so), then the self time by kind.
jit_children=$(perf report -i "$data" --pid "$pid" --children --sort dso --stdio -g none 2>/dev/null | awk '$NF == "libclrjit.so" { sub("%", "", $1); print $1 }')
perf report -i "$data" --pid "$pid" --no-children -n --sort dso,sym --stdio -g none 2>/dev/null \
    | python3 tests/benchmarks/RealITopSyncCost/perf-breakdown.py 999 "$jit_children"
rm -f "/tmp/perf-$pid.map" "/tmp/perfinfo-$pid.map"
