#!/usr/bin/env bash
# Makes a stand-in "production" outside pgdrill, for the restore-test drills and their test:
# a plain PostgreSQL started here as the server user on a free loopback port, WAL archived both into a
# WAL directory (cp) and into a pgBackRest stanza (archive-push), a pgBackRest full backup, two
# pg_basebackups (plain, and tar -Ft -z), writes, WAL switches; then the server is stopped.
#
#   examples/restore-test/make-production.sh DIR
#
# DIR (created, must not exist or be empty) then holds:
#   pgdata/                       the stopped production cluster (port and socket in sock/)
#   wal/                          the WAL archive of archive_command (cp)
#   base/ base-tar/               pg_basebackup plain, and tar + gzip (-Ft -z), both -X stream
#   pgbackrest/pgbackrest.conf    pgBackRest's config: stanza 'prod', repository pgbackrest/repo
#   production.env                TARGET_TIME (a moment between two writes), ROWS_AT_TARGET, ROWS_AT_END,
#                                 PORT, and the paths above, as NAME=VALUE lines
# Env: PG_BIN (default /usr/lib/postgresql/15/bin), PGUSER_OS (default postgres when run as root).
set -euo pipefail

dir=${1:?usage: make-production.sh DIR}
bin=${PG_BIN:-/usr/lib/postgresql/15/bin}
os_user=${PGUSER_OS:-postgres}
case "$dir" in /*) ;; *) dir="$PWD/$dir" ;; esac
if [ -e "$dir" ] && [ -n "$(ls -A "$dir")" ]; then
    echo "make-production: $dir exists and is not empty" >&2
    exit 2
fi
mkdir -p "$dir"

as_pg() {
    if [ "$(id -u)" = 0 ]; then
        runuser -u "$os_user" -- "$@"
    else
        "$@"
    fi
}
if [ "$(id -u)" = 0 ]; then
    chown "$os_user": "$dir"
fi
chmod 0700 "$dir"

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
sock="$dir/sock"
as_pg mkdir -m 0700 "$sock" "$dir/wal" "$dir/pgbackrest" "$dir/pgbackrest/repo" "$dir/pgbackrest/log" \
    "$dir/pgbackrest/lock"
conf="$dir/pgbackrest/pgbackrest.conf"
as_pg tee "$conf" >/dev/null <<CONF
[global]
repo1-path=$dir/pgbackrest/repo
repo1-retention-full=2
log-path=$dir/pgbackrest/log
lock-path=$dir/pgbackrest/lock
log-level-console=warn
start-fast=y
archive-timeout=60

[prod]
pg1-path=$dir/pgdata
pg1-socket-path=$sock
pg1-port=$port
CONF

stop() {
    as_pg "$bin/pg_ctl" stop -D "$dir/pgdata" -m fast -w -t 60 >/dev/null 2>&1 || true
}
trap stop EXIT

as_pg "$bin/initdb" -D "$dir/pgdata" -U postgres --data-checksums -E UTF8 --locale=C \
    --auth-local=trust --auth-host=reject >/dev/null
as_pg tee -a "$dir/pgdata/postgresql.conf" >/dev/null <<CONF
# --- make-production.sh ---
port = $port
listen_addresses = '127.0.0.1'
unix_socket_directories = '$sock'
timezone = 'UTC'
log_timezone = 'UTC'
wal_level = replica
max_wal_senders = 5
archive_mode = on
archive_command = 'test ! -f $dir/wal/%f && cp %p $dir/wal/%f && pgbackrest --config=$conf --stanza=prod archive-push %p'
CONF
as_pg "$bin/pg_ctl" start -D "$dir/pgdata" -l "$dir/pgdata/server.log" -w -t 60 >/dev/null

psql() { as_pg "$bin/psql" -X -q -v ON_ERROR_STOP=1 -h "$sock" -p "$port" -U postgres -d postgres "$@"; }
switch_and_wait() {
    # switch WAL and wait (at most 60 s) until the segment is archived
    local seg
    seg=$(psql -Atc "SELECT pg_walfile_name(pg_switch_wal())")
    for _ in $(seq 1 600); do
        if [ -f "$dir/wal/$seg" ] && [ "$(psql -Atc "SELECT coalesce(last_archived_wal >= '$seg', false) FROM pg_stat_archiver")" = t ]; then
            return 0
        fi
        sleep 0.1
    done
    echo "make-production: segment $seg was not archived within 60 s" >&2
    exit 1
}

psql -c "CREATE TABLE orders (id serial PRIMARY KEY, note text NOT NULL, created_at timestamptz NOT NULL DEFAULT now())"
psql -c "INSERT INTO orders (note) SELECT 'old order ' || g FROM generate_series(1, 100) g"
as_pg pgbackrest --config="$conf" --stanza=prod stanza-create
as_pg pgbackrest --config="$conf" --stanza=prod backup --type=full
as_pg "$bin/pg_basebackup" -h "$sock" -p "$port" -U postgres -D "$dir/base" -X stream -c fast -l nightly-plain
as_pg "$bin/pg_basebackup" -h "$sock" -p "$port" -U postgres -D "$dir/base-tar" -Ft -z -X stream -c fast -l nightly-tar
psql -c "INSERT INTO orders (note) SELECT 'new order ' || g FROM generate_series(1, 20) g"
switch_and_wait
sleep 1.1
target=$(psql -Atc "SELECT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"+00:00\"')")
sleep 1.1
psql -c "INSERT INTO orders (note) VALUES ('after the target')"
switch_and_wait
rows_target=120
rows_end=$(psql -Atc "SELECT count(*) FROM orders")
stop
trap - EXIT

as_pg tee "$dir/production.env" >/dev/null <<ENV
TARGET_TIME=$target
ROWS_AT_TARGET=$rows_target
ROWS_AT_END=$rows_end
PORT=$port
BASE=$dir/base
BASE_TAR=$dir/base-tar
WAL=$dir/wal
PGBACKREST_CONF=$conf
STANZA=prod
ENV
echo "production made in $dir (target $target, $rows_end rows at the end)"
