#!/usr/bin/env bash
# Backs up Innov'Action while it runs: the database (SQLite's online backup,
# or pg_dump for PostgreSQL), the attached documents and the token-signing
# key, into one new directory. Reads DATABASE_URL and DATA_DIR as the server
# does (see .env.example), so run it with the server's environment.
#
# Usage: scripts/backup.sh [DESTINATION]      (default: ./backups)
# Prints the backup's directory. Restore it with scripts/restore.sh.
set -euo pipefail

die() {
    echo "backup: error: $*" >&2
    exit 1
}

case "${1:-}" in
    -h | --help) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
esac

destination="${1:-./backups}"
data_dir="${DATA_DIR:-./data}"
url="${DATABASE_URL:-}"
stamp=$(date -u +%Y-%m-%dT%H%M%SZ)
target="$destination/innovaction-$stamp"
[[ ! -e "$target" ]] || die "$target already exists"
mkdir -p "$target"
chmod 700 "$target"

case "$url" in
    postgres://* | postgresql://*)
        command -v pg_dump >/dev/null || die "pg_dump not found (Debian package postgresql-client)"
        pg_dump --format=custom --no-owner --file="$target/database.dump" "$url" ||
            die "pg_dump failed"
        backend=postgres
        ;;
    "" | sqlite:*)
        database="${url#sqlite://}"
        database="${database#sqlite:}"
        database="${database:-$data_dir/innovaction.db}"
        [[ -f "$database" ]] || die "no SQLite database at $database"
        command -v sqlite3 >/dev/null || die "sqlite3 not found (Debian package sqlite3)"
        # The backup API copies a consistent state while the server writes.
        sqlite3 "$database" ".backup '$target/database.sqlite'" || die "the SQLite backup failed"
        backend=sqlite
        ;;
    *) die "DATABASE_URL must start with postgres://, postgresql:// or sqlite:" ;;
esac

if [[ -d "$data_dir/documents" ]]; then
    tar -C "$data_dir" -cf "$target/documents.tar" documents
else
    tar -cf "$target/documents.tar" --files-from /dev/null
fi
if [[ -f "$data_dir/jwt-secret" ]]; then
    cp -p "$data_dir/jwt-secret" "$target/jwt-secret"
fi
cat >"$target/backup.txt" <<INFO
database: $backend
taken: $stamp
INFO
echo "$target"
