package dev.pgdrill.engine.ledger;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** How the {@code rpo} step tells whether a recorded write is present on the node that serves after recovery. */
public sealed interface Presence {
    /**
     * A workload row: present when {@code table} holds a row with {@code seq = id}.
     *
     * @param table table name (a checked SQL identifier)
     * @param id    the row's seq
     */
    record Row(String table, long id) implements Presence {
    }

    /**
     * A single SQL write: present when {@code sql} (bound with {@code params}) returns true or a
     * positive count in its first column.
     *
     * @param database database to run it in, or null for the drill database
     */
    record Query(String sql, Map<String, Object> params, String database) implements Presence {
        public Query {
            params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
        }
    }
}
