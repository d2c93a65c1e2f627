#!/usr/bin/env bash
# The API as a generated client sees it. For each database, on the real
# binary with a fresh data directory (SQLite) or a fresh PostgreSQL
# database: fetches the served OpenAPI document, checks it with
# openapi-spec-validator, generates a Python client from it with
# openapi-python-client (any operation it skips fails the run, unless the
# operation is not JSON: a CSV import, a multipart upload), then runs
# tests/client/ with pytest through that client: every JSON operation has
# its function, and a municipal-IT scenario (actors, a project and its
# funding lines, the lifecycle and its decision gate, the project's finance
# and the dashboard) gets the figures computed by hand.
#
# Usage: scripts/client-test.sh [--backend sqlite|postgres|both] [--no-build]
#   --backend B   which database(s) to test (default both)
#   --no-build    use target/debug/innovaction (or $CLIENT_TEST_BINARY) as it is
#
# The document, the generated client (target/client/<backend>/), the
# generator's and the tests' output and the server's log go to
# target/client/.
set -euo pipefail

cd "$(dirname "$0")/.."

backends=(sqlite postgres)
build=true
while (($# > 0)); do
    case "$1" in
        --backend)
            case "${2:-}" in
                sqlite | postgres) backends=("$2") ;;
                both) backends=(sqlite postgres) ;;
                *) echo "client-test: --backend takes sqlite, postgres or both" >&2; exit 2 ;;
            esac
            shift 2
            ;;
        --no-build) build=false; shift ;;
        -h | --help) sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "client-test: unknown option '$1' (try --help)" >&2; exit 2 ;;
    esac
done

say() { echo "client-test: $*"; }
die() {
    echo "client-test: error: $*" >&2
    exit 1
}

scripts/setup.sh --client >/dev/null
venv=tools/client-venv
# The generator runs ruff (installed beside it) on what it writes.
export PATH="$PWD/$venv/bin:$PATH"
python="$venv/bin/python"

if $build; then
    # The same selection as scripts/test.sh, so its artifacts are reused.
    cargo build --quiet --workspace --all-targets
fi
binary="${CLIENT_TEST_BINARY:-target/debug/innovaction}"
[[ -x "$binary" ]] || die "$binary not found; run cargo build first"

admin_url="${TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
out=target/client
mkdir -p "$out"

# shellcheck source=scripts/lib/server.sh
. scripts/lib/server.sh
trap server_stop EXIT

# Shows the start of a command's output and fails when the command failed
# (the validator quotes the whole document in its message).
show_on_failure() {
    local status="$1" file="$2" what="$3"
    if ((status != 0)); then
        head -c 4000 "$file" >&2
        echo >&2
        say "$what failed (output in $file)"
        return 1
    fi
}

# The steps on a running server; the first failure ends them.
steps() {
    local backend="$1" dir="$2" log="$3" status=0
    local document="$dir/openapi.json"
    "$python" -c 'import sys, urllib.request; open(sys.argv[2], "wb").write(urllib.request.urlopen(sys.argv[1], timeout=30).read())' \
        "$server_base/api/openapi.json" "$document" || {
        say "$backend: could not fetch $server_base/api/openapi.json; the server's log:"
        tail -n 40 "$log" >&2
        kill -0 "$server_pid" 2>/dev/null || say "$backend: the server is no longer running"
        return 1
    }

    "$venv/bin/openapi-spec-validator" "$document" >"$dir/validator.txt" 2>&1 || status=$?
    show_on_failure "$status" "$dir/validator.txt" "$backend: openapi-spec-validator" || return 1
    say "$backend: openapi-spec-validator: $(tail -n1 "$dir/validator.txt")"

    # The generator exits 0 on warnings (an operation, a schema or a
    # parameter it could not handle and left out); tests/client/generation.py
    # reads them and fails on any but the non-JSON operations.
    "$venv/bin/openapi-python-client" generate --path "$document" \
        --config tools/openapi-python-client.yaml --meta none \
        --output-path "$dir/innovaction_client" >"$dir/generator.txt" 2>&1 || status=$?
    show_on_failure "$status" "$dir/generator.txt" "$backend: openapi-python-client" || return 1
    "$python" tests/client/generation.py "$document" "$dir/generator.txt" | sed "s/^/client-test: $backend: /" || {
        say "$backend: the generator left out JSON operations or reported problems (output in $dir/generator.txt)"
        return 1
    }

    CLIENT_TEST_BASE_URL="$server_base" CLIENT_TEST_DOCUMENT="$document" \
        CLIENT_TEST_EMAIL="$server_admin_email" CLIENT_TEST_PASSWORD="$server_admin_password" \
        PYTHONPATH="$dir" PYTHONDONTWRITEBYTECODE=1 \
        "$python" -m pytest tests/client -p no:cacheprovider -q -rA --junitxml="$out/junit-$backend.xml" \
        >"$out/pytest-$backend.txt" 2>&1 || status=$?
    if ((status != 0)); then
        cat "$out/pytest-$backend.txt"
        say "$backend: FAILED (output in $out/pytest-$backend.txt, server log in $log)"
        return 1
    fi
    grep -E '^PASSED|passed' "$out/pytest-$backend.txt" | sed "s/^/client-test: $backend: /"
}

drive() {
    local backend="$1" status=0
    local dir="$out/$backend"
    local log="$out/server-$backend.log"
    rm -rf "$dir"
    mkdir -p "$dir"
    server_start "$backend" client "$log"
    say "$backend: server at $server_base"
    steps "$backend" "$dir" "$log" || status=1
    if grep -q "panicked" "$log"; then
        say "$backend: the server panicked (see $log)"
        status=1
    fi
    server_stop
    return "$status"
}

failed=()
for backend in "${backends[@]}"; do
    drive "$backend" || failed+=("$backend")
done
if ((${#failed[@]} > 0)); then
    die "failures on ${failed[*]}"
fi
say "no failures on ${backends[*]}"
