#!/usr/bin/env bash
# The README's test command: ensures a PostgreSQL server for the tests, then runs every test project of the solution.
#   scripts/test.sh                  # all tests
#   scripts/test.sh --filter Sync    # extra arguments go to `dotnet test`
# AMIGO_PG (a connection string to a server where tests may CREATE DATABASE) is used when set; otherwise the private
# cluster of scripts/ensure-postgres.sh (127.0.0.1:55432) is started. TRX results go to $AMIGO_TEST_RESULTS
# (default artifacts/test-results). AMIGO_TEST_TARGET runs one project or solution instead of Amigo.Connector.sln.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

command -v dotnet >/dev/null || { echo "test.sh: the .NET 10 SDK (dotnet) is required" >&2; exit 1; }

if [[ -z "${AMIGO_PG:-}" ]]; then
    AMIGO_PG="$(scripts/ensure-postgres.sh | tail -n 1)"
    export AMIGO_PG
fi

results="${AMIGO_TEST_RESULTS:-$PWD/artifacts/test-results}"
mkdir -p "$results"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# A hung test host is killed (and reported) rather than blocking CI.
exec dotnet test "${AMIGO_TEST_TARGET:-Amigo.Connector.sln}" \
    --logger "trx" --logger "console;verbosity=minimal" \
    --results-directory "$results" \
    --blame-hang-timeout 10m \
    "$@"
