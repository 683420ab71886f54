package dev.pgdrill.engine.postgres;

import dev.pgdrill.engine.env.Node;
import dev.pgdrill.engine.step.StepContext;
import dev.pgdrill.engine.wait.Poller;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;

/** Node states that steps wait for, each checked for real over SQL. */
public final class Probes {
    /** How long one probe may take, so a frozen node does not eat the whole deadline in one try. */
    public static final Duration PROBE_LIMIT = Duration.ofSeconds(5);

    private Probes() {
    }

    public static Duration probeLimit(StepContext ctx) {
        Duration left = ctx.remaining();
        return left.compareTo(PROBE_LIMIT) < 0 ? left : PROBE_LIMIT;
    }

    /** The node named {@code name} when its server runs and is not frozen, so it can answer SQL; else empty. */
    public static Optional<Node> answering(StepContext ctx, String name) {
        return ctx.env().node(name).filter(n -> n.isRunning() && !n.isPaused());
    }

    /** "accepts SQL" or the reason it does not. */
    public static boolean ready(StepContext ctx, Node node) throws SQLException {
        try (Connection c = Sql.open(node, null, probeLimit(ctx))) {
            Sql.scalar(c, "SELECT 1", probeLimit(ctx));
            return true;
        }
    }

    /** Whether the node is in recovery (a standby, or restoring). */
    public static boolean inRecovery(StepContext ctx, Node node) throws SQLException {
        try (Connection c = Sql.open(node, null, probeLimit(ctx))) {
            return Boolean.TRUE.equals(Sql.scalar(c, "SELECT pg_is_in_recovery()", probeLimit(ctx)));
        }
    }

    /**
     * Whether a node accepts writes, or why not.
     *
     * @param reason null when writable, else a short description of why not ("pg_is_in_recovery() = true")
     */
    public record Writability(String reason, boolean waitsForStandbys) {
        /** How a writable node is described in progress and messages. */
        public static final String WRITABLE = "writable";

        public Writability(String reason) {
            this(reason, false);
        }

        public boolean writable() {
            return reason == null;
        }

        @Override
        public String toString() {
            return writable() ? WRITABLE : reason;
        }
    }

    /**
     * Writable when the node is out of recovery and a write really commits (a temporary table is
     * created and dropped); otherwise why not. A commit whose wait for synchronous standbys was
     * cancelled (by the probe's time limit) is kept only locally and is no durable write: the node is
     * then not writable, {@link Writability#waitsForStandbys()}, and the reason names the standbys.
     */
    public static Writability writability(StepContext ctx, Node node) throws SQLException {
        try (Connection c = Sql.open(node, null, probeLimit(ctx))) {
            if (Boolean.TRUE.equals(Sql.scalar(c, "SELECT pg_is_in_recovery()", probeLimit(ctx)))) {
                return new Writability("pg_is_in_recovery() = true");
            }
            SQLWarning warning;
            try (Statement s = c.createStatement()) {
                s.setQueryTimeout(Sql.timeoutSeconds(probeLimit(ctx)));
                s.execute("CREATE TEMP TABLE pgdrill_write_probe(x int); DROP TABLE pgdrill_write_probe");
                warning = s.getWarnings();
            }
            for (SQLWarning w = warning; w != null; w = w.getNextWarning()) {
                String text = String.valueOf(w.getMessage());
                if (text.contains("wait for synchronous replication")) {
                    Object names = Sql.scalar(c, "SELECT current_setting('synchronous_standby_names')", probeLimit(ctx));
                    return new Writability("commits wait for synchronous standbys named " + names
                            + " (synchronous_standby_names), none of which confirmed a write probe's commit: its wait was "
                            + "cancelled and it committed only locally (PostgreSQL: " + Poller.firstLine(w) + ")", true);
                }
            }
            return new Writability(null);
        }
    }

    /** Waits until {@code node} accepts writes; fails the step with the last observation. */
    public static void awaitWritable(StepContext ctx, Node node) throws InterruptedException {
        ctx.await("'" + node.name() + "' to accept writes (pg_is_in_recovery() = false and a write succeeds)",
                null, () -> writability(ctx, node), Writability::writable, Writability::toString);
    }

    /** Waits until {@code node} accepts SQL. */
    public static void awaitReady(StepContext ctx, Node node) throws InterruptedException {
        ctx.await("'" + node.name() + "' to accept SQL", null, () -> ready(ctx, node), ok -> ok, ok -> "ready");
    }

    /** Recovery pause state on a standby: {@code paused}, {@code pause requested} or {@code not paused}. */
    public static String pauseState(StepContext ctx, Node node) throws SQLException {
        try (Connection c = Sql.open(node, null, probeLimit(ctx))) {
            Object inRecovery = Sql.scalar(c, "SELECT pg_is_in_recovery()", probeLimit(ctx));
            if (!Boolean.TRUE.equals(inRecovery)) {
                return "not in recovery";
            }
            try {
                return String.valueOf(Sql.scalar(c, "SELECT pg_get_wal_replay_pause_state()", probeLimit(ctx)));
            } catch (SQLException e) {
                // before PostgreSQL 14
                return Boolean.TRUE.equals(Sql.scalar(c, "SELECT pg_is_wal_replay_paused()", probeLimit(ctx)))
                        ? "paused" : "not paused";
            }
        }
    }
}
