#!/usr/bin/env bash
# Builds Innov'Action and starts it on http://127.0.0.1:8080 (or $BIND), with
# data in ./data (SQLite) unless DATABASE_URL says otherwise. On a first run it
# creates the admin account and prints its password.
set -euo pipefail

cd "$(dirname "$0")/.."

echo "==> Checking the toolchain"
scripts/setup.sh

echo "==> Building the web app"
scripts/build-frontend.sh

echo "==> Building the server"
cargo build --quiet --release -p backend

echo "==> Preparing the database"
# Creates the admin account on an empty database and prints its password;
# does nothing to a database that already has users.
target/release/innovaction seed-demo

bind="${BIND:-127.0.0.1:8080}"
echo
echo "Innov'Action → http://${bind/#0.0.0.0/127.0.0.1}"
echo "(Ctrl+C to stop)"
echo
# glibc's allocator, tuned for a server: two memory arenas rather than one
# per thread, and blocks of 128 KiB or more (a password hash's 19 MiB, a
# large report) given back to the system when freed instead of kept: 40 %
# less memory under load at the same throughput (docs/BENCHMARKS.md).
export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"
export MALLOC_MMAP_THRESHOLD_="${MALLOC_MMAP_THRESHOLD_:-131072}"
exec target/release/innovaction serve
