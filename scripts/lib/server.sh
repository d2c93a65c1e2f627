# shellcheck shell=bash
# shellcheck disable=SC2034,SC2154 # server_* are the caller's to read; binary and admin_url its to set
# Starting the real server for a script that tests it from outside
# (scripts/api-fuzz.sh, scripts/client-test.sh): a fresh data directory, on
# SQLite or on a fresh PostgreSQL database, with an administrator whose
# password is drawn for the run. Sourced, not run.
#
# The caller defines die(), and sets `binary` (the server to run) and
# `admin_url` (a PostgreSQL URL allowed to create and drop databases).
#
#   server_start BACKEND NAME LOG   starts it; NAME (a word) names the
#                                   database and the administrator
#   server_stop                     stops it, drops its database and data
#
# server_start sets server_base (http://127.0.0.1:PORT), server_pid,
# server_admin_email and server_admin_password. The server reads the
# environment: a caller sets its own variables (limits) before calling it.

server_work=""
server_pid=""
server_database=""
server_base=""
server_admin_email=""
server_admin_password=""

server_start() {
    local backend="$1" name="$2" log="$3"
    server_work=$(mktemp -d)
    export DATA_DIR="$server_work/data"
    export BIND=127.0.0.1:0
    export STATIC_DIR="$server_work/no-web-app"
    export WORKERS=2
    export DATABASE_POOL_SIZE=8
    # Subscriptions a test creates may point anywhere, the server itself
    # included: their events stay queued instead of being sent.
    export WEBHOOK_WORKER=false
    export RUST_LOG="warn,innovaction=info"
    export LOG_FORMAT=pretty
    case "$backend" in
        sqlite) unset DATABASE_URL ;;
        postgres)
            pg_isready -q -h 127.0.0.1 -p 5432 || die "PostgreSQL does not answer on 127.0.0.1:5432"
            server_database="innovaction_${name}_$(date +%s)_$$"
            psql --quiet --no-psqlrc "$admin_url" -c "CREATE DATABASE \"$server_database\"" >/dev/null
            export DATABASE_URL="${admin_url%/*}/$server_database"
            ;;
        *) die "unknown backend '$backend'" ;;
    esac

    server_admin_email="$name-admin@example.org"
    server_admin_password="$name-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"
    printf '%s\n' "$server_admin_password" |
        "$binary" create-user --email "$server_admin_email" --role admin \
            --display-name "${name^} admin" --password-stdin >/dev/null

    "$binary" serve >"$log" 2>&1 &
    server_pid=$!
    local port=""
    for _ in $(seq 100); do
        port=$(sed -n 's/.*listening on http:\/\/127\.0\.0\.1:\([0-9]*\).*/\1/p' "$log" | head -n1)
        [[ -n "$port" ]] && break
        kill -0 "$server_pid" 2>/dev/null || {
            cat "$log" >&2
            die "the server did not start"
        }
        sleep 0.2
    done
    [[ -n "$port" ]] || die "the server did not say where it listens"
    server_base="http://127.0.0.1:$port"
}

server_stop() {
    if [[ -n "$server_pid" ]]; then
        kill "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
        server_pid=""
    fi
    if [[ -n "$server_database" ]]; then
        psql --quiet --no-psqlrc "$admin_url" \
            -c "DROP DATABASE IF EXISTS \"$server_database\" WITH (FORCE)" >/dev/null 2>&1 || true
        server_database=""
    fi
    if [[ -n "$server_work" ]]; then
        rm -rf "$server_work"
        server_work=""
    fi
}
