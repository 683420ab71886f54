#!/bin/bash
# The replica's entrypoint (runs as root). On an empty data directory it takes a base backup of
# the primary through a replication slot and configures streaming replication plus a
# restore_command reading the shared WAL archive; then it hands over to docker-entrypoint.sh.
#
# Settings: PRIMARY_HOST (default repl-primary), PRIMARY_PORT (5432), REPLICATION_SLOT (replica_slot),
# REPLICA_INIT_TIMEOUT seconds to wait for the primary (default 120), POSTGRES_USER, POSTGRES_PASSWORD.
set -euo pipefail

PRIMARY_HOST="${PRIMARY_HOST:-repl-primary}"
PRIMARY_PORT="${PRIMARY_PORT:-5432}"
REPLICATION_SLOT="${REPLICATION_SLOT:-replica_slot}"
REPLICA_INIT_TIMEOUT="${REPLICA_INIT_TIMEOUT:-120}"
POSTGRES_USER="${POSTGRES_USER:-admin}"
ARCHIVE_DIR=/var/lib/postgresql/wal-archive

as_postgres() { setpriv --reuid=postgres --regid=postgres --init-groups "$@"; }
# A postgresql.conf string: single-quoted, quotes doubled.
quote() { printf "'%s'" "${1//\'/\'\'}"; }
# A libpq conninfo value: single-quoted, backslashes and quotes escaped with a backslash.
pq_quote() { local v="${1//\\/\\\\}"; printf "'%s'" "${v//\'/\\\'}"; }

if [ ! -s "$PGDATA/PG_VERSION" ]; then
  echo "replica: data directory is empty; cloning $PRIMARY_HOST:$PRIMARY_PORT"
  mkdir -p "$PGDATA"
  find "$PGDATA" -mindepth 1 -delete
  chown postgres:postgres "$PGDATA" && chmod 0700 "$PGDATA"
  export PGPASSWORD="${POSTGRES_PASSWORD:?POSTGRES_PASSWORD must be set}"
  export PGCONNECT_TIMEOUT=5

  # The primary may be healthy before it accepts replication: retry until a deadline.
  deadline=$((SECONDS + REPLICA_INIT_TIMEOUT))
  until as_postgres psql -h "$PRIMARY_HOST" -p "$PRIMARY_PORT" -U "$POSTGRES_USER" -d postgres \
          -v ON_ERROR_STOP=1 -qAt --set slot="$REPLICATION_SLOT" >/dev/null <<'SQL'
SELECT pg_create_physical_replication_slot(:'slot')
 WHERE NOT EXISTS (SELECT 1 FROM pg_replication_slots WHERE slot_name = :'slot');
SQL
  do
    if [ "$SECONDS" -ge "$deadline" ]; then
      echo "replica: primary $PRIMARY_HOST:$PRIMARY_PORT not ready after ${REPLICA_INIT_TIMEOUT}s" >&2
      exit 1
    fi
    echo "replica: waiting for the primary to accept replication..."
    sleep 1
  done
  as_postgres pg_basebackup --pgdata="$PGDATA" --host="$PRIMARY_HOST" --port="$PRIMARY_PORT" \
    --username="$POSTGRES_USER" --no-password --wal-method=stream --checkpoint=fast \
    --slot="$REPLICATION_SLOT"
  unset PGPASSWORD

  conninfo="host=$PRIMARY_HOST port=$PRIMARY_PORT user=$POSTGRES_USER password=$(pq_quote "$POSTGRES_PASSWORD") application_name=replica"
  as_postgres touch "$PGDATA/standby.signal"
  as_postgres tee -a "$PGDATA/postgresql.auto.conf" >/dev/null <<EOF_CONF
primary_conninfo = $(quote "$conninfo")
primary_slot_name = $(quote "$REPLICATION_SLOT")
restore_command = 'test -f $ARCHIVE_DIR/%f && cp $ARCHIVE_DIR/%f %p'
recovery_target_timeline = 'latest'
EOF_CONF
  chmod 0700 "$PGDATA"
  echo "replica: clone complete; starting as a streaming standby"
else
  echo "replica: data directory exists; starting"
fi

exec docker-entrypoint.sh "$@"
