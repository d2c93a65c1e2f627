#!/usr/bin/env bash
# Load benchmarks on loopback; docs/BENCHMARKS.md has the figures, the
# machine and the method. For each database (SQLite, PostgreSQL): seeds a
# large synthetic portfolio, starts the release server, and measures with
# wrk the read requests one by one and mixed, then the write workload, each
# with one client and with BENCH_CONNECTIONS clients. Beside each, the
# ceiling: the same SQL run directly by pgbench on PostgreSQL, the same
# data-access code without the server on SQLite (backend/examples/
# bench_ceiling.rs; on PostgreSQL too, recorded as "code_ceiling").
# Samples the server's memory throughout. Then the web app: the
# WebAssembly bundle's size and its time to first render in headless
# Chromium.
#
# Needs wrk and pgbench (scripts/setup.sh --bench installs them), PostgreSQL
# at 127.0.0.1:5432, and for the web app part a built frontend/dist
# (scripts/build-frontend.sh), node, e2e/node_modules and Chromium.
#
# Settings (environment):
#   BENCH_DURATION      each measurement's length (10s)
#   BENCH_CONNECTIONS   clients of the loaded runs (16)
#   BENCH_BACKENDS      "sqlite postgres" (either or both)
#   BENCH_SCALE         "projects actors funding_lines" ("10000 2000 100000")
#   BENCH_IN_DATABASE   1: PostgreSQL generates the rows (seed_bench --in-database)
#   BENCH_READS         the read kinds measured one by one
#                       ("page project dashboard network programme"; also
#                       "sheet" and "annual", the printed PDFs)
#   BENCH_MIX           0 to skip the mixed reads
#   BENCH_WRITES        0 to skip the writes
#   BENCH_NETWORK_SCOPED 1: the network of one axis over one year
#                       (?axis=Innovation&from=2024-01-01&to=2024-12-31)
#                       rather than the whole portfolio's
#   BENCH_PG_DATABASE   the PostgreSQL database (innovaction_bench), made anew
#   BENCH_PG_SSLMODE    libpq's sslmode for the server and pgbench alike
#                       (unset: libpq's default, TLS when the server offers
#                       it; "disable": plain TCP, as the containers of
#                       docker-compose.yml connect)
#   BENCH_SEED          0: keep the PostgreSQL database as it is (already
#                       seeded at BENCH_SCALE) instead of making it anew
#   BENCH_WEB           0 to skip the web app part
#   BENCH_CEILING       0 to skip the ceilings
#   BENCH_BUILD         0 to use the release binaries already built
#   BENCH_BIN_DIR       a folder holding other builds of innovaction and
#                       seed_bench (to compare versions); target/release
#   BENCH_OUT           where the results go (target/bench)
set -euo pipefail
cd "$(dirname "$0")/.."

duration="${BENCH_DURATION:-10s}"
seconds="${duration%s}"
connections="${BENCH_CONNECTIONS:-16}"
backends="${BENCH_BACKENDS:-sqlite postgres}"
read -r project_count actor_count line_count <<<"${BENCH_SCALE:-10000 2000 100000}"
reads="${BENCH_READS:-page project dashboard network programme}"
export BENCH_NETWORK_SCOPED="${BENCH_NETWORK_SCOPED:-0}"
out="${BENCH_OUT:-target/bench}"
port=18090
password="Mesure-de-performance-2026"
mix="page:45,project:45,dashboard:5,network:5"
pg_admin="postgres://postgres@127.0.0.1:5432"
bench_db="${BENCH_PG_DATABASE:-innovaction_bench}"
seed="${BENCH_SEED:-1}"

mkdir -p "$out"
results="$out/results.tsv"
printf 'backend\tworkload\tclients\tsource\trequests_per_s\tp50_ms\tp99_ms\tfailed\n' >"$results"
log() { echo "== $*" >&2; }

{
    echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
    echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "scale: $project_count projects, $actor_count actors, $line_count funding lines"
    echo "duration: $duration, clients: 1 and $connections"
} | tee "$out/conditions.txt" >&2

server_bin="${BENCH_BIN_DIR:-target/release}/innovaction"
seed_bin="${BENCH_BIN_DIR:-target/release/examples}/seed_bench"
ceiling_bin="${BENCH_BIN_DIR:-target/release/examples}/bench_ceiling"
if [[ "${BENCH_BUILD:-1}" == 1 ]]; then
    cargo build --quiet --release -p backend --examples --bins
fi

# wrk's report → "requests/s p50_ms p99_ms failed".
wrk_figures() {
    awk '
        function ms(v) {
            if (v ~ /us$/) return substr(v, 1, length(v) - 2) / 1000
            if (v ~ /ms$/) return substr(v, 1, length(v) - 2) + 0
            if (v ~ /s$/) return substr(v, 1, length(v) - 1) * 1000
            return v
        }
        /Requests\/sec/ { rps = $2 }
        /^ +50%/ { p50 = ms($2) }
        /^ +99%/ { p99 = ms($2) }
        /Non-2xx/ { failed += $NF }
        /Socket errors/ { failed += 0 }
        END { printf "%.1f %.3f %.3f %d\n", rps, p50, p99, failed }'
}

# pgbench's per-transaction logs → "requests/s p50_ms p99_ms failed".
pgbench_figures() {
    local prefix="$1" tps="$2" failed="$3"
    cat "$prefix".* | awk '{ print $3 }' | sort -n | awk -v tps="$tps" -v failed="$failed" '
        { v[NR] = $1 }
        END {
            r50 = int((NR * 50 + 99) / 100); r99 = int((NR * 99 + 99) / 100)
            printf "%.1f %.3f %.3f %d\n", tps, v[r50] / 1000, v[r99] / 1000, failed
        }'
    rm -f "$prefix".*
}

record() {
    local backend="$1" workload="$2" clients="$3" source="$4" figures="$5"
    read -r rps p50 p99 failed <<<"$figures"
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$backend" "$workload" "$clients" "$source" \
        "$rps" "$p50" "$p99" "$failed" >>"$results"
    log "$backend $workload, $clients client(s), $source: $rps req/s, p50 $p50 ms, p99 $p99 ms, failed $failed"
}

# Ids of projects in `realisation` (for the suspend/resume moves), at most
# 2,000 of them.
realisation_ids() {
    local page
    for page in $(seq 10); do
        curl -fs "$base/api/v1/projects?phase=realisation&per_page=200&page=$page" -H "$auth" |
            grep -oE '"id":[0-9]+,"reference"' | grep -oE '[0-9]+' || true
    done
}

api_run() {
    local clients="$1" script="$2"
    shift 2
    local threads=$((clients < 2 ? 1 : 2))
    WRK_THREADS=$threads wrk -t"$threads" -c"$clients" -d"$duration" --timeout 30s --latency -H "$auth" \
        -s "scripts/bench/$script" "$base" -- "$@" | wrk_figures
}

# The programme right after a change, when the plan kept in memory is no
# longer current and is read again: each GET (timed) follows a PUT of the
# town's capacity as it is (not timed), which moves the plan's generation
# on. 21 requests, one client: "backend p50 max" in ms.
programme_after_change() {
    local label="$1" capacity
    capacity=$(curl -fs "$base/api/v1/settings/investment-capacity" -H "$auth")
    for _ in $(seq 21); do
        curl -fs -X PUT "$base/api/v1/settings/investment-capacity" -H "$auth" \
            -H 'content-type: application/json' -d "$capacity" >/dev/null
        curl -fs -o /dev/null -w '%{time_total}\n' "$base/api/v1/programming?from=2015&to=2026" -H "$auth"
    done | sort -n | awk -v label="$label" '{ t[NR] = $1 * 1000 }
        END { printf "%s\t%.2f\t%.2f\n", label, t[int((NR + 1) / 2)], t[NR] }' |
        tee -a "$out/programme-after-change.tsv" >&2
}

pgbench_run() {
    local clients="$1"
    shift
    local threads=$((clients < 2 ? 1 : 2)) report
    report=$(pgbench -n -M prepared -c "$clients" -j "$threads" -T "$seconds" \
        -D user_id="$user_id" -D first="$first_project" -D last="$last_project" \
        -D first_actor="$first_actor" -D last_actor="$last_actor" \
        -l --log-prefix="$out/pgbench" "$@" "$pg_url" 2>&1) || {
        echo "$report" >&2
        return 1
    }
    local tps failed
    tps=$(grep -E '^tps' <<<"$report" | head -1 | awk '{ print $3 }')
    failed=$(grep -E 'number of failed transactions' <<<"$report" | awk '{ print $5 }')
    pgbench_figures "$out/pgbench" "$tps" "${failed:-0}"
}

ceiling_run() {
    local clients="$1" kinds="$2"
    DATABASE_URL="$db_url" "$ceiling_bin" "$kinds" "$clients" "$seconds" \
        "$first_project" "$project_count" "$user_id" |
        sed -E 's/.*"requests_per_s":([0-9.]+),"p50_ms":([0-9.]+),"p99_ms":([0-9.]+).*/\1 \2 \3 0/'
}

# pgbench scripts of a read kind, with weights as in reads.lua.
pgbench_reads() {
    local kinds="$1" part kind weight files=()
    for part in ${kinds//,/ }; do
        kind="${part%%:*}" weight="${part##*:}"
        case "$kind" in
        page) files+=(-f "scripts/bench/pgbench/page_all.sql@$weight" -f "scripts/bench/pgbench/page_filtered.sql@$weight") ;;
        network)
            if [[ "$BENCH_NETWORK_SCOPED" == 1 ]]; then
                files+=(-f "scripts/bench/pgbench/network_scoped.sql@$weight")
            else
                files+=(-f "scripts/bench/pgbench/network.sql@$weight")
            fi
            ;;
        *) files+=(-f "scripts/bench/pgbench/$kind.sql@$weight") ;;
        esac
    done
    printf '%s\n' "${files[@]}"
}

# Peak memory of a process, sampled every 200 ms into a file as
# "pss_kib anon_kib": its proportional set size (what it costs the
# machine: private pages, plus each shared page once, however many of the
# SQLite connections map the database file) and its private anonymous
# memory (the heap). VmRSS would count a file page once per mapping.
sample_memory() {
    local pid="$1" file="$2" peak_pss=0 peak_anon=0 pss anon
    while kill -0 "$pid" 2>/dev/null; do
        pss=$(awk '/^Pss:/ { print $2 }' "/proc/$pid/smaps_rollup" 2>/dev/null || echo 0)
        anon=$(awk '/^RssAnon/ { print $2 }' "/proc/$pid/status" 2>/dev/null || echo 0)
        if ((${pss:-0} > peak_pss || ${anon:-0} > peak_anon)); then
            ((${pss:-0} > peak_pss)) && peak_pss=$pss
            ((${anon:-0} > peak_anon)) && peak_anon=$anon
            echo "$peak_pss $peak_anon" >"$file"
        fi
        sleep 0.2
    done
}

run_suite() {
    local label="$1" url="$2" data_dir
    data_dir=$(mktemp -d)
    export DATA_DIR="$data_dir" DATABASE_URL="$url" RUST_LOG=warn BIND="127.0.0.1:$port"
    export LOGIN_RATE_PER_IP_PER_MINUTE=1000 LOGIN_RATE_PER_ACCOUNT=1000
    # As the container image and scripts/run.sh set them (Dockerfile): two
    # glibc memory arenas, and large blocks given back when freed.
    export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"
    export MALLOC_MMAP_THRESHOLD_="${MALLOC_MMAP_THRESHOLD_:-131072}"
    db_url="$url"
    if [[ "$label" == postgres && "$seed" != 1 ]]; then
        "$server_bin" migrate >/dev/null
    elif [[ "$label" == postgres && "${BENCH_IN_DATABASE:-0}" == 1 ]]; then
        "$seed_bin" "$project_count" "$actor_count" "$line_count" --in-database
    else
        "$seed_bin" "$project_count" "$actor_count" "$line_count"
    fi
    # Already there when the database is kept.
    echo "$password" | "$server_bin" create-user --email bench@bench.local --role admin --password-stdin >/dev/null || true
    if curl -fs "http://127.0.0.1:$port/health/live" >/dev/null; then
        echo "port $port is taken by another server: stop it first" >&2
        exit 1
    fi
    "$server_bin" serve &
    server=$!
    base="http://127.0.0.1:$port"
    for _ in $(seq 100); do curl -fs "$base/health/live" >/dev/null && break; sleep 0.2; done
    kill -0 "$server"
    local token
    token=$(curl -fs -X POST "$base/api/v1/auth/login" -H 'content-type: application/json' \
        -d "{\"email\":\"bench@bench.local\",\"password\":\"$password\"}" | sed -E 's/.*"access_token":"([^"]+)".*/\1/')
    auth="Authorization: Bearer $token"
    user_id=$(curl -fs "$base/api/v1/me" -H "$auth" | sed -E 's/^\{"id":([0-9]+).*/\1/')
    last_project=$(curl -fs "$base/api/v1/projects?per_page=1&sort=-created_at" -H "$auth" | sed -E 's/^\{"items":\[\{"id":([0-9]+).*/\1/')
    first_project=$((last_project - project_count + 1))
    last_actor=$(curl -fs "$base/api/v1/actors?per_page=1&sort=-name" -H "$auth" | sed -E 's/^\{"items":\[\{"id":([0-9]+).*/\1/')
    first_actor=$((last_actor - actor_count + 1))
    pg_url="$url"
    local memory_file="$out/$label-peak-rss-kib"
    echo "0 0" >"$memory_file"
    local idle_pss
    idle_pss=$(awk '/^Pss:/ { print $2 }' "/proc/$server/smaps_rollup")
    sample_memory "$server" "$memory_file" &
    sampler=$!

    local kind clients figures mixed=mix
    [[ "${BENCH_MIX:-1}" == 1 ]] || mixed=""
    for kind in $reads $mixed; do
        local kinds="$kind:1"
        [[ "$kind" == mix ]] && kinds="$mix"
        for clients in 1 "$connections"; do
            figures=$(api_run "$clients" reads.lua "$kinds" "$first_project" "$project_count")
            record "$label" "$kind" "$clients" api "$figures"
            # The printed documents are laid out by the server: no SQL
            # alone stands for them.
            if [[ "${BENCH_CEILING:-1}" != 1 ]] ||
                [[ "$kind" == sheet || "$kind" == annual ]] ||
                [[ "$label" == sqlite && ! -x "$ceiling_bin" ]]; then
                continue
            elif [[ "$label" == postgres ]]; then
                # shellcheck disable=SC2046
                figures=$(pgbench_run "$clients" $(pgbench_reads "$kinds"))
                # And the server's own data-access code without the server,
                # as on SQLite: what diesel over libpq costs beside pgbench.
                if [[ -x "$ceiling_bin" ]]; then
                    record "$label" "$kind" "$clients" code_ceiling "$(ceiling_run "$clients" "$kinds")"
                fi
            else
                figures=$(ceiling_run "$clients" "$kinds")
            fi
            record "$label" "$kind" "$clients" ceiling "$figures"
        done
    done

    if [[ " $reads " == *" programme "* ]]; then
        programme_after_change "$label"
    fi

    local ids="$out/realisation-ids" write_clients="1 $connections"
    [[ "${BENCH_WRITES:-1}" == 1 ]] || write_clients=""
    for clients in $write_clients; do
        realisation_ids >"$ids"
        figures=$(api_run "$clients" writes.lua "$ids" "$first_project" "$project_count" "$first_actor" "$actor_count")
        record "$label" writes "$clients" api "$figures"
        if [[ "$label" == postgres && "${BENCH_CEILING:-1}" == 1 ]]; then
            figures=$(pgbench_run "$clients" -f scripts/bench/pgbench/transition.sql@1 -f scripts/bench/pgbench/funding.sql@1)
            record "$label" writes "$clients" ceiling "$figures"
        fi
    done

    local hwm
    hwm=$(awk '/^VmHWM/ { print $2 }' "/proc/$server/status")
    kill "$server"
    wait "$server" 2>/dev/null || true
    wait "$sampler" 2>/dev/null || true
    server="" sampler=""
    local peak_pss peak_anon
    read -r peak_pss peak_anon <"$memory_file"
    printf '%s\tidle PSS %d MiB\tpeak PSS %d MiB\tpeak heap (anonymous) %d MiB\tVmHWM %d MiB\n' "$label" \
        $((idle_pss / 1024)) $((peak_pss / 1024)) $((peak_anon / 1024)) $((hwm / 1024)) | tee -a "$out/memory.tsv" >&2
    rm -rf "$data_dir"
}

# Whatever happens, no server or sampler outlives the script.
server="" sampler=""
trap 'kill $server $sampler 2>/dev/null || true' EXIT

rm -f "$out/memory.tsv" "$out/programme-after-change.tsv"
for backend in $backends; do
    case "$backend" in
    sqlite) run_suite sqlite "" ;;
    postgres)
        if [[ "$seed" == 1 ]]; then
            psql -q "$pg_admin/postgres" -c "DROP DATABASE IF EXISTS $bench_db WITH (FORCE)" -c "CREATE DATABASE $bench_db"
        fi
        run_suite postgres "$pg_admin/$bench_db${BENCH_PG_SSLMODE:+?sslmode=$BENCH_PG_SSLMODE}"
        if [[ "$seed" == 1 ]]; then
            psql -q "$pg_admin/postgres" -c "DROP DATABASE IF EXISTS $bench_db WITH (FORCE)"
        fi
        ;;
    *) echo "unknown backend $backend" >&2 && exit 2 ;;
    esac
done

if [[ "${BENCH_WEB:-1}" == 1 ]]; then
    wasm=frontend/dist/innovaction_bg.wasm
    if [[ ! -f "$wasm" ]]; then
        echo "no $wasm: run scripts/build-frontend.sh first (web app part skipped)" >&2
        exit 0
    fi
    {
        printf 'wasm raw\t%d\n' "$(wc -c <"$wasm")"
        printf 'wasm gzip -9\t%d\n' "$(gzip -9 -c "$wasm" | wc -c)"
        if command -v brotli >/dev/null; then
            printf 'wasm brotli -q 11\t%d\n' "$(brotli -q 11 -c "$wasm" | wc -c)"
        fi
        js=frontend/dist/innovaction.js
        printf 'js glue gzip -9\t%d\n' "$(gzip -9 -c "$js" | wc -c)"
    } | tee "$out/web.tsv" >&2
    data_dir=$(mktemp -d)
    DATA_DIR="$data_dir" DATABASE_URL="" RUST_LOG=warn BIND="127.0.0.1:$port" STATIC_DIR=frontend/dist \
        "$server_bin" serve &
    server=$!
    for _ in $(seq 100); do curl -fs "http://127.0.0.1:$port/health/live" >/dev/null && break; sleep 0.2; done
    node scripts/bench/first_render.mjs "http://127.0.0.1:$port/connexion" 11 | tee -a "$out/web.tsv" >&2
    kill "$server"
    wait "$server" 2>/dev/null || true
    rm -rf "$data_dir"
fi
echo "results: $results, $out/memory.tsv, $out/web.tsv" >&2
