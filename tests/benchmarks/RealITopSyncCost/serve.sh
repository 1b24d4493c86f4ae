#!/usr/bin/env bash
# Sync cost against the real iTop inside a running host (`amigo serve`, where the scheduler runs the sync job): the CPU
# the serve process spends on a full sync once it is warm, beside the time the real iTop spent serving that sync.
#
#   tests/benchmarks/RealITopSyncCost/serve.sh [TICKETS] [RUNS]     # defaults: 100000 tickets, 3 measured syncs
#
# One process: a first full sync (JIT, not measured), then RUNS measured full syncs, each after the synced tickets and
# the watermark are emptied so the job reads every ticket again (the sync job over HTTP with ?wait=true). CPU is the
# process's user+sys time (/proc/PID/stat) around each call. Same lab, publish and variables as run.sh.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../../.."
tickets="${1:-100000}"
runs="${2:-3}"

source tests/benchmarks/RealITopSyncCost/lab-sync.sh

key="bench-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"
port="${AMIGO_BENCH_SERVE_PORT:-5099}"
python3 - "$config" "$key" <<'PY'
import json, sys
path, key = sys.argv[1], sys.argv[2]
config = json.load(open(path))
config["Amigo"]["ApiKeys"] = [{"Name": "bench", "Key": key, "Admin": True}]
json.dump(config, open(path, "w"))
PY
ticks="$(getconf CLK_TCK)"
cpu_of() { awk -v t="$ticks" '{ printf "%.3f", ($14 + $15) / t }' "/proc/$1/stat"; }
sync_once() { curl -sf -X POST -H "X-Api-Key: $key" "http://127.0.0.1:$port/api/academies/lab/jobs/sync/run?wait=true" >/dev/null; }
empty_copy() { psql -q -d "$database" -c "DELETE FROM tickets WHERE academy_id = 'lab'" -c "DELETE FROM sync_watermarks WHERE academy_id = 'lab'" >/dev/null; }

fresh_migrated_database
ASPNETCORE_URLS="http://127.0.0.1:$port" "$amigo" serve --config "$config" >/dev/null 2>&1 &
pid=$!
trap 'kill "$pid" 2>/dev/null || true; rm -f "$config"' EXIT
for _ in $(seq 1 120); do [[ "$(curl -s -o /dev/null -w "%{http_code}" "http://127.0.0.1:$port/health")" != 000 ]] && break; sleep 0.5; done

echo "Sync cost inside a running host against the real iTop 3.2 of the lab — $(date -u '+%Y-%m-%d %H:%M') UTC, $(nproc) CPU, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "iTop holds $have UserRequests; PHP memory_limit of the lab's web server: ${AMIGO_ITOP_LAB_PHP_MEMORY:-128M}"
before=$(cpu_of "$pid"); read -r c0 m0 < <(log_ms)
sync_once
after=$(cpu_of "$pid"); read -r c1 m1 < <(log_ms)
printf 'first sync of the process (JIT, not counted): %d calls, iTop %.1f s, host CPU %.2f s\n' "$((c1 - c0))" "$(awk -v a="$m0" -v b="$m1" 'BEGIN { print (b - a) / 1000 }')" "$(awk -v a="$before" -v b="$after" 'BEGIN { print b - a }')"
printf '%-4s %8s %14s %14s %10s\n' run calls "iTop serving s" "host CPU s" "CPU/iTop"
for run in $(seq 1 "$runs"); do
    empty_copy
    before=$(cpu_of "$pid"); read -r c0 m0 < <(log_ms)
    sync_once
    after=$(cpu_of "$pid"); read -r c1 m1 < <(log_ms)
    served=$(awk -v a="$m0" -v b="$m1" 'BEGIN { printf "%.1f", (b - a) / 1000 }')
    used=$(awk -v a="$before" -v b="$after" 'BEGIN { printf "%.2f", b - a }')
    printf '%-4s %8s %14s %14s %10s\n' "$run" "$((c1 - c0))" "$served" "$used" "$(awk -v n="$used" -v t="$served" 'BEGIN { printf "%.1f %%", 100 * n / t }')"
done
