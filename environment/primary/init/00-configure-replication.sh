#!/bin/bash
# Runs once, as postgres, when the primary's data directory is first initialized (before
# 01-schema.sql and 02-data.sql): configures WAL archiving, replication and authentication.
set -e

ARCHIVE_DIR=/var/lib/postgresql/wal-archive

# The WAL archive lives in its own volume (not inside the data directory).
mkdir -p "$ARCHIVE_DIR"

# Replication and remote logins with SCRAM only (never md5, never trust).
cat >>"$PGDATA/pg_hba.conf" <<EOF_HBA
host replication ${POSTGRES_USER:-admin} all scram-sha-256
EOF_HBA

# Archive without ever overwriting a segment already archived: an identical copy (a retry after
# a crash between copy and bookkeeping) counts as done, a different one fails loudly. The copy is
# renamed into place so restore_command never reads a half-written file.
cat >>"$PGDATA/postgresql.conf" <<'EOF_CONF'

# --- pgdrill drill environment ---
listen_addresses = '*'
password_encryption = scram-sha-256
wal_level = replica
archive_mode = on
archive_command = 'f=/var/lib/postgresql/wal-archive/%f; if test -f "$f"; then cmp -s "%p" "$f"; else t="$f.$$.tmp"; cp "%p" "$t" && { ln "$t" "$f" 2>/dev/null || cmp -s "%p" "$f"; r=$?; rm -f "$t"; exit $r; }; fi'
max_wal_senders = 10
max_replication_slots = 10
hot_standby = on
# Drills cut links and promote standbys: notice a dead link and retry the archive quickly.
wal_retrieve_retry_interval = 1s
wal_receiver_timeout = 10s
wal_sender_timeout = 10s
EOF_CONF

echo "00-configure-replication: archiving to $ARCHIVE_DIR, replication over scram-sha-256"
