package dev.pgdrill.engine.steps.sql;

import dev.pgdrill.engine.env.Node;
import dev.pgdrill.engine.postgres.Rows;
import dev.pgdrill.engine.postgres.Sql;
import dev.pgdrill.engine.postgres.Texts;
import dev.pgdrill.engine.step.StepContext;
import dev.pgdrill.engine.step.StepFailure;
import dev.pgdrill.engine.wait.Poller;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code sql: {..., expect-blocked: 2s}}: the statement must still be waiting after that long (e.g.
 * a commit waiting for a synchronous standby that was cut off). The step then passes and leaves it
 * waiting, on its own connection with no statement timeout: it is never cancelled, because a
 * cancelled wait for synchronous replication commits locally. Its outcome, whenever it comes (e.g.
 * a broken connection when the node is killed), goes to the ledger; at the end of the drill the
 * connection is cut and a write still waiting is recorded as unknown.
 */
final class BlockedSql {
    private static final Duration NO_LIMIT = Duration.ofDays(365);
    private static final Duration JOIN = Duration.ofSeconds(2);

    private BlockedSql() {
    }

    static void run(StepContext ctx, Node node, SqlParams p) throws Exception {
        String sql = p.sql();
        Duration hold = p.expectBlocked();
        Connection c = node.connect(p.database() != null ? p.database() : node.connectionInfo().database());
        String pid;
        try (Statement s = c.createStatement()) {
            s.execute("SET statement_timeout = 0");
            pid = String.valueOf(Sql.scalar(c, "SELECT pg_backend_pid()", ctx.remaining()));
        } catch (SQLException | RuntimeException e) {
            c.close();
            throw e;
        }
        SqlLedger write = SqlLedger.begin(ctx, node, p);
        Map<String, Object> params = p.params();
        CompletableFuture<Rows> done = CompletableFuture.supplyAsync(() -> {
            try {
                Rows r = Sql.run(c, sql, params, NO_LIMIT);
                if (write != null) {
                    write.acknowledged();
                }
                return r;
            } catch (SQLException e) {
                if (write != null) {
                    write.failed(e);
                }
                throw new CompletionException(e);
            }
        }, r -> daemon(r, "blocked-sql-" + pid));
        ctx.state().closeAtEnd(() -> release(c, done, write));
        ctx.output("pid", pid);
        try {
            done.get(hold.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException stillWaiting) {
            String wait = waitEvent(ctx, node, pid);
            ctx.output("wait-event", wait);
            ctx.evidence("still waiting after " + hold.toMillis() + " ms on '" + node.name() + "' (backend " + pid
                    + ", wait event " + wait + "); left waiting, not cancelled"
                    + (write == null ? "" : "; " + write.describe()));
            return;
        } catch (ExecutionException failed) {
            Throwable cause = failed.getCause() instanceof CompletionException ce
                    ? ce.getCause() : failed.getCause();
            String why = cause instanceof SQLException e ? Sql.describe(e) : Poller.firstLine(cause);
            throw new StepFailure("expected the SQL on '" + node.name() + "' to stay blocked for " + hold.toMillis()
                    + " ms, but it failed: " + why + "; SQL: " + Texts.abbreviate(sql));
        }
        throw new StepFailure("expected the SQL on '" + node.name() + "' to stay blocked for " + hold.toMillis()
                + " ms, but it completed" + (write == null ? "" : " (" + write.describe() + ")")
                + "; SQL: " + Texts.abbreviate(sql));
    }

    private static String waitEvent(StepContext ctx, Node node, String pid) {
        try {
            Rows r = Sql.query(ctx, node, "SELECT coalesce(wait_event_type || '/' || wait_event, state) FROM pg_stat_activity "
                    + "WHERE pid = :pid", Map.of("pid", Long.parseLong(pid)));
            return r.isEmpty() ? "gone" : String.valueOf(r.first());
        } catch (SQLException | RuntimeException e) {
            return "unavailable (" + Poller.firstLine(e) + ")";
        }
    }

    /** End of drill: cut the connection (no cancel), wait briefly, record a write still waiting as unknown. */
    private static void release(Connection c, CompletableFuture<Rows> done, SqlLedger write) {
        try {
            if (!done.isDone()) {
                c.abort(Runnable::run);
                try {
                    done.get(JOIN.toMillis(), TimeUnit.MILLISECONDS);
                } catch (Exception ignored) {
                    // its outcome is recorded by the statement's own thread, or below
                }
            }
            c.close();
        } catch (SQLException ignored) {
            // the connection is gone either way
        } finally {
            if (write != null) {
                write.abandon("still waiting when the drill ended; connection cut");
            }
        }
    }

    private static void daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        t.start();
    }
}
