#!/usr/bin/env bash
# Sync cost against the real iTop of the lab (issue #21, finding 7): the connector's CPU time for a full sync, after
# start-up, beside the time the real iTop spent serving it (its request log), and their ratio.
#
#   tests/benchmarks/RealITopSyncCost/run.sh [TICKETS] [RUNS]     # defaults: 100000 tickets, 3 runs
#
# Runs the host as `dotnet publish` (the Dockerfile) builds it: ReadyToRun, the host's runtime settings. Another lab than
# the default one: set AMIGO_ITOP_LAB_ROOT, AMIGO_ITOP_LAB_PORT, AMIGO_ITOP_LAB_DB_PORT as for scripts/itop-lab.sh.
# AMIGO_BENCH_PUBLISH adds publish arguments (e.g. -p:PublishReadyToRun=false); DOTNET_* variables reach the process.
# Needs the lab (scripts/itop-lab.sh start) and PostgreSQL (AMIGO_PG, or the private cluster). Adds closed requests to
# the lab with `scripts/itop-lab.sh clone` until it holds TICKETS; `scripts/itop-lab.sh reseed` removes them.
# Baseline measured in the same run: the CPU of `amigo academies list` (the host's start-up, plugins loaded, no iTop
# call) is subtracted from the CPU of `amigo sync --full`, so the figure is the sync's own work.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../../.."
tickets="${1:-100000}"
runs="${2:-3}"

source tests/benchmarks/RealITopSyncCost/lab-sync.sh

cpu() { # user+sys CPU seconds of the command and its children (output discarded); fails when the command fails
    python3 -c 'import resource, subprocess, sys
subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(f"{usage.ru_utime + usage.ru_stime:.3f}")' "$@"
}

echo "Sync cost against the real iTop 3.2 of the lab — $(date -u '+%Y-%m-%d %H:%M') UTC, $(nproc) CPU, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "iTop holds $have UserRequests; PHP memory_limit of the lab's web server: ${AMIGO_ITOP_LAB_PHP_MEMORY:-128M}"
printf '%-4s %12s %8s %14s %14s %14s %10s\n' run "start-up s" calls "iTop serving s" "sync CPU s" "net CPU s" "CPU/iTop"
for run in $(seq 1 "$runs"); do
    # A fresh database each run: the full sync reads every ticket and writes every row.
    fresh_migrated_database
    startup=$(cpu "$amigo" academies list --config "$config")
    read -r calls_before ms_before < <(log_ms)
    synced=$(cpu "$amigo" sync --academy lab --full --config "$config")
    read -r calls_after ms_after < <(log_ms)
    served=$(awk -v a="$ms_before" -v b="$ms_after" 'BEGIN { printf "%.1f", (b - a) / 1000 }')
    net=$(awk -v s="$synced" -v b="$startup" 'BEGIN { printf "%.2f", s - b }')
    ratio=$(awk -v n="$net" -v t="$served" 'BEGIN { printf "%.1f %%", 100 * n / t }')
    printf '%-4s %12s %8s %14s %14s %14s %10s\n' "$run" "$startup" "$((calls_after - calls_before))" "$served" "$synced" "$net" "$ratio"
done
