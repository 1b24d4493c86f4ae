#!/usr/bin/env bash
# Ensures a private, throw-away PostgreSQL 15 cluster for tests and CI is running on this machine, then prints
# its Npgsql connection string (admin database `postgres`) on the last line of stdout.
#
#   - installs postgresql-15 with apt-get when the binaries are missing (needs root and network);
#   - creates the cluster under /tmp/amigo-pg as the `postgres` OS user (the server refuses to run as root),
#     trust authentication, listening on 127.0.0.1:55432, unix socket in /tmp/amigo-pg;
#   - starts it when it is not running;
#   - idempotent, and safe when called concurrently (flock on /tmp/amigo-pg.lock).
#
# Settings (environment): AMIGO_PG_PORT (55432), AMIGO_PG_ROOT (/tmp/amigo-pg), AMIGO_PG_BIN (/usr/lib/postgresql/15/bin).
# The cluster is for tests only: fsync is off.
set -euo pipefail

port="${AMIGO_PG_PORT:-55432}"
root="${AMIGO_PG_ROOT:-/tmp/amigo-pg}"
bin="${AMIGO_PG_BIN:-/usr/lib/postgresql/15/bin}"
data="$root/data"
log="$root/server.log"
lock="${root}.lock"

say() { echo "ensure-postgres: $*" >&2; }
die() { say "ERROR: $*"; exit 1; }

install_binaries() {
    [[ -x "$bin/postgres" ]] && return 0
    say "PostgreSQL binaries not found in $bin; installing postgresql-15 with apt-get"
    [[ $(id -u) -eq 0 ]] || die "installing postgresql-15 needs root; install it yourself or set AMIGO_PG to an existing server"
    command -v apt-get >/dev/null || die "no apt-get on this machine; install PostgreSQL 15 or set AMIGO_PG"
    export DEBIAN_FRONTEND=noninteractive
    # The package would create and start a system cluster on 5432; we only want the binaries.
    mkdir -p /etc/postgresql-common
    if [[ ! -f /etc/postgresql-common/createcluster.conf ]] || ! grep -q '^create_main_cluster *= *false' /etc/postgresql-common/createcluster.conf; then
        echo 'create_main_cluster = false' >> /etc/postgresql-common/createcluster.conf
    fi
    if ! apt-get install -y -q --no-install-recommends postgresql-15 >&2; then
        apt-get update -q >&2
        apt-get install -y -q --no-install-recommends postgresql-15 >&2
    fi
    [[ -x "$bin/postgres" ]] || die "postgresql-15 installed but $bin/postgres is missing"
}

# Runs a command as the cluster owner: `postgres` when we are root, ourselves otherwise.
as_owner() {
    if [[ $(id -u) -eq 0 ]]; then
        getent passwd postgres >/dev/null || useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
        runuser -u postgres -- "$@" 9>&-
    else
        "$@" 9>&-
    fi
}

owner_name() { if [[ $(id -u) -eq 0 ]]; then echo postgres; else id -un; fi; }

is_running() { "$bin/pg_isready" -q -h 127.0.0.1 -p "$port" -t 2 >/dev/null 2>&1; }

connection_string() { echo "Host=127.0.0.1;Port=$port;Username=$(owner_name);Database=postgres"; }

# Fast path without the lock: already up.
if [[ -x "$bin/pg_isready" ]] && is_running; then connection_string; exit 0; fi

exec 9>>"$lock"
chmod 666 "$lock" 2>/dev/null || true
flock -w 300 9 || die "timed out waiting for $lock (another ensure-postgres.sh is stuck?)"

install_binaries
if is_running; then connection_string; exit 0; fi

mkdir -p "$root"
if [[ $(id -u) -eq 0 ]]; then as_owner true; chown "$(owner_name)" "$root"; fi
chmod 755 "$root"

if [[ ! -s "$data/PG_VERSION" ]]; then
    say "creating the cluster in $data"
    rm -rf "$data"
    as_owner "$bin/initdb" -D "$data" -A trust -U "$(owner_name)" -E UTF8 --locale=C.UTF-8 --no-instructions >&2 \
        || as_owner "$bin/initdb" -D "$data" -A trust -U "$(owner_name)" -E UTF8 --locale=C --no-instructions >&2
    cat >> "$data/postgresql.conf" <<CONF
# amigo test cluster
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$root'
max_connections = 300
fsync = off
synchronous_commit = off
full_page_writes = off
shared_buffers = 128MB
log_min_messages = warning
CONF
fi

say "starting PostgreSQL on 127.0.0.1:$port"
# A postmaster.pid left by a killed server is handled by pg_ctl; -w waits until connections are accepted.
# The lock descriptor is closed for every child (as_owner), or the server would hold the lock for ever.
as_owner "$bin/pg_ctl" -D "$data" -l "$log" -w -t 60 start >&2 || { tail -n 30 "$log" >&2 || true; die "PostgreSQL did not start (log: $log)"; }
is_running || die "PostgreSQL started but does not answer on 127.0.0.1:$port (log: $log)"
connection_string
