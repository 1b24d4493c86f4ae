# PHP's built-in web server for the lab, shared by scripts/itop-lab.sh (the lab's iTop) and tests/itop-lab/arena-web-root.sh
# (the copy served behind the ARENA bridge). Sourced, not run.
#
# The server runs in its own process group (killing the parent alone leaves workers listening). The router only times each
# request into the request log, then lets the server run the script. "$pidfile.router" remembers which checkout's router
# a server runs: a server started from another checkout (a removed worktree, an older clone) is not reused.

# php_server_running PIDFILE ROUTER PROBE_URL: a server of this router is alive and answers.
php_server_running() {
    [[ -f "$1" ]] && kill -0 "$(cat "$1")" 2>/dev/null && [[ "$(cat "$1.router" 2>/dev/null)" == "$2" ]] \
        && curl -s -o /dev/null --max-time 5 "$3"
}

# php_server_start PIDFILE ROUTER DOCROOT PORT PROBE_URL SERVER_LOG REQUEST_LOG MEMORY WORKERS [PHP_SETTING...]
# Starts a server and waits up to 30 s for PROBE_URL; fails when it does not answer.
php_server_start() {
    local pidfile=$1 router=$2 docroot=$3 port=$4 probe=$5 log=$6 requests=$7 memory=$8 workers=$9
    shift 9
    local settings=(-d memory_limit="$memory" -d max_execution_time=300) setting i
    for setting in "$@"; do settings+=(-d "$setting"); done
    mkdir -p "$(dirname "$pidfile")" "$(dirname "$log")"
    AMIGO_ITOP_LAB_REQUEST_LOG="$requests" PHP_CLI_SERVER_WORKERS="$workers" \
        setsid php "${settings[@]}" -S "127.0.0.1:$port" -t "$docroot" "$router" </dev/null >>"$log" 2>&1 8>&- 9>&- &
    echo $! >"$pidfile"
    echo "$router" >"$pidfile.router"
    for ((i = 0; i < 60; i++)); do
        curl -s -o /dev/null --max-time 5 "$probe" && return 0
        sleep 0.5
    done
    curl -s -o /dev/null --max-time 5 "$probe"
}

# php_server_stop PIDFILE: stops the server's whole process group (TERM, then KILL after 5 s).
php_server_stop() {
    [[ -f "$1" ]] || return 0
    local pid i
    pid="$(cat "$1")"
    if kill -0 "$pid" 2>/dev/null; then
        kill -- -"$pid" 2>/dev/null || kill "$pid" || true
        for ((i = 0; i < 20; i++)); do kill -0 -- -"$pid" 2>/dev/null || break; sleep 0.25; done
        kill -9 -- -"$pid" 2>/dev/null || true
    fi
    rm -f "$1" "$1.router"
}
