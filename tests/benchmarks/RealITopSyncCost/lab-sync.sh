# Sourced by run.sh, serve.sh and profile.sh (from the repository root): the lab's settings, TICKETS UserRequests in the lab,
# the Release host built as the Dockerfile builds it, a database and a configuration for one academy "lab".
# Honours AMIGO_ITOP_LAB_ROOT / AMIGO_ITOP_LAB_PORT / AMIGO_ITOP_LAB_DB_PORT (another lab than the default one).
eval "$(scripts/itop-lab.sh env)"
export AMIGO_PG="${AMIGO_PG:-$(scripts/ensure-postgres.sh | tail -n 1)}"
mysql_itop() { mysql -h"$AMIGO_ITOP_DB_HOST" -P"$AMIGO_ITOP_DB_PORT" -u"$AMIGO_ITOP_DB_USER" -p"$AMIGO_ITOP_DB_PASSWORD" "$AMIGO_ITOP_DB_NAME" -N -e "$1"; }

have=$(mysql_itop "SELECT COUNT(*) FROM ticket WHERE finalclass = 'UserRequest'")
if (( have < tickets )); then scripts/itop-lab.sh clone $((tickets - have)); fi
have=$(mysql_itop "SELECT COUNT(*) FROM ticket WHERE finalclass = 'UserRequest'")

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
export AMIGO_ARTIFACTS="${AMIGO_ARTIFACTS:-$PWD/artifacts/bench}"
# Published as the Dockerfile publishes it (ReadyToRun, see the host's csproj), plugins beside it; AMIGO_BENCH_PUBLISH
# adds MSBuild arguments, e.g. "-p:PublishReadyToRun=false" to measure the host without precompiled code.
publish="$AMIGO_ARTIFACTS/publish/amigo${AMIGO_BENCH_PUBLISH:+-$(tr -c 'A-Za-z0-9=\n' _ <<<"$AMIGO_BENCH_PUBLISH")}"
dotnet publish src/Amigo.Connector.Host -c Release -o "$publish" -v q -nologo ${AMIGO_BENCH_PUBLISH:-} >/dev/null
mkdir -p "$publish/plugins" && cp -r "$AMIGO_ARTIFACTS/plugins/." "$publish/plugins/"
amigo="$publish/amigo"

database="amigo_sync_cost"
connection="$(sed -E "s/Database=[^;]*/Database=$database/" <<<"$AMIGO_PG")"
[[ "$connection" == *Database=* ]] || connection="$AMIGO_PG;Database=$database"
# psql for the drop/create between runs, from the Npgsql connection string (Host, Port, Username, Password).
while IFS='=' read -r key value; do
    case "${key,,}" in host) export PGHOST="$value" ;; port) export PGPORT="$value" ;; username|user\ id) export PGUSER="$value" ;; password) export PGPASSWORD="$value" ;; esac
done < <(tr ';' '\n' <<<"$AMIGO_PG")
fresh_database() { psql -q -d postgres -c "DROP DATABASE IF EXISTS $database WITH (FORCE)" -c "CREATE DATABASE $database" >/dev/null; }
# An empty database migrated by the published host.
fresh_migrated_database() { fresh_database; "$amigo" db migrate --config "$config" >/dev/null 2>&1; }
# Requests the lab served so far and their total time (ms), from its request log.
log_ms() { awk '{ n++; ms += $NF } END { printf "%d %.0f\n", n, ms }' "$AMIGO_ITOP_LAB_REQUEST_LOG"; }
config="$(mktemp --suffix=.json)"
trap 'rm -f "$config"' EXIT
cat >"$config" <<JSON
{ "Amigo": {
    "Database": { "ConnectionString": "$connection", "MigrateOnStart": true },
    "Scheduler": { "Enabled": false },
    "Academies": { "lab": { "DisplayName": "Académie du laboratoire", "Lifecycle": "itop-stock",
      "ITop": { "Url": "$AMIGO_ITOP_URL", "User": "$AMIGO_ITOP_USER", "PasswordEnvironmentVariable": "AMIGO_ITOP_PASSWORD", "TimeZone": "Europe/Paris" } } } } }
JSON

