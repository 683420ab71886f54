package dev.pgdrill.engine.steps.measure;

import dev.pgdrill.engine.env.Environment;
import dev.pgdrill.engine.env.Leader;
import dev.pgdrill.engine.env.Node;
import dev.pgdrill.engine.ledger.LedgerEntry;
import dev.pgdrill.engine.ledger.Presence;
import dev.pgdrill.engine.ledger.WriteLedger;
import dev.pgdrill.engine.postgres.MultiHost;
import dev.pgdrill.engine.postgres.Sql;
import dev.pgdrill.engine.wait.Poller;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The background writer of a {@code workload} step: one thread, one connection, one single-row
 * INSERT per tick in its own transaction, each recorded in a {@link WriteLedger}. When a write
 * fails the connection is dropped; the next tick connects to the first of its candidate nodes that
 * is running and out of recovery, so the writer follows a failover; a multi-host writer instead
 * connects with one multi-host URL of its candidates and lets the driver pick the host (each
 * reconnection rechecks every host), recording the node it reached. A write never waits longer than
 * the write timeout: the client gives up (socket timeout, no cancel, since a cancelled wait for
 * synchronous replication commits locally) and records the outcome as unknown.
 */
final class Workload implements AutoCloseable {
    private static final Duration STOP_GRACE = Duration.ofSeconds(2);
    private final String name;
    private final WriteLedger ledger;
    private final Environment env;
    private final List<String> candidates;
    private final MultiHost.SessionAttrs attrs;
    private final String table;
    private final long base;
    private final long periodNanos;
    private final Duration writeTimeout;
    private final AtomicLong unreachable = new AtomicLong();
    private final Thread thread;
    private volatile boolean stopping;
    private volatile Connection conn;
    private volatile String lastProblem = "none";
    private volatile long inFlight;
    private String connNode;
    private long written;

    /**
     * @param candidates nodes to write to, in order of preference (the first is where it starts); with
     *                   {@code attrs}, the hosts of the multi-host connection, in its order
     * @param attrs      the session attributes of a multi-host writer, or null for the engine's choice
     * @param base       the writer's rows get seq base+1, base+2, ...
     */
    Workload(String name, WriteLedger ledger, Environment env, List<String> candidates, MultiHost.SessionAttrs attrs,
             String table, long base, double rate, Duration writeTimeout) {
        this.name = name;
        this.ledger = ledger;
        this.env = env;
        this.candidates = List.copyOf(candidates);
        this.attrs = attrs;
        this.table = table;
        this.base = base;
        this.periodNanos = (long) (TimeUnit.SECONDS.toNanos(1) / rate);
        this.writeTimeout = writeTimeout;
        this.thread = new Thread(this::loop, "workload-" + name);
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Whether the driver picks the host (a multi-host client), rather than the engine. */
    boolean multiHost() {
        return attrs != null;
    }

    boolean running() {
        return thread.isAlive();
    }

    /** Why the last tick did not write, or the last write error. */
    String lastProblem() {
        return lastProblem;
    }

    long unreachableTicks() {
        return unreachable.get();
    }

    /** This writer's entries in its ledger (a ledger may also hold single sql writes). */
    List<LedgerEntry> entries() {
        return ledger.entries().stream().filter(e -> name.equals(e.writer())).toList();
    }

    /**
     * Stops the writer: the write in flight may finish (at most the write timeout), then the
     * connection is closed. A write still hanging after that is cut off and recorded unknown.
     */
    void stop() throws InterruptedException {
        stopping = true;
        LockSupport.unpark(thread);
        thread.join(writeTimeout.plus(STOP_GRACE).toMillis());
        if (thread.isAlive()) {
            abortConnection();
            thread.join(STOP_GRACE.toMillis());
        }
        long pending = inFlight;
        if (pending > 0) {
            ledger.abandon(pending, "writer stopped while the write was in flight");
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    private void loop() {
        long next = System.nanoTime();
        try {
            while (!stopping) {
                tick();
                next += periodNanos;
                long now = System.nanoTime();
                if (next < now) {
                    next = now; // a slow write delays the next one; no burst to catch up
                }
                while (!stopping && next - System.nanoTime() > 0) {
                    LockSupport.parkNanos(next - System.nanoTime());
                }
            }
        } finally {
            closeConnection();
        }
    }

    private void tick() {
        if (conn == null && !connect()) {
            unreachable.incrementAndGet();
            return;
        }
        long row = base + (++written);
        long seq = ledger.begin(String.valueOf(row), name, connNode, new Presence.Row(table, row));
        inFlight = seq;
        try (PreparedStatement ps = conn.prepareStatement("INSERT INTO " + table
                + " (seq, written_at, payload) VALUES (?, clock_timestamp(), ?) RETURNING pg_current_wal_insert_lsn()::text")) {
            ps.setLong(1, row);
            ps.setString(2, "workload " + name + " write " + row);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                ledger.acknowledge(seq, rs.getString(1));
            }
        } catch (SQLException | RuntimeException e) {
            String state = e instanceof SQLException s ? s.getSQLState() : null;
            String text = e instanceof SQLException s ? Sql.describe(s) : Poller.firstLine(e);
            lastProblem = "write " + row + " on '" + connNode + "': " + text;
            ledger.fail(seq, WriteLedger.statusFor(state), text);
            closeConnection();
        } finally {
            inFlight = 0;
        }
    }

    /** Connects to the first candidate that is running, not frozen and out of recovery. */
    private boolean connect() {
        if (attrs != null) {
            return connectMultiHost();
        }
        StringBuilder why = new StringBuilder();
        for (String written : candidates) {
            String candidate = Leader.isRole(written) ? leaderNow() : written;
            if (candidate == null) {
                why.append("no node leads now; ");
                continue;
            }
            Node node = env.node(candidate).orElse(null);
            if (node == null || !node.isRunning() || node.isPaused()) {
                why.append(candidate).append(node == null ? " absent; " : node.isRunning() ? " paused; " : " down; ");
                continue;
            }
            Connection c = null;
            try {
                c = node.connect();
                c.setNetworkTimeout(Runnable::run, (int) writeTimeout.toMillis());
                c.setAutoCommit(true);
                try (var s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_is_in_recovery()")) {
                    rs.next();
                    if (rs.getBoolean(1)) {
                        why.append(candidate).append(" in recovery; ");
                        c.close();
                        continue;
                    }
                }
                conn = c;
                connNode = candidate;
                return true;
            } catch (SQLException | RuntimeException e) {
                why.append(candidate).append(": ").append(Poller.firstLine(e)).append("; ");
                closeQuietly(c);
            }
        }
        lastProblem = "no writable node (" + why.toString().replaceAll("; $", "") + ")";
        return false;
    }

    /** The node that leads now, or null when none does or the question could not be answered. */
    private String leaderNow() {
        try {
            return env.leader().map(Leader::node).orElse(null);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * Connects as an application with a multi-host connection string would: the driver tries the candidates in
     * order and keeps the first whose role fits {@code attrs}; each host's start-up may take the write timeout.
     */
    private boolean connectMultiHost() {
        List<Node> nodes = candidates.stream().map(n -> env.node(n).orElse(null)).filter(Objects::nonNull).toList();
        String hosts = String.join(", ", candidates);
        if (nodes.isEmpty()) {
            lastProblem = "none of " + hosts + " exists";
            return false;
        }
        MultiHost.Session s = null;
        try {
            s = MultiHost.connect(nodes, attrs, null, (int) Math.max(1, (writeTimeout.toMillis() + 999) / 1000));
            if (s.node() == null) {
                closeQuietly(s.connection());
                lastProblem = "the multi-host connection to " + hosts + " answered from a host and port that is none of theirs";
                return false;
            }
            s.connection().setNetworkTimeout(Runnable::run, (int) writeTimeout.toMillis());
            s.connection().setAutoCommit(true);
            conn = s.connection();
            connNode = s.node().name();
            return true;
        } catch (SQLException | RuntimeException e) {
            closeQuietly(s == null ? null : s.connection());
            lastProblem = "no host of the multi-host connection to " + hosts + " fits (" + Poller.firstLine(e) + ")";
            return false;
        }
    }

    private void abortConnection() {
        Connection c = conn;
        if (c != null) {
            try {
                c.abort(Runnable::run);
            } catch (SQLException | RuntimeException ignored) {
                // already broken: nothing more to cut
            }
        }
    }

    private void closeConnection() {
        closeQuietly(conn);
        conn = null;
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException | RuntimeException ignored) {
                // the connection is being thrown away
            }
        }
    }
}
