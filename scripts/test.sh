#!/usr/bin/env bash
# Everything CI checks, in the order that fails fastest: formatting, lints,
# the Rust test suites (against SQLite and PostgreSQL), property-based testing
# of the HTTP API against its OpenAPI document, then the browser tests against
# the real server and the built web app.
set -euo pipefail

cd "$(dirname "$0")/.."

steps_total=10
step_number=0
current_step=""
started_at=$SECONDS

step() {
    step_number=$((step_number + 1))
    current_step="$1"
    echo
    echo "==> [$step_number/$steps_total] $1 ($((SECONDS - started_at)) s elapsed)"
}

on_exit() {
    local status=$?
    if ((status != 0)); then
        echo >&2
        echo "FAILED at step $step_number/$steps_total: $current_step" >&2
    fi
}
trap on_exit EXIT

# A CI checkout starts with an empty target directory: incremental compilation
# only costs time and disk there.
if [[ "${CI:-}" == "true" ]]; then
    export CARGO_INCREMENTAL=0
fi
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"

step "Installing missing tools"
scripts/setup.sh --browser --api-fuzz --db-tools

step "Checking that PostgreSQL answers on 127.0.0.1:5432"
if ! pg_isready -q -h 127.0.0.1 -p 5432; then
    if command -v pg_ctlcluster >/dev/null && [[ -d /etc/postgresql ]]; then
        echo "PostgreSQL is not running; starting it"
        # --skip-systemctl-redirect: there is no systemd in containers and CI.
        # shellcheck disable=SC2012 # version directories are plain numbers
        pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | sort -V | tail -n1)" main start
    fi
    for _ in $(seq 30); do
        pg_isready -q -h 127.0.0.1 -p 5432 && break
        sleep 1
    done
    pg_isready -h 127.0.0.1 -p 5432 || {
        echo "PostgreSQL is not reachable on 127.0.0.1:5432" >&2
        exit 1
    }
fi
# The Rust tests create and drop databases of their own on this server.
export TEST_DATABASE_URL="${TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres}"

step "Checking formatting (cargo fmt)"
cargo fmt --all -- --check

step "Linting the workspace (cargo clippy)"
cargo clippy --quiet --workspace --all-targets -- -D warnings

step "Linting the web app for WebAssembly (cargo clippy --target wasm32-unknown-unknown)"
cargo clippy --quiet -p frontend --target wasm32-unknown-unknown -- -D warnings

step "Running the Rust tests (cargo test)"
cargo test --workspace

step "Building the web app"
scripts/build-frontend.sh

step "Building the server for the browser tests"
# The same package selection and targets as `cargo test --workspace` above,
# hence the same feature unification: its artifacts (the binary included) are
# reused as they are. A plain `cargo build -p backend` resolves features
# differently (no dev-dependencies, no frontend) and would recompile tokio,
# syn, serde and most of the dependency tree: minutes on two cores.
cargo build --quiet --workspace --all-targets

step "Property-based testing of the API (schemathesis, SQLite and PostgreSQL)"
# The binary built above; a bounded number of cases per operation. A longer
# run before a release is described in README.md.
scripts/api-fuzz.sh --no-build

step "Running the browser tests (e2e)"
(
    cd e2e
    npm ci --no-audit --no-fund --loglevel=error
    node --test
)

echo
echo "All checks passed in $((SECONDS - started_at)) s."
