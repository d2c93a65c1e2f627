#!/usr/bin/env bash
# Property-based testing of the HTTP API: schemathesis reads the server's own
# OpenAPI document and sends generated requests, valid and invalid, to every
# operation, signed in as an administrator, then checks each answer: no server
# error, only documented status codes, bodies and headers that match the
# document, invalid input refused, authentication enforced, and the stateful
# sequences the document's links describe. It runs against the real binary, on
# SQLite and on a fresh PostgreSQL database. Any failure fails the script.
#
# Usage: scripts/api-fuzz.sh [--examples N] [--max-time SECONDS] [--seed N]
#                            [--backend sqlite|postgres|both] [--no-build]
#   --examples N     generated cases per operation and phase (default 25)
#   --max-time S     keep generating until S seconds are spent (release run)
#   --seed N         repeat an earlier run
#   --backend B      which database(s) to test (default both)
#   --no-build       use target/debug/innovaction (or $API_FUZZ_BINARY) as it is
#
# The checks' settings, and the few expectations the document cannot state,
# are in scripts/api-fuzz.toml. Reports (JUnit and the cases that failed) go
# to target/api-fuzz/.
set -euo pipefail

cd "$(dirname "$0")/.."

examples=25
max_time=""
seed=""
backends=(sqlite postgres)
build=true
while (($# > 0)); do
    case "$1" in
        --examples) examples="$2"; shift 2 ;;
        --max-time) max_time="$2"; shift 2 ;;
        --seed) seed="$2"; shift 2 ;;
        --backend)
            case "$2" in
                sqlite | postgres) backends=("$2") ;;
                both) backends=(sqlite postgres) ;;
                *) echo "api-fuzz: --backend takes sqlite, postgres or both" >&2; exit 2 ;;
            esac
            shift 2
            ;;
        --no-build) build=false; shift ;;
        -h | --help) sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "api-fuzz: unknown option '$1' (try --help)" >&2; exit 2 ;;
    esac
done

say() { echo "api-fuzz: $*"; }
die() {
    echo "api-fuzz: error: $*" >&2
    exit 1
}

scripts/setup.sh --api-fuzz >/dev/null
schemathesis=tools/venv/bin/schemathesis

if $build; then
    # The same selection as scripts/test.sh, so its artifacts are reused.
    cargo build --quiet --workspace --all-targets
fi
binary="${API_FUZZ_BINARY:-target/debug/innovaction}"
[[ -x "$binary" ]] || die "$binary not found; run cargo build first"

admin_url="${TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
reports=target/api-fuzz
mkdir -p "$reports"

# shellcheck source=scripts/lib/server.sh
. scripts/lib/server.sh
trap server_stop EXIT

fuzz() {
    local backend="$1"
    # The run signs in far more often than a person would: one address, many
    # attempts (generated logins, re-signing in). The production defaults stay.
    export LOGIN_RATE_PER_IP_PER_MINUTE=100000
    local log="$reports/server-$backend.log"
    server_start "$backend" fuzz "$log"
    local base="$server_base" email="$server_admin_email" password="$server_admin_password"
    say "$backend: server at $base, $examples examples per operation${max_time:+, for ${max_time} s}"

    # One worker: with several, the generator's threads trip over each other
    # inside Python's parser ("AST constructor recursion depth mismatch") and
    # the run ends in errors that are not the API's.
    local args=(
        run "$base/api/openapi.json"
        --checks all
        --max-examples "$examples"
        --workers 1
        --request-timeout 30
        --report junit
        --report-junit-path "$reports/junit-$backend.xml"
    )
    [[ -n "$max_time" ]] && args+=(--max-time "$max_time")
    [[ -n "$seed" ]] && args+=(--seed "$seed")

    # A bounded run takes about a minute. schemathesis has been seen to
    # stop for good in the middle of a phase (its threads waiting on each
    # other, the server idle and healthy): such a run gives no verdict, so
    # it is stopped after a generous bound and started once more. A second
    # hang, like any failure, fails the step.
    local bound=$((${max_time:-0} + 600)) status attempt
    for attempt in 1 2; do
        status=0
        API_FUZZ_BASE_URL="$base" API_FUZZ_EMAIL="$email" API_FUZZ_PASSWORD="$password" \
            SCHEMATHESIS_HOOKS=scripts/api_fuzz_auth.py \
            timeout --kill-after=10 "$bound" \
            "$schemathesis" --no-color --config-file scripts/api-fuzz.toml "${args[@]}" \
            >"$reports/schemathesis-$backend.txt" 2>&1 || status=$?
        ((status == 124 || status == 137)) || break
        say "$backend: schemathesis did not finish within ${bound} s (attempt $attempt of 2)"
    done
    if ((status != 0)); then
        cat "$reports/schemathesis-$backend.txt"
        echo
        say "$backend: FAILED (full output in $reports/schemathesis-$backend.txt, server log in $log)"
    else
        # The summary: phases, checks and the count of cases.
        sed -n '/^=* SUMMARY =*$/,$p' "$reports/schemathesis-$backend.txt"
    fi
    if grep -q "panicked" "$log"; then
        say "$backend: the server panicked (see $log)"
        status=1
    fi
    server_stop
    return "$status"
}

failed=()
for backend in "${backends[@]}"; do
    fuzz "$backend" || failed+=("$backend")
done
if ((${#failed[@]} > 0)); then
    die "failures on ${failed[*]}"
fi
say "no failures on ${backends[*]}"
