package dev.pgdrill.environment.container;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Shell scripts run in a node's container (docker exec) or in a helper container on its volumes.
 * Every value reaches them through environment variables, never by splicing it into the script.
 */
public final class NodeScripts {
    private NodeScripts() {
    }

    /** Runs "$@" as postgres (helper containers start as root). */
    public static final String AS_POSTGRES = "exec setpriv --reuid=postgres --regid=postgres --init-groups \"$@\"";

    /** Empties the data directory, keeping the (volume's) directory itself. */
    static final String WIPE = """
            set -e
            find /var/lib/postgresql/data -mindepth 1 -delete
            """;

    /**
     * pg_basebackup of the local server into the backups volume; prints backup_label and the manifest's
     * End-LSN. With $PARENT set, an incremental backup against the manifest of backup $PARENT.
     */
    public static final String BASE_BACKUP = """
            set -e
            dir="/var/lib/postgresql/backups/$BACKUP"
            trap 'status=$?; [ "$status" = 0 ] || rm -rf "$dir"' EXIT
            incremental=()
            if [ -n "$PARENT" ]; then incremental=("--incremental=/var/lib/postgresql/backups/$PARENT/backup_manifest"); fi
            pg_basebackup -h /var/run/postgresql -U "$PGUSER" -D "$dir" --checkpoint=fast -X stream --no-password \
              "${incremental[@]}"
            cat "$dir/backup_label"
            grep -o '"End-LSN": *"[^"]*"' "$dir/backup_manifest" | tail -n 1
            """;

    /** Removes the partial copy $BACKUP after a failed copy or a failed step between the parts. */
    public static final String DISCARD_BACKUP = "rm -rf \"/var/lib/postgresql/backups/$BACKUP\"";

    /** Drops settings we replace from postgresql.auto.conf, then appends $SETTINGS (one per line). */
    private static final String EDIT_AUTO_CONF = """
            auto="$D/postgresql.auto.conf"
            if [ -L "$auto" ]; then echo "$auto is a symbolic link: refusing to follow it" >&2; exit 3; fi
            rm -f "$auto.new"
            if [ -f "$auto" ]; then
              grep -v -i -E '^[[:space:]]*(recovery_target[a-z_]*|primary_conninfo|primary_slot_name|restore_command)[[:space:]]*=' \
                "$auto" > "$auto.new" || true
              mv "$auto.new" "$auto"
            fi
            printf '%s\\n' "$SETTINGS" >> "$auto"
            """;

    /**
     * As root: empties the data directory and gives it to postgres; then runs $AS_POSTGRES_SCRIPT
     * as postgres, so no file is copied, read or edited by root (a link planted in a backup or a
     * data directory is copied as a link and never followed).
     */
    public static final String HELPER = """
            set -e
            D=/var/lib/postgresql/data
            find "$D" -mindepth 1 -delete
            chown postgres:postgres "$D"
            chmod 0700 "$D"
            exec setpriv --reuid=postgres --regid=postgres --init-groups bash -c "$AS_POSTGRES_SCRIPT"
            """;

    /**
     * Run as postgres after {@link #HELPER} emptied the data directory: fills it with backup $BACKUP
     * (cp -a: links stay links), or with $CHAIN set (backup names, one a line, the full one first) with
     * pg_combinebackup of that chain. A base backup ($NAIVE=0) gets archive recovery ($SETTINGS,
     * recovery.signal); a naive copy is left as it was copied.
     */
    public static final String RESTORE = """
            set -e
            D=/var/lib/postgresql/data
            if [ -n "$CHAIN" ]; then
              chain=()
              while IFS= read -r b; do chain+=("/var/lib/postgresql/backups/$b"); done <<< "$CHAIN"
              pg_combinebackup -o "$D" "${chain[@]}"
            else
              cp -a --no-dereference "/var/lib/postgresql/backups/$BACKUP/." "$D/"
            fi
            rm -f "$D/postmaster.pid" "$D/postmaster.opts"
            if [ "$NAIVE" != 1 ]; then
              rm -f "$D/standby.signal"
            """ + EDIT_AUTO_CONF + """
              touch "$D/recovery.signal"
            fi
            chmod 0700 "$D"
            """;

    /** Run as postgres after {@link #HELPER}: makes the data directory a fresh streaming standby of $UPSTREAM through slot $SLOT. */
    public static final String REBUILD_STANDBY = """
            set -e
            D=/var/lib/postgresql/data
            pg_basebackup -h "$UPSTREAM" -p 5432 -U "$PGUSER" -D "$D" --checkpoint=fast -X stream -S "$SLOT" --no-password
            unset PGPASSWORD
            rm -f "$D/recovery.signal" "$D/postmaster.pid" "$D/postmaster.opts"
            """ + EDIT_AUTO_CONF + """
            touch "$D/standby.signal"
            """;

    /** As root in a helper container on a stopped node's volume: runs $AS_POSTGRES_SCRIPT as postgres, the data kept. */
    public static final String HELPER_KEEPING_DATA = """
            set -e
            exec setpriv --reuid=postgres --regid=postgres --init-groups bash -c "$AS_POSTGRES_SCRIPT"
            """;

    /**
     * Run as postgres by {@link #HELPER_KEEPING_DATA}: rewinds the stopped node's data directory to the history of
     * $UPSTREAM with pg_rewind (progress on), then makes it a streaming standby of $UPSTREAM ($SETTINGS, standby.signal).
     */
    public static final String REWIND_STANDBY = """
            set -e
            D=/var/lib/postgresql/data
            # the node's container is stopped: a crashed server's pid file names PID 1, which is this script here
            rm -f "$D/postmaster.pid" "$D/postmaster.opts"
            pg_rewind --target-pgdata="$D" --source-server="host=$UPSTREAM port=5432 user=$PGUSER dbname=postgres" --progress
            unset PGPASSWORD
            rm -f "$D/recovery.signal"
            """ + EDIT_AUTO_CONF + """
            touch "$D/standby.signal"
            """;

    /**
     * Run as postgres by {@link #HELPER_KEEPING_DATA} on a stopped node's data directory: drops the settings
     * matching $DROP (an extended regular expression of setting names) from postgresql.auto.conf, appends
     * $SETTINGS, and makes it start as a standby (standby.signal instead of recovery.signal).
     */
    public static final String START_AS_STANDBY = """
            set -e
            D=/var/lib/postgresql/data
            if [ ! -s "$D/PG_VERSION" ]; then echo "the data directory is empty (wiped?): restore or rebuild it first" >&2; exit 3; fi
            auto="$D/postgresql.auto.conf"
            if [ -L "$auto" ]; then echo "$auto is a symbolic link: refusing to follow it" >&2; exit 3; fi
            rm -f "$auto.new"
            if [ -f "$auto" ]; then
              grep -v -i -E "^[[:space:]]*($DROP)[[:space:]]*=" "$auto" > "$auto.new" || true
              mv "$auto.new" "$auto"
            fi
            printf '%s\\n' "$SETTINGS" >> "$auto"
            rm -f "$D/recovery.signal"
            touch "$D/standby.signal"
            """;

    /** Run as postgres on a restored data directory: no upstream (a restored node streams from nobody). */
    public static final String NO_UPSTREAM = """
            set -e
            auto=/var/lib/postgresql/data/postgresql.auto.conf
            if [ -L "$auto" ]; then echo "$auto is a symbolic link: refusing to follow it" >&2; exit 3; fi
            if [ -f "$auto" ]; then
              grep -v -i -E '^[[:space:]]*(primary_conninfo|primary_slot_name)[[:space:]]*=' "$auto" > "$auto.new" || true
              mv "$auto.new" "$auto"
            fi
            rm -f /var/lib/postgresql/data/standby.signal
            """;

    /**
     * Run as postgres in a running standby's container: replaces its upstream settings (primary_conninfo,
     * primary_slot_name, recovery_target_timeline) with $SETTINGS; the caller reloads the server.
     */
    public static final String REPOINT = """
            set -e
            auto=/var/lib/postgresql/data/postgresql.auto.conf
            if [ -L "$auto" ]; then echo "$auto is a symbolic link: refusing to follow it" >&2; exit 3; fi
            rm -f "$auto.new"
            grep -v -i -E '^[[:space:]]*(primary_conninfo|primary_slot_name|recovery_target_timeline)[[:space:]]*=' \
              "$auto" > "$auto.new" || true
            printf '%s\\n' "$SETTINGS" >> "$auto.new"
            mv "$auto.new" "$auto"
            """;

    /** Lists the WAL archive. */
    public static final String LIST_ARCHIVE = "ls -1 /var/lib/postgresql/wal-archive";

    /**
     * Sets (or with $DELAY_MS=0 removes) a netem delay on the interface holding $IP, the node's
     * address on the replication network.
     */
    static final String LATENCY = """
            set -e
            dev=$(ip -o -4 addr show | awk -v ip="$IP" '{split($4, a, "/"); if (a[1] == ip) print $2}')
            dev=${dev%%@*}
            if [ -z "$dev" ]; then echo "no interface holds $IP" >&2; exit 3; fi
            if [ "$DELAY_MS" = 0 ]; then tc qdisc del dev "$dev" root 2>/dev/null || true; exit 0; fi
            tc qdisc replace dev "$dev" root netem delay "${DELAY_MS}ms"
            """;

    /** Ends the walreceiver, if any, so a cut link is noticed at once rather than after wal_receiver_timeout. */
    static final String END_WALRECEIVER = "pkill -TERM -f '^postgres: walreceiver' || true";

    public static Map<String, String> env(String... keyValues) {
        Map<String, String> env = new LinkedHashMap<>();
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            env.put(keyValues[i], keyValues[i + 1]);
        }
        return env;
    }
}
