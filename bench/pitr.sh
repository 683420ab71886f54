#!/usr/bin/env bash
# bench/pitr.sh: the PITR drill (scenarios/pitr.yaml) written by hand with PostgreSQL's own tools
# only (initdb, pg_ctl, psql, pg_basebackup), as the baseline that bench/run.sh compares the
# runner against. It does the same work as `runner scenarios/pitr.yaml` on the local backend:
#
#   set-up    primary (data checksums, WAL archive) + admin role + seeded statelessCommerce,
#             a physical slot and a streaming replica from pg_basebackup, wait until it streams
#   drill     base backup 'nightly'; fingerprint every table; record the target (time, restore
#             point), switch WAL and wait until archived; delete every Johnson with their orders;
#             verify they are gone; switch WAL and wait until archived; stop the primary; restore
#             the base backup; recovery to the recorded time, action promote; start; poll until
#             promoted; verify Bob Johnson is back and the fingerprint is unchanged
#   clean-up  stop both servers (immediate) and delete the work directory
#
# No fixed sleeps: every wait polls a real condition every 20 ms under a deadline.
# Usage:   bench/pitr.sh            (as root it re-runs itself as the 'postgres' OS user)
# Env:     PG_BIN (default: pg_config --bindir, else /usr/lib/postgresql/15/bin),
#          WORK_ROOT (default /tmp), PGDRILL_OS_USER (default postgres), VERBOSE=1 for a step trace
# Exit:    0 the drill passed, 1 it failed (message on stderr); the work directory is removed either way.
set -euo pipefail

if [ "$(id -u)" = 0 ]; then
  user="${PGDRILL_OS_USER:-postgres}"
  exec runuser -u "$user" -- env PG_BIN="${PG_BIN:-}" WORK_ROOT="${WORK_ROOT:-/tmp}" VERBOSE="${VERBOSE:-}" \
    bash "$(readlink -f "$0")" "$@"
fi

here="$(cd "$(dirname "$(readlink -f "$0")")" && pwd)"
seed="$here/../environment/primary/init"
bin="${PG_BIN:-}"
if [ -z "$bin" ]; then
  if command -v pg_config >/dev/null 2>&1 && [ -x "$(pg_config --bindir)/initdb" ]; then bin="$(pg_config --bindir)"
  else bin=/usr/lib/postgresql/15/bin; fi
fi
[ -x "$bin/initdb" ] || { echo "pitr.sh: no PostgreSQL server binaries in $bin (set PG_BIN)" >&2; exit 1; }
export PATH="$bin:$PATH"

work="$(mktemp -d "${WORK_ROOT:-/tmp}/pitr-sh-XXXXXX")"
chmod 700 "$work"
mkdir -m 700 "$work/archive" "$work/backups" "$work/sock" "$work/logs"
primary="$work/primary"
replica="$work/replica"

cleanup() {
  for d in "$replica" "$primary"; do
    [ -f "$d/postmaster.pid" ] && pg_ctl -D "$d" -m immediate -w -t 30 stop >/dev/null 2>&1 || true
  done
  rm -rf "$work"
}
trap cleanup EXIT

t0=$(date +%s%N)
say() { [ -z "${VERBOSE:-}" ] || echo "$(( ($(date +%s%N) - t0) / 1000000 ))ms $*" >&2; }
fail() { echo "pitr.sh: $*" >&2; exit 1; }

# Polls "$@" every 20 ms until it succeeds, at most $1 seconds; $2 names what is awaited.
await() {
  local max="$1" what="$2"; shift 2
  local until=$(( $(date +%s%N) + max * 1000000000 ))
  until "$@"; do
    [ "$(date +%s%N)" -lt "$until" ] || fail "timed out after ${max}s waiting for $what"
    sleep 0.02
  done
}

# A free port below the ephemeral range (32768-60999 here).
free_port() {
  local p
  while :; do
    p=$(( 20000 + RANDOM % 12000 ))
    (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }
  done
}
pport=$(free_port)
rport=$(free_port)
while [ "$rport" = "$pport" ]; do rport=$(free_port); done

sqlp() { psql -X -q -At -v ON_ERROR_STOP=1 -h "$work/sock" -p "$pport" -U admin -d statelessCommerce "$@"; }

# --- set-up: primary + archive + seeded database + streaming replica ---
say "initdb"
initdb -D "$primary" --data-checksums --auth-local=trust --auth-host=trust -U postgres -E UTF8 --locale=C >/dev/null
cat >>"$primary/postgresql.conf" <<EOF
listen_addresses = '127.0.0.1'
port = $pport
unix_socket_directories = '$work/sock'
max_connections = 50
shared_buffers = 16MB
wal_level = replica
archive_mode = on
archive_command = 'test ! -f $work/archive/%f && cp %p $work/archive/%f.tmp && mv $work/archive/%f.tmp $work/archive/%f'
restore_command = 'cp $work/archive/%f %p'
max_wal_senders = 10
max_replication_slots = 10
hot_standby = on
wal_retrieve_retry_interval = 200ms
wal_receiver_status_interval = 1s
EOF
pg_ctl -D "$primary" -l "$work/logs/primary.log" -w -t 60 start >/dev/null
say "primary up"
psql -X -q -v ON_ERROR_STOP=1 -h "$work/sock" -p "$pport" -U postgres -d postgres \
  -c "CREATE ROLE admin WITH LOGIN SUPERUSER REPLICATION" -c "CREATE DATABASE \"statelessCommerce\" OWNER admin"
sqlp -f "$seed/01-schema.sql" -f "$seed/02-data.sql" >/dev/null
sqlp -c "SELECT pg_create_physical_replication_slot('replica_slot', true)" >/dev/null
pg_basebackup -h "$work/sock" -p "$pport" -U admin -D "$replica" --checkpoint=fast -X stream -S replica_slot -R
echo "port = $rport" >>"$replica/postgresql.auto.conf"
chmod 700 "$replica"
pg_ctl -D "$replica" -l "$work/logs/replica.log" -w -t 60 start >/dev/null
streaming() { [ "$(sqlp -c "SELECT count(*) FROM pg_stat_replication WHERE state = 'streaming'")" = 1 ]; }
await 30 "the replica to stream" streaming
say "set-up done"

# --- the drill ---
pg_basebackup -h "$work/sock" -p "$pport" -U admin -D "$work/backups/nightly" --checkpoint=fast -X stream
say "backup nightly"
fingerprint="SELECT (SELECT md5(string_agg(t::text, '|' ORDER BY customerId)) FROM customers t),
  (SELECT md5(string_agg(t::text, '|' ORDER BY productId)) FROM products t),
  (SELECT md5(string_agg(t::text, '|' ORDER BY orderId)) FROM orders t),
  (SELECT md5(string_agg(t::text, '|' ORDER BY orderItemId)) FROM orderItems t)"
before="$(sqlp -c "$fingerprint")"

# Switches WAL on the primary and waits until the archiver has copied the closed segment.
archive_now() {
  local seg
  seg="$(sqlp -c "SELECT pg_walfile_name(pg_switch_wal())")"
  await 30 "WAL segment $seg to be archived" archived "$seg"
}
# True when the archiver has passed segment $1 (names of one timeline sort in WAL order).
archived() {
  local last
  last="$(sqlp -c "SELECT coalesce(last_archived_wal, '') FROM pg_stat_archiver")"
  [[ "$last" > "$1" || "$last" == "$1" ]]
}
target="$(sqlp -c "SELECT to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') || '+00'")"
sqlp -c "SELECT pg_create_restore_point('before_delete')" >/dev/null
archive_now
say "target $target"

sqlp -c "WITH victims AS (SELECT customerId FROM customers WHERE lastName = 'Johnson'),
  items AS (DELETE FROM orderItems WHERE orderId IN
    (SELECT orderId FROM orders WHERE customerId IN (SELECT customerId FROM victims))),
  gone AS (DELETE FROM orders WHERE customerId IN (SELECT customerId FROM victims))
  DELETE FROM customers WHERE customerId IN (SELECT customerId FROM victims)" >/dev/null
[ "$(sqlp -c "SELECT count(*) FROM customers WHERE lastName = 'Johnson'")" = 0 ] || fail "the Johnsons are not gone"
say "deleted"

archive_now
pg_ctl -D "$primary" -m fast -w -t 30 stop >/dev/null
rm -rf "$primary"
cp -a "$work/backups/nightly" "$primary"
rm -f "$primary/postmaster.pid" "$primary/postmaster.opts"
cat >>"$primary/postgresql.auto.conf" <<EOF
recovery_target_time = '$target'
recovery_target_action = 'promote'
recovery_target_timeline = 'latest'
EOF
touch "$primary/recovery.signal"
pg_ctl -D "$primary" -l "$work/logs/primary-restored.log" -w -t 60 start >/dev/null
promoted() { [ "$(sqlp -c "SELECT pg_is_in_recovery()" 2>/dev/null)" = f ]; }
await 60 "the restored primary to be promoted" promoted
say "restored and promoted"

[ "$(sqlp -c "SELECT firstName || ' ' || lastName FROM customers WHERE lastName = 'Johnson'")" = "Bob Johnson" ] \
  || fail "Bob Johnson is not back"
[ "$(sqlp -c "$fingerprint")" = "$before" ] || fail "the fingerprint of the tables changed"
say "verified"
