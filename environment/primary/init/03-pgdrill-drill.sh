#!/bin/bash
# Runs once, as postgres, after 00-02 when the primary's data directory is first initialized: a
# drill's own database, seed files and server settings, which the runner writes into pgdrill/ beside
# this script (today's drills write nothing there, and nothing changes). The database name was
# checked to be a plain name; it reaches SQL only as a psql variable (:"db"), the settings only as
# a file of 'name = value' lines quoted as ALTER SYSTEM writes them. The standby inherits all of it
# through its base backup.
set -e

dir=/docker-entrypoint-initdb.d/pgdrill
if [ -d "$dir" ]; then
  db="$POSTGRES_DB"
  if [ -f "$dir/database" ]; then
    db="$(cat "$dir/database")"
    psql -v ON_ERROR_STOP=1 --no-psqlrc --username "$POSTGRES_USER" --dbname postgres --set db="$db" -q \
      <<<'CREATE DATABASE :"db";'
  fi
  for f in "$dir"/seed-*; do
    [ -e "$f" ] || continue
    case "$f" in
      *.dump)
        echo "03-pgdrill-drill: restoring $f into $db"
        pg_restore --exit-on-error --no-owner --no-privileges --username "$POSTGRES_USER" --dbname "$db" "$f" ;;
      *)
        echo "03-pgdrill-drill: running $f in $db"
        psql -v ON_ERROR_STOP=1 --no-psqlrc -q --username "$POSTGRES_USER" --dbname "$db" -f "$f" ;;
    esac
  done
  if [ -f "$dir/settings.conf" ]; then
    { echo; echo "# --- the drill's own settings (override the above) ---"; cat "$dir/settings.conf"; } \
      >>"$PGDATA/postgresql.conf"
    echo "03-pgdrill-drill: the drill's settings written to postgresql.conf"
  fi
fi
