#!/usr/bin/env bash
# Load benchmarks on loopback (see docs/BENCHMARKS.md for the figures and the
# machine). Seeds a large synthetic portfolio on SQLite and on PostgreSQL,
# starts the release server on each, and measures with wrk. Needs wrk
# (Debian package) and PostgreSQL at 127.0.0.1:5432.
set -euo pipefail
cd "$(dirname "$0")/.."

duration="${BENCH_DURATION:-10s}"
connections="${BENCH_CONNECTIONS:-16}"
port=18090
password="Mesure-de-performance-2026"

cargo build --quiet --release -p backend --examples --bins
echo "== Password hashing"
target/release/examples/hash_cost

run_suite() {
    local label="$1" url="$2" data_dir
    data_dir=$(mktemp -d)
    export DATA_DIR="$data_dir" DATABASE_URL="$url" RUST_LOG=warn BIND="127.0.0.1:$port"
    export LOGIN_RATE_PER_IP_PER_MINUTE=1000 LOGIN_RATE_PER_ACCOUNT=1000
    target/release/examples/seed_bench 10000 2000 100000
    echo "$password" | target/release/innovaction create-user --email bench@bench.local --role admin --password-stdin >/dev/null
    target/release/innovaction serve &
    local server=$!
    trap 'kill $server 2>/dev/null || true' RETURN
    for _ in $(seq 50); do curl -fs "http://127.0.0.1:$port/health/live" >/dev/null && break; sleep 0.2; done
    local token project
    token=$(curl -fs -X POST "http://127.0.0.1:$port/api/v1/auth/login" -H 'content-type: application/json' \
        -d "{\"email\":\"bench@bench.local\",\"password\":\"$password\"}" | sed -E 's/.*"access_token":"([^"]+)".*/\1/')
    project=$(curl -fs "http://127.0.0.1:$port/api/v1/projects?per_page=1&sort=-total_cost_cents" -H "Authorization: Bearer $token" \
        | sed -E 's/^\{"items":\[\{"id":([0-9]+).*/\1/')
    for path in "/health/ready" "/api/v1/me" \
        "/api/v1/projects?phase=realisation&axis=Innovation&sort=-total_cost_cents&per_page=50" \
        "/api/v1/projects/$project" "/api/v1/dashboard" "/api/v1/network"; do
        # Response time for one client at a time, then the throughput the
        # machine reaches when saturated (16 clients).
        echo "== $label GET $path (1 connection)"
        wrk -t1 -c1 -d"$duration" --latency -H "Authorization: Bearer $token" "http://127.0.0.1:$port$path" \
            | grep -E "Requests/sec|^ +(50|90|99)%|Non-2xx"
        echo "== $label GET $path ($connections connections)"
        wrk -t2 -c"$connections" -d"$duration" --latency -H "Authorization: Bearer $token" "http://127.0.0.1:$port$path" \
            | grep -E "Requests/sec|^ +(50|99)%|Non-2xx"
    done
    kill "$server"; wait "$server" 2>/dev/null || true
    rm -rf "$data_dir"
}

run_suite sqlite ""
psql -q -h 127.0.0.1 -U postgres -c "DROP DATABASE IF EXISTS innovaction_bench" -c "CREATE DATABASE innovaction_bench"
run_suite postgres "postgres://postgres@127.0.0.1:5432/innovaction_bench"
psql -q -h 127.0.0.1 -U postgres -c "DROP DATABASE IF EXISTS innovaction_bench"
