#!/usr/bin/env bash
# The README's run command: the whole connector on three simulated iTops (Toulouse, Montpellier, Normandie).
#   scripts/demo.sh                      # sync, catalogue search, auto-close, reassignment, reports; then serves on :5080
#   scripts/demo.sh --port 8080          # another loopback port
#   scripts/demo.sh --no-serve           # exit after the steps (CI)
#   scripts/demo.sh --database "Host=…"  # an existing PostgreSQL server (the database amigo_demo is dropped and re-created)
# Without --database or AMIGO_PG, the private PostgreSQL cluster of scripts/ensure-postgres.sh is started first
# (127.0.0.1:55432; installs postgresql-15 with apt-get when missing). Build output goes to $AMIGO_ARTIFACTS (default artifacts/).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

command -v dotnet >/dev/null || { echo "demo.sh: the .NET 10 SDK (dotnet) is required" >&2; exit 1; }
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

explicit_database=false
for argument in "$@"; do
    [[ "$argument" == --database || "$argument" == --database=* ]] && explicit_database=true
done
if [[ "$explicit_database" == false && -z "${AMIGO_PG:-}" ]]; then
    AMIGO_PG="$(scripts/ensure-postgres.sh | tail -n 1)"
    export AMIGO_PG
fi

exec dotnet run --project src/Amigo.Connector.Demo -c Release -- "$@"
