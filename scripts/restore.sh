#!/usr/bin/env bash
# Restores a backup made by scripts/backup.sh into the database and data
# directory the server's environment names (DATABASE_URL, DATA_DIR), which
# must be empty: a SQLite file that does not exist yet, or a PostgreSQL
# database without tables (createdb it first). Stop the server before, start
# it after: migrations newer than the backup are applied then.
#
# Usage: scripts/restore.sh BACKUP_DIRECTORY
set -euo pipefail

die() {
    echo "restore: error: $*" >&2
    exit 1
}

case "${1:-}" in
    "" | -h | --help) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
esac

source="$1"
data_dir="${DATA_DIR:-./data}"
url="${DATABASE_URL:-}"
[[ -f "$source/backup.txt" ]] || die "$source is not a backup directory"

if [[ -n "$(ls -A "$data_dir/documents" 2>/dev/null)" ]]; then
    die "$data_dir/documents is not empty; restore into an empty data directory"
fi

case "$url" in
    postgres://* | postgresql://*)
        [[ -f "$source/database.dump" ]] || die "this backup holds no PostgreSQL dump"
        command -v pg_restore >/dev/null || die "pg_restore not found (Debian package postgresql-client)"
        tables=$(psql --no-psqlrc --quiet --tuples-only --no-align "$url" \
            -c "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'") ||
            die "cannot reach the database"
        [[ "$tables" == "0" ]] || die "the database already has $tables tables; restore into an empty one"
        pg_restore --no-owner --exit-on-error --single-transaction --dbname="$url" \
            "$source/database.dump" || die "pg_restore failed"
        ;;
    "" | sqlite:*)
        [[ -f "$source/database.sqlite" ]] || die "this backup holds no SQLite database"
        database="${url#sqlite://}"
        database="${database#sqlite:}"
        database="${database:-$data_dir/innovaction.db}"
        [[ ! -e "$database" ]] || die "$database already exists; restore into an empty place"
        mkdir -p "$(dirname "$database")"
        cp "$source/database.sqlite" "$database"
        ;;
    *) die "DATABASE_URL must start with postgres://, postgresql:// or sqlite:" ;;
esac

mkdir -p "$data_dir"
tar -C "$data_dir" -xf "$source/documents.tar"
if [[ -f "$source/jwt-secret" && ! -e "$data_dir/jwt-secret" ]]; then
    # The same key: sessions opened before the backup stay valid.
    cp -p "$source/jwt-secret" "$data_dir/jwt-secret"
fi
echo "restored $(sed -n 's/^database: //p' "$source/backup.txt") backup of $(sed -n 's/^taken: //p' "$source/backup.txt")"
