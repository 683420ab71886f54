#!/usr/bin/env bash
# Our own entrypoint for the offline PostgreSQL image. It follows the official image's contract
# for what the Compose environment uses:
#   - POSTGRES_PASSWORD (required unless POSTGRES_HOST_AUTH_METHOD=trust), POSTGRES_USER
#     (default postgres), POSTGRES_DB (default: the user), POSTGRES_INITDB_ARGS;
#   - on an empty $PGDATA: initdb, then a socket-only server runs every file of
#     /docker-entrypoint-initdb.d in name order (*.sh executed if executable, else sourced;
#     *.sql and *.sql.gz through psql) and is stopped again;
#   - started as root, it fixes ownership and re-executes itself as postgres.
set -Eeuo pipefail

if [ "${1:0:1}" = '-' ]; then
  set -- postgres "$@"
fi

if [ "$1" = 'postgres' ] && [ "$(id -u)" = '0' ]; then
  mkdir -p "$PGDATA"
  chown postgres:postgres "$PGDATA" /var/lib/postgresql
  chmod 0700 "$PGDATA"
  for dir in /var/lib/postgresql/wal-archive /var/lib/postgresql/backups /var/run/postgresql; do
    if [ -d "$dir" ]; then chown postgres:postgres "$dir"; fi
  done
  exec setpriv --reuid=postgres --regid=postgres --init-groups "$0" "$@"
fi

log() { echo "docker-entrypoint: $*"; }

run_init_file() {
  local f="$1"
  local psql=(psql -v ON_ERROR_STOP=1 --no-psqlrc --no-password --username "$POSTGRES_USER" --dbname "$POSTGRES_DB")
  case "$f" in
    *.sh)
      if [ -x "$f" ]; then log "running $f"; "$f"; else log "sourcing $f"; . "$f"; fi ;;
    *.sql) log "running $f"; "${psql[@]}" -f "$f" ;;
    *.sql.gz) log "running $f"; gunzip -c "$f" | "${psql[@]}" ;;
    *) log "ignoring $f" ;;
  esac
}

init_cluster() {
  export POSTGRES_USER="${POSTGRES_USER:-postgres}"
  export POSTGRES_DB="${POSTGRES_DB:-$POSTGRES_USER}"
  local auth="${POSTGRES_HOST_AUTH_METHOD:-scram-sha-256}"
  if [ -z "${POSTGRES_PASSWORD:-}" ] && [ "$auth" != 'trust' ]; then
    echo "docker-entrypoint: error: the database is uninitialized and POSTGRES_PASSWORD is not set" >&2
    echo "  (set POSTGRES_PASSWORD, or POSTGRES_HOST_AUTH_METHOD=trust to allow every connection)" >&2
    exit 1
  fi
  log "initializing $PGDATA"
  # shellcheck disable=SC2086 # POSTGRES_INITDB_ARGS holds several arguments on purpose
  initdb --username="$POSTGRES_USER" --pwfile=<(printf '%s\n' "${POSTGRES_PASSWORD:-}") \
    --auth-local=trust --auth-host="$auth" ${POSTGRES_INITDB_ARGS:-} >/dev/null
  printf '\nhost all all all %s\n' "$auth" >>"$PGDATA/pg_hba.conf"

  pg_ctl -D "$PGDATA" -w -t 60 -o "-c listen_addresses='' -c unix_socket_directories=/var/run/postgresql" \
    -l /tmp/pg-init.log start >/dev/null
  export PGHOST=/var/run/postgresql
  if [ "$POSTGRES_DB" != 'postgres' ]; then
    psql -v ON_ERROR_STOP=1 --no-psqlrc --username "$POSTGRES_USER" --dbname postgres \
      --set db="$POSTGRES_DB" -q <<<'CREATE DATABASE :"db";'
  fi
  local f
  for f in /docker-entrypoint-initdb.d/*; do
    [ -e "$f" ] || continue
    run_init_file "$f"
  done
  pg_ctl -D "$PGDATA" -m fast -w -t 60 stop >/dev/null
  unset PGHOST
  cat /tmp/pg-init.log && rm -f /tmp/pg-init.log
  log "initialization complete"
}

if [ "$1" = 'postgres' ] && [ ! -s "$PGDATA/PG_VERSION" ]; then
  init_cluster
fi

exec "$@"
