#!/usr/bin/env bash
# The ARENA bridge's deployment of the lab's iTop (docs/plugins/arena-sso.md, "Deployment of iTop behind the bridge"):
# iTop answers under the bridge's own public path, /api/academies/<academy>/arena/portal/, on a second web server, and
# its app_root_url is the bridge's public URL of that path. Kept apart from scripts/itop-lab.sh (the lab's own iTop
# at 127.0.0.1:8380 keeps its app_root_url for every other test).
#
#   tests/itop-lab/arena-web-root.sh start   # after `scripts/itop-lab.sh start`; idempotent
#   tests/itop-lab/arena-web-root.sh stop    # stops the web server it started (process group)
#   tests/itop-lab/arena-web-root.sh env     # export lines: eval "$(tests/itop-lab/arena-web-root.sh env)"
#
# Why a second iTop directory and not a symlink to the lab's: iTop's APPROOT is the real path of its files (PHP resolves
# symlinks in __FILE__), so a symlinked web root would share the lab's config-itop.php, hence its app_root_url. The
# copy hard-links the code (no disk, fast) and has its own conf/, data/ (portal cache) and log/; both use the lab's
# MariaDB database. A real academy has one iTop: it serves it under the bridge's path (nginx `alias`, Apache `Alias`).
#
# Settings (environment): AMIGO_ITOP_LAB_ROOT (/var/tmp/amigo-itop-lab), AMIGO_ARENA_LAB_ACADEMY (toulouse),
# AMIGO_ARENA_LAB_ITOP_PORT (8381: this web server), AMIGO_ARENA_LAB_BRIDGE_URL (http://127.0.0.1:8382: where the
# bridge listens, the origin of app_root_url).
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
lab="$repo/tests/itop-lab"
# shellcheck source=php-server.sh
source "$lab/php-server.sh"
root="${AMIGO_ITOP_LAB_ROOT:-/var/tmp/amigo-itop-lab}"
academy="${AMIGO_ARENA_LAB_ACADEMY:-toulouse}"
port="${AMIGO_ARENA_LAB_ITOP_PORT:-8381}"
bridge="${AMIGO_ARENA_LAB_BRIDGE_URL:-http://127.0.0.1:8382}"
prefix="api/academies/$academy/arena/portal"
docroot="$root/arena-web"
itop="$docroot/$prefix"
pidfile="$root/run/arena-web.pid"
logs="$root/log"
url="http://127.0.0.1:$port/"

say() { echo "arena-web-root: $*" >&2; }
die() { say "ERROR: $*"; exit 1; }

copy_itop() {
    local source="$root/itop" stamp
    [[ -f "$root/.installed" && -f "$source/conf/production/config-itop.php" ]] || die "the lab's iTop is not installed: run scripts/itop-lab.sh start first"
    stamp="$(stat -c %Y "$root/.installed") $bridge"
    [[ -f "$itop/.amigo-copy" && "$(cat "$itop/.amigo-copy")" == "$stamp" ]] && return 0
    say "copying the lab's iTop to $itop (hard links; own conf, data, log)"
    rm -rf "$docroot"
    mkdir -p "$(dirname "$itop")"
    cp -al "$source" "$itop"
    rm -rf "$itop/conf" "$itop/data" "$itop/log"
    cp -a "$source/conf" "$itop/conf"
    cp -a "$source/data" "$itop/data"
    rm -rf "$itop/data/cache-production"
    mkdir -p "$itop/log" "$itop/data/cache-production"
    # Same settings as the lab's (external login on HTTP_X_REMOTE_USER), app_root_url = the bridge's URL of the path.
    php "$lab/configure.php" "$itop/conf/production/config-itop.php" "$bridge/$prefix/" || die "could not configure the copy"
    grep -q "'app_root_url' => '$bridge/$prefix/'" "$itop/conf/production/config-itop.php" || die "app_root_url did not take"
    echo "$stamp" >"$itop/.amigo-copy"
    stop_web
}

start_web() {
    php_server_running "$pidfile" "$lab/router.php" "$url$prefix/webservices/rest.php" && return 0
    stop_web
    php_server_start "$pidfile" "$lab/router.php" "$docroot" "$port" "$url$prefix/webservices/rest.php" "$logs/arena-php-server.log" \
        "$logs/arena-requests.log" "${AMIGO_ITOP_LAB_PHP_MEMORY:-128M}" "${AMIGO_ITOP_LAB_WORKERS:-4}" \
        || die "no answer on $url$prefix/ (see $logs/arena-php-server.log)"
    say "iTop served under $url$prefix/ (app_root_url $bridge/$prefix/)"
}

stop_web() { php_server_stop "$pidfile"; }

env_lines() {
    cat <<EOF
export AMIGO_ARENA_LAB_ACADEMY='$academy'
export AMIGO_ARENA_LAB_ITOP_WEB_URL='$url'
export AMIGO_ARENA_LAB_BRIDGE_URL='$bridge'
export AMIGO_ARENA_LAB_REQUEST_LOG='$logs/arena-requests.log'
EOF
}

case "${1:-}" in
    start)
        mkdir -p "$root"
        exec 8>"$root.arena.lock"
        flock 8
        copy_itop
        start_web
        ;;
    stop) stop_web ;;
    env) env_lines ;;
    *) echo "usage: $0 start|stop|env" >&2; exit 2 ;;
esac
