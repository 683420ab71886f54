package dev.pgdrill.engine.postgres;

import dev.pgdrill.engine.env.Node;
import dev.pgdrill.engine.step.StepContext;
import dev.pgdrill.engine.step.StepFailure;
import dev.pgdrill.engine.wait.Poller;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Replication lag between a primary and a replica, seen from both sides. The replica's own view
 * (its replay position against the primary's current position) is the reference; when the replica
 * cannot answer quickly (frozen), the primary's view from {@code pg_stat_replication} stands in.
 */
public final class Lag {
    /** How long a replica may take to answer before the primary's view is used. */
    public static final Duration REPLICA_LIMIT = Duration.ofSeconds(2);

    private Lag() {
    }

    /**
     * One measurement.
     *
     * @param bytes   WAL bytes the replica has not replayed yet
     * @param seconds age of the last replayed transaction, 0 when fully caught up; null when unknown
     * @param view    {@code replica} or {@code primary} (the replica did not answer)
     * @param figures every figure measured, by measurement name (bytes or seconds)
     * @param note    why the primary's view was used, else null
     */
    public record Reading(long bytes, Double seconds, String view, Map<String, Double> figures, String note) {
        public String describe() {
            return bytes + " bytes" + (seconds == null ? "" : String.format(Locale.ROOT, ", %.3fs", seconds))
                    + (note == null ? "" : " (" + note + ")");
        }
    }

    /** Measures lag of {@code replica} behind {@code primary}. */
    public static Reading measure(StepContext ctx, Node primary, Node replica) throws SQLException, InterruptedException {
        Map<String, Double> figures = new LinkedHashMap<>();
        long current;
        try (Connection c = Sql.open(primary, null, Probes.probeLimit(ctx))) {
            if (Boolean.TRUE.equals(Sql.scalar(c, "SELECT pg_is_in_recovery()", Probes.probeLimit(ctx)))) {
                throw new StepFailure("node '" + primary.name() + "' is in recovery: it is not a primary");
            }
            current = Lsn.parse((String) Sql.scalar(c, "SELECT pg_current_wal_lsn()::text", Probes.probeLimit(ctx)));
            primaryView(c, replica.name(), current, figures, Probes.probeLimit(ctx));
        }
        List<Object> mine;
        String note = null;
        try {
            mine = withLimit(REPLICA_LIMIT, () -> replicaView(replica));
        } catch (TimeoutException e) {
            mine = null;
            note = "replica did not answer within " + REPLICA_LIMIT.toSeconds() + "s (paused?): primary's view";
        } catch (SQLException e) {
            mine = null;
            note = "replica unreachable (" + Poller.firstLine(e) + "): primary's view";
        }
        if (mine == null) {
            Double bytes = figures.getOrDefault("primary_replay_lag_bytes", figures.get("slot_retained_bytes"));
            if (bytes == null) {
                throw new StepFailure("cannot measure lag of '" + replica.name() + "': " + note
                        + ", and '" + primary.name() + "' shows no standby in pg_stat_replication nor a slot");
            }
            figures.put("lag_bytes", bytes);
            Double seconds = figures.get("primary_replay_lag_seconds");
            if (seconds != null) {
                figures.put("lag_seconds", seconds);
            }
            return new Reading(bytes.longValue(), seconds, "primary", figures, note);
        }
        if (!Boolean.TRUE.equals(mine.get(0))) {
            throw new StepFailure("node '" + replica.name() + "' is not in recovery: it is not a replica any more");
        }
        long replay = mine.get(2) == null ? 0 : Lsn.parse((String) mine.get(2));
        long receive = mine.get(1) == null ? replay : Lsn.parse((String) mine.get(1));
        long bytes = Lsn.bytesFrom(replay, current);
        Double age = mine.get(3) == null ? null : Double.parseDouble((String) mine.get(3));
        // behind, but no transaction replayed since the replica started: its age is unknown
        Double seconds = bytes == 0 ? Double.valueOf(0.0) : age == null ? null : Math.max(0, age);
        figures.put("lag_bytes", (double) bytes);
        if (seconds != null) {
            figures.put("lag_seconds", seconds);
        }
        figures.put("receive_lag_bytes", (double) Lsn.bytesFrom(receive, current));
        return new Reading(bytes, seconds, "replica", figures,
                seconds == null ? "lag in seconds unknown: no transaction replayed since the replica started" : null);
    }

    private static List<Object> replicaView(Node replica) throws SQLException {
        try (Connection c = Sql.open(replica, null, REPLICA_LIMIT)) {
            return Sql.run(c, "SELECT pg_is_in_recovery(), pg_last_wal_receive_lsn()::text, "
                    + "pg_last_wal_replay_lsn()::text, "
                    + "extract(epoch FROM clock_timestamp() - pg_last_xact_replay_timestamp())::float8::text",
                    Map.of(), REPLICA_LIMIT).rows().get(0);
        }
    }

    private static void primaryView(Connection c, String replicaName, long current, Map<String, Double> figures,
                                    Duration left) throws SQLException {
        Rows r = Sql.run(c, "SELECT application_name, sent_lsn::text, replay_lsn::text, "
                + "extract(epoch FROM write_lag)::float8::text, extract(epoch FROM flush_lag)::float8::text, "
                + "extract(epoch FROM replay_lag)::float8::text FROM pg_stat_replication ORDER BY pid", Map.of(), left);
        List<Object> row = null;
        for (List<Object> candidate : r.rows()) {
            if (replicaName.equals(candidate.get(0))) {
                row = candidate;
            }
        }
        if (row == null && r.rows().size() == 1) {
            row = r.rows().get(0);
        }
        if (row != null) {
            putBytes(figures, "primary_sent_lag_bytes", current, (String) row.get(1));
            putBytes(figures, "primary_replay_lag_bytes", current, (String) row.get(2));
            putSeconds(figures, "primary_write_lag_seconds", (String) row.get(3));
            putSeconds(figures, "primary_flush_lag_seconds", (String) row.get(4));
            putSeconds(figures, "primary_replay_lag_seconds", (String) row.get(5));
        }
        Rows slots = Sql.run(c, "SELECT restart_lsn::text FROM pg_replication_slots "
                + "WHERE slot_type = 'physical' AND restart_lsn IS NOT NULL ORDER BY restart_lsn LIMIT 1", Map.of(), left);
        if (!slots.isEmpty()) {
            putBytes(figures, "slot_retained_bytes", current, (String) slots.first());
        }
    }

    private static void putBytes(Map<String, Double> figures, String name, long current, String lsn) {
        if (lsn != null) {
            figures.put(name, (double) Lsn.bytesFrom(Lsn.parse(lsn), current));
        }
    }

    private static void putSeconds(Map<String, Double> figures, String name, String seconds) {
        if (seconds != null) {
            figures.put(name, Double.parseDouble(seconds));
        }
    }

    /** Runs {@code work} on a daemon thread and gives up after {@code limit} (a frozen server never answers). */
    public static <T> T withLimit(Duration limit, Callable<T> work) throws SQLException, TimeoutException, InterruptedException {
        FutureTask<T> task = new FutureTask<>(work);
        Thread t = new Thread(task, "pgdrill-probe");
        t.setDaemon(true);
        t.start();
        try {
            return task.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            task.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SQLException sql) {
                throw sql;
            }
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
