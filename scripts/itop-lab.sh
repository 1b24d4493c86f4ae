#!/usr/bin/env bash
# A real iTop 3.2 on this machine, for the contract tests, CI and by-hand checks.
#
#   scripts/itop-lab.sh start     # install what is missing, start what is not running, seed once (idempotent)
#   scripts/itop-lab.sh stop      # stop the web server and MariaDB that this script started (by pid / process group)
#   scripts/itop-lab.sh status    # what runs, where, and how many requests iTop served
#   scripts/itop-lab.sh env       # export lines: eval "$(scripts/itop-lab.sh env)"
#   scripts/itop-lab.sh reseed    # back to the pristine database, then the tickets again with dates relative to now
#   scripts/itop-lab.sh requests  # "<count> <total ms>" of the request log (what CI prints)
#   scripts/itop-lab.sh clone N   # add N closed UserRequests, copied in SQL from the seeded closed ones (volume tests)
#
# Needs root on Debian 12 and Debian's package mirror (nothing else is downloaded): PHP 8.2 CLI with the extensions
# iTop's setup checks, MariaDB, graphviz. The iTop source comes from ../shared/itop/itop-3.2.0.tar.gz (the repo's
# parent holds shared/; AMIGO_SHARED overrides the shared folder).
#
# Settings (environment):
#   AMIGO_ITOP_LAB_ROOT    state folder (/var/tmp/amigo-itop-lab): iTop files, MariaDB datadir, logs, pristine dump
#   AMIGO_ITOP_LAB_PORT    iTop's HTTP port on 127.0.0.1 (8380)
#   AMIGO_ITOP_LAB_DB_PORT MariaDB port on 127.0.0.1 (3380)
#   AMIGO_ITOP_LAB_PHP_MEMORY  PHP memory_limit of the web server (128M, PHP's default: academies run stock PHP)
#   AMIGO_ITOP_LAB_WORKERS PHP_CLI_SERVER_WORKERS (4)
#   AMIGO_ITOP_LAB_FRESH=1 make `start` reseed the tickets when the lab was seeded before (what CI does)
#
# The web server writes one line per request to $root/log/requests.log: "<ISO time> <method> <uri> <status> <ms>".
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
root="${AMIGO_ITOP_LAB_ROOT:-/var/tmp/amigo-itop-lab}"
port="${AMIGO_ITOP_LAB_PORT:-8380}"
db_port="${AMIGO_ITOP_LAB_DB_PORT:-3380}"
php_memory="${AMIGO_ITOP_LAB_PHP_MEMORY:-128M}"
workers="${AMIGO_ITOP_LAB_WORKERS:-4}"
shared="${AMIGO_SHARED:-$(dirname "$repo")/shared}"
tarball="$shared/itop/itop-3.2.0.tar.gz"
lab="$repo/tests/itop-lab"
# shellcheck source=../tests/itop-lab/php-server.sh
source "$lab/php-server.sh"

web="$root/itop"
data="$root/mariadb"
run="$root/run"
logs="$root/log"
socket="$run/mariadb.sock"
db_name="itop"
db_user="itop"
db_pwd="itop-lab-db"
url="http://127.0.0.1:$port/"

# Accounts (the lab is loopback-only and thrown away: fixed passwords keep runs reproducible).
connector_user="connector" connector_pwd="Connector-lab-1"
admin_user="admin" admin_pwd="Admin-lab-1"
norest_user="norest" norest_pwd="Norest-lab-1"
arena_user="amigo-arena" arena_pwd="Arena-lab-1"

say() { echo "itop-lab: $*" >&2; }
die() { say "ERROR: $*"; exit 1; }
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

alive() { [[ -f "$1" ]] && kill -0 "$(cat "$1")" 2>/dev/null; }
mysql_root() { mysql --protocol=socket --socket="$socket" -uroot "$@"; }
mysql_itop() { mysql --protocol=socket --socket="$socket" -uroot --default-character-set=utf8mb4 "$db_name" "$@"; }

packages=(php8.2-cli php8.2-mysql php8.2-xml php8.2-gd php8.2-zip php8.2-mbstring php8.2-curl php8.2-soap
    php8.2-ldap php8.2-intl php8.2-apcu mariadb-server mariadb-client graphviz)

install_packages() {
    local missing=()
    for p in "${packages[@]}"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
    done
    ((${#missing[@]} == 0)) && return 0
    [[ $(id -u) -eq 0 ]] || die "installing ${missing[*]} needs root"
    say "installing ${missing[*]}"
    local t0; t0=$(now)
    export DEBIAN_FRONTEND=noninteractive
    # No systemd here: the maintainer scripts' own start fails harmlessly; the lab runs its own server.
    apt-get update -q >&2
    apt-get install -y -q --no-install-recommends "${packages[@]}" >&2 || die "apt-get install failed"
    say "packages installed in $(since "$t0") s"
}

unpack_itop() {
    [[ -f "$web/webservices/rest.php" ]] && return 0
    [[ -f "$tarball" ]] || die "iTop source not found: $tarball (set AMIGO_SHARED to the folder holding itop/itop-3.2.0.tar.gz)"
    say "unpacking $tarball"
    mkdir -p "$web"
    tar -xzf "$tarball" -C "$web" --strip-components=1
}

start_mariadb() {
    mkdir -p "$run" "$logs"
    chown mysql:mysql "$run"
    if alive "$run/mariadb.pid" && mysql_root -e 'SELECT 1' >/dev/null 2>&1; then return 0; fi
    local t0; t0=$(now)
    local fresh=0
    if [[ ! -d "$data/mysql" ]]; then
        say "creating the MariaDB datadir $data"
        mkdir -p "$data"
        chown mysql:mysql "$data"
        mysql_install_db --user=mysql --datadir="$data" --skip-test-db --auth-root-authentication-method=socket >"$logs/mysql_install_db.log" 2>&1 \
            || die "mysql_install_db failed (see $logs/mysql_install_db.log)"
        fresh=1
    fi
    # The time zone tables must exist before default-time-zone=Europe/Paris is accepted: first start without it.
    local tz=(--default-time-zone=Europe/Paris)
    [[ -f "$data/.tz-loaded" ]] || tz=()
    run_mariadbd "${tz[@]}"
    if [[ ! -f "$data/.tz-loaded" ]]; then
        mysql_tzinfo_to_sql /usr/share/zoneinfo 2>/dev/null | mysql_root mysql || die "loading the time zone tables failed"
        touch "$data/.tz-loaded"
        stop_pid "$run/mariadb.pid" mariadbd
        run_mariadbd --default-time-zone=Europe/Paris
    fi
    if ((fresh)); then
        mysql_root -e "CREATE USER IF NOT EXISTS '$db_user'@'127.0.0.1' IDENTIFIED BY '$db_pwd';
            CREATE USER IF NOT EXISTS '$db_user'@'localhost' IDENTIFIED BY '$db_pwd';
            GRANT ALL PRIVILEGES ON *.* TO '$db_user'@'127.0.0.1'; GRANT ALL PRIVILEGES ON *.* TO '$db_user'@'localhost';"
    fi
    say "MariaDB ready on 127.0.0.1:$db_port in $(since "$t0") s"
}

run_mariadbd() {
    # Its own session, or it dies with the shell that started it; without the lock's descriptor, or it holds the lock.
    setsid mariadbd --user=mysql --datadir="$data" --port="$db_port" --bind-address=127.0.0.1 --socket="$socket" \
        --pid-file="$run/mariadb.pid" --log-error="$logs/mariadb.err" --character-set-server=utf8mb4 \
        --collation-server=utf8mb4_unicode_ci --max-allowed-packet=64M --innodb-flush-log-at-trx-commit=2 \
        --skip-name-resolve "$@" </dev/null >/dev/null 2>&1 9>&- &
    local i
    for ((i = 0; i < 120; i++)); do
        mysql_root -e 'SELECT 1' >/dev/null 2>&1 && return 0
        sleep 0.5
    done
    die "MariaDB did not start (see $logs/mariadb.err)"
}

stop_pid() { # pidfile name
    local pidfile="$1" pid
    [[ -f "$pidfile" ]] || return 0
    pid="$(cat "$pidfile")"
    if kill -0 "$pid" 2>/dev/null; then
        kill "$pid"
        local i
        for ((i = 0; i < 60; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
        kill -0 "$pid" 2>/dev/null && { say "$2 ($pid) still running; killing it"; kill -9 "$pid" || true; }
    fi
    rm -f "$pidfile"
}

installed() { [[ -f "$web/conf/production/config-itop.php" && -f "$root/.installed" ]]; }

install_itop() {
    installed && return 0
    local t0; t0=$(now)
    say "running iTop's unattended install"
    sed -e "s|@DB_PORT@|$db_port|g" -e "s|@DB_USER@|$db_user|g" -e "s|@DB_PWD@|$db_pwd|g" -e "s|@DB_NAME@|$db_name|g" \
        -e "s|@URL@|$url|g" -e "s|@ADMIN_USER@|$admin_user|g" -e "s|@ADMIN_PWD@|$admin_pwd|g" \
        "$lab/install.xml" >"$root/install.xml"
    mkdir -p "$web/conf/production" "$web/data" "$web/log" "$web/env-production"
    # The setup's clean-up selects the database first, which PHP 8's mysqli turns into a fatal error when it is absent.
    mysql_root -e "CREATE DATABASE IF NOT EXISTS \`$db_name\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"
    (cd "$web" && php -d memory_limit=512M setup/unattended-install/unattended-install.php --clean=1 \
        --param-file="$root/install.xml" --installation_xml=datamodels/2.x/installation.xml) >"$logs/install.log" 2>&1 \
        || { tail -n 30 "$logs/install.log" >&2; die "unattended install failed (see $logs/install.log)"; }
    grep -q "installed successfully\|Installation successful\|Setup completed" "$logs/install.log" || true
    [[ -f "$web/conf/production/config-itop.php" ]] || { tail -n 30 "$logs/install.log" >&2; die "unattended install wrote no configuration"; }
    php "$lab/configure.php" "$web/conf/production/config-itop.php" "$url" || die "could not configure iTop"
    say "iTop installed in $(since "$t0") s"
    touch "$root/.installed"
}

start_web() {
    php_server_running "$run/web.pid" "$lab/router.php" "$url" && return 0
    stop_web
    php_server_start "$run/web.pid" "$lab/router.php" "$web" "$port" "$url/webservices/rest.php" "$logs/php-server.log" \
        "$logs/requests.log" "$php_memory" "$workers" post_max_size=64M upload_max_filesize=64M \
        || die "the web server did not answer on $url (see $logs/php-server.log)"
    say "iTop served on $url (memory_limit $php_memory, $workers workers)"
}

stop_web() { php_server_stop "$run/web.pid"; }

# Users and reference data (organizations, teams, persons, catalogue, contracts), then a pristine dump of that.
seed_reference() {
    [[ -f "$root/pristine.sql" ]] && return 0
    local t0; t0=$(now)
    say "creating users and reference data"
    # Setup's administrator has no REST Services User profile: REST refuses it until it has (code 1).
    mysql_itop -e "INSERT INTO priv_urp_userprofile (userid, profileid, description)
        SELECT 1, 1024, 'REST access of the lab administrator' FROM DUAL
        WHERE NOT EXISTS (SELECT 1 FROM priv_urp_userprofile WHERE userid = 1 AND profileid = 1024)"
    eval "$(env_lines)"
    php "$lab/seed.php" reference "$url" "$root/manifest.json" || die "seeding the reference data failed"
    mysqldump --protocol=socket --socket="$socket" -uroot --single-transaction --default-character-set=utf8mb4 \
        "$db_name" >"$root/pristine.sql.tmp" || die "mysqldump failed"
    mv "$root/pristine.sql.tmp" "$root/pristine.sql"
    say "reference data in $(since "$t0") s"
}

seed_tickets() {
    local t0; t0=$(now)
    say "creating tickets (dates relative to now)"
    eval "$(env_lines)"
    php "$lab/seed.php" tickets "$url" "$root/manifest.json" "$root/backdate.sql" || die "seeding the tickets failed"
    mysql_itop <"$root/backdate.sql" || die "backdating the tickets failed"
    date -u +%FT%TZ >"$root/.seeded"
    cp "$root/manifest.json" "$logs/manifest.json"
    say "tickets in $(since "$t0") s; manifest: $root/manifest.json"
}

reseed() {
    [[ -f "$root/pristine.sql" ]] || die "no pristine dump yet: run start first"
    local t0; t0=$(now)
    mysql_itop <"$root/pristine.sql" || die "restoring the pristine dump failed"
    seed_tickets
    say "reseeded in $(since "$t0") s"
}

# Adds N closed UserRequests by INSERT … SELECT from the seeded closed ones (ids and refs from 1,000,001 on), so a sync
# meets a real volume while auto-close and reassignment, which leave closed tickets alone, see the seed unchanged.
# A reseed removes them (the pristine dump has no tickets).
clone() {
    local count="${1:-}" t0; t0=$(now)
    [[ "$count" =~ ^[0-9]+$ && "$count" -gt 0 ]] || die "usage: clone N (a positive number of tickets)"
    local columns
    columns=$(mysql_itop -N -e "SELECT GROUP_CONCAT(column_name ORDER BY ordinal_position) FROM information_schema.columns
        WHERE table_schema = '$db_name' AND table_name = 'ticket_request' AND column_name <> 'id'")
    [[ -n "$columns" ]] || die "ticket_request has no columns: is iTop installed?"
    local from_request; from_request=$(sed -E 's/([a-z0-9_]+)/r.\1/g' <<<"$columns")
    mysql_itop <<SQL || die "cloning tickets failed"
SET @base = GREATEST(1000000, (SELECT COALESCE(MAX(id), 0) FROM ticket));
CREATE TEMPORARY TABLE clone_source AS
    SELECT t.id, ROW_NUMBER() OVER (ORDER BY t.id) - 1 AS n FROM ticket t JOIN ticket_request r ON r.id = t.id
    WHERE t.finalclass = 'UserRequest' AND r.status = 'closed';
SET @sources = (SELECT COUNT(*) FROM clone_source);
INSERT INTO ticket (id, operational_status, ref, org_id, caller_id, team_id, agent_id, title, description, description_format,
                    start_date, end_date, last_update, close_date, private_log, private_log_index, finalclass)
    SELECT @base + s.seq, t.operational_status, CONCAT('R-', @base + s.seq), t.org_id, t.caller_id, t.team_id, t.agent_id,
           CONCAT(LEFT(t.title, 230), ' (copie ', s.seq, ')'), t.description, t.description_format,
           t.start_date, t.end_date, t.last_update, t.close_date, t.private_log, t.private_log_index, t.finalclass
    FROM seq_1_to_${count} s JOIN clone_source c ON c.n = s.seq % @sources JOIN ticket t ON t.id = c.id;
INSERT INTO ticket_request (id, $columns)
    SELECT @base + s.seq, $from_request
    FROM seq_1_to_${count} s JOIN clone_source c ON c.n = s.seq % @sources JOIN ticket_request r ON r.id = c.id;
SQL
    say "cloned $count closed requests in $(since "$t0") s ($(mysql_itop -N -e "SELECT COUNT(*) FROM ticket WHERE finalclass = 'UserRequest'") UserRequests now)"
}

start() {
    local t0; t0=$(now)
    mkdir -p "$root"
    exec 9>"$root.lock"
    flock 9
    install_packages
    unpack_itop
    start_mariadb
    install_itop
    start_web
    seed_reference
    if [[ ! -f "$root/.seeded" ]]; then
        seed_tickets
    elif [[ "${AMIGO_ITOP_LAB_FRESH:-0}" == 1 ]]; then
        # Tickets seeded earlier have dates relative to then, and earlier tests changed them: start again.
        reseed
    fi
    say "lab ready in $(since "$t0") s: $url"
}

stop() {
    stop_web
    stop_pid "$run/mariadb.pid" mariadbd
    say "stopped"
}

requests() {
    local log="$logs/requests.log"
    [[ -f "$log" ]] || { echo "0 0"; return 0; }
    awk '{ n++; ms += $NF } END { printf "%d %.0f\n", n, ms }' "$log"
}

status() {
    local up=0
    if alive "$run/mariadb.pid"; then echo "mariadb: running (pid $(cat "$run/mariadb.pid"), 127.0.0.1:$db_port)"; else echo "mariadb: stopped"; up=1; fi
    if alive "$run/web.pid"; then echo "web: running (pid $(cat "$run/web.pid"), $url)"; else echo "web: stopped"; up=1; fi
    installed && echo "installed: yes" || { echo "installed: no"; up=1; }
    [[ -f "$root/.seeded" ]] && echo "seeded: $(cat "$root/.seeded")" || echo "seeded: no"
    read -r n ms < <(requests)
    echo "requests served: $n ($ms ms)"
    return $up
}

env_lines() {
    cat <<EOF
export AMIGO_ITOP_URL='$url'
export AMIGO_ITOP_USER='$connector_user'
export AMIGO_ITOP_PASSWORD='$connector_pwd'
export AMIGO_ITOP_TZ='Europe/Paris'
export AMIGO_ITOP_ADMIN_USER='$admin_user'
export AMIGO_ITOP_ADMIN_PASSWORD='$admin_pwd'
export AMIGO_ITOP_NOREST_USER='$norest_user'
export AMIGO_ITOP_NOREST_PASSWORD='$norest_pwd'
export AMIGO_ITOP_ARENA_USER='$arena_user'
export AMIGO_ITOP_ARENA_PASSWORD='$arena_pwd'
export AMIGO_ITOP_DB_HOST='127.0.0.1'
export AMIGO_ITOP_DB_PORT='$db_port'
export AMIGO_ITOP_DB_NAME='$db_name'
export AMIGO_ITOP_DB_USER='$db_user'
export AMIGO_ITOP_DB_PASSWORD='$db_pwd'
export AMIGO_ITOP_LAB_MANIFEST='$root/manifest.json'
export AMIGO_ITOP_LAB_ITOP_DIR='$web'
export AMIGO_ITOP_LAB_REQUEST_LOG='$logs/requests.log'
EOF
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    status) status ;;
    env) env_lines ;;
    reseed) exec 9>"$root.lock"; flock 9; reseed ;;
    requests) requests ;;
    clone) exec 9>"$root.lock"; flock 9; clone "${2:-}" ;;
    *) echo "usage: $0 start|stop|status|env|reseed|requests|clone N" >&2; exit 2 ;;
esac
