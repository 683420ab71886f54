package dev.pgdrill.engine.steps.recovery;

import dev.pgdrill.engine.env.EnvironmentSpec;
import dev.pgdrill.engine.env.Node;
import dev.pgdrill.engine.model.StepSpec;
import dev.pgdrill.engine.postgres.Lsn;
import dev.pgdrill.engine.postgres.Probes;
import dev.pgdrill.engine.postgres.RecoveryLog;
import dev.pgdrill.engine.postgres.Rows;
import dev.pgdrill.engine.postgres.Sql;
import dev.pgdrill.engine.postgres.StartupWatch;
import dev.pgdrill.engine.step.ParamType;
import dev.pgdrill.engine.step.StepContext;
import dev.pgdrill.engine.step.StepFailure;
import dev.pgdrill.engine.step.StepOutput;
import dev.pgdrill.engine.step.StepParam;
import dev.pgdrill.engine.step.StepType;
import dev.pgdrill.engine.step.ValidationSink;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code promote: replica}: turns a standby into a primary and waits until it accepts writes: it is out
 * of recovery and a write commits. A commit that waits for synchronous standbys that do not confirm it
 * fails the step (a commit whose wait is cancelled stays only local: no durable write).
 */
public final class PromoteStep extends StepType<PromoteStep.Params> {
    private static final String OUT_OF_RECOVERY = "out of recovery";
    private static final String PROMOTE_REQUEST = "received promote request";
    private static final String READY = "database system is ready to accept connections";

    record Params(@StepParam(value = "standby to promote", dflt = "replica", shorthand = true, type = ParamType.NODE) String on) {
    }

    public PromoteStep() {
        super("promote", "Promote a standby (pg_promote) and wait until it accepts writes", Params.class,
                StepOutput.of("timeline", "the new timeline"),
                StepOutput.of("lsn", "the current WAL LSN after promotion"),
                StepOutput.of("seconds", "seconds the server took to promote: from 'received promote request' to "
                        + "'ready to accept connections' in its log (else until pg_is_in_recovery() turned false)"));
    }

    /** With a failover manager the manager elects the leader: a promote behind its back would split the cluster. */
    @Override
    public void checkEnvironment(StepSpec spec, EnvironmentSpec environment, ValidationSink problems) {
        if (environment.managed()) {
            problems.problem(spec.location(), "'promote' is refused with failover-manager '"
                    + environment.failoverManager() + "': the manager elects the leader; ask it for a switchover "
                    + "(planned) or let it fail over (kill, stop or partition the leader, then wait-leader)");
        }
    }

    @Override
    protected void run(StepContext ctx, Params p) throws Exception {
        Node node = ctx.node(p.on());
        long logFrom = node.logPosition();
        Instant start = Instant.now();
        try (Connection c = Sql.open(ctx, node, null)) {
            if (!Boolean.TRUE.equals(Sql.scalar(c, "SELECT pg_is_in_recovery()", ctx.remaining()))) {
                throw new StepFailure("node '" + node.name() + "' is not in recovery: there is nothing to promote");
            }
            // Not pg_promote(true): it checks for the end of recovery only every 100 ms. The wait below
            // polls at the step's pace and sees the node writable as soon as PostgreSQL reports it.
            Object signalled = Sql.run(c, "SELECT pg_promote(false)", Map.of(), ctx.remaining()).first();
            if (!Boolean.TRUE.equals(signalled)) {
                throw new StepFailure("cannot promote '" + node.name() + "': pg_promote(false) could not signal "
                        + "the postmaster (returned " + signalled + ")");
            }
        } catch (SQLException e) {
            throw new StepFailure("cannot promote '" + node.name() + "': " + Sql.describe(e), e);
        }
        StartupWatch.await(ctx, node, "'" + node.name() + "' to leave recovery after promotion", OUT_OF_RECOVERY,
                logFrom, "promotion", () -> Probes.inRecovery(ctx, node) ? "pg_is_in_recovery() = true" : OUT_OF_RECOVERY);
        Duration seen = Duration.between(start, Instant.now());
        Probes.Writability first = Probes.writability(ctx, node);
        if (first.waitsForStandbys()) {
            RecoveryLog.evidence(StartupWatch.logSince(node, logFrom)).forEach(ctx::evidence);
            throw new StepFailure("'" + node.name() + "' left recovery but cannot complete a commit: " + first.reason()
                    + "; name a standby that exists in synchronous_standby_names, or clear it, before relying on this node");
        }
        if (!first.writable()) {
            StartupWatch.await(ctx, node, "'" + node.name() + "' to accept writes after promotion",
                    Probes.Writability.WRITABLE, logFrom, "promotion", () -> Probes.writability(ctx, node).toString());
        }
        List<String> lines = StartupWatch.logSince(node, logFrom);
        Duration took = RecoveryLog.between(lines, PROMOTE_REQUEST, READY).orElse(null);
        if (took != null) {
            ctx.evidence(String.format(Locale.ROOT, "promotion took %.3f s by the server log (from '%s' to '%s'); "
                    + "the step saw pg_is_in_recovery() = false after %.3f s", took.toMillis() / 1000.0, PROMOTE_REQUEST,
                    READY, seen.toMillis() / 1000.0));
        } else {
            took = seen;
            ctx.evidence(String.format(Locale.ROOT, "promotion took %.3f s until pg_is_in_recovery() = false (the server "
                    + "log has no timed '%s' and '%s' lines)", took.toMillis() / 1000.0, PROMOTE_REQUEST, READY));
        }
        ctx.measure("promote_seconds", took.toMillis() / 1000.0, "s");
        ctx.output("seconds", String.format(Locale.ROOT, "%.3f", took.toMillis() / 1000.0));
        Rows r = Sql.query(ctx, node, "SELECT pg_current_wal_lsn()::text, pg_walfile_name(pg_current_wal_lsn())", Map.of());
        ctx.output("lsn", r.rows().get(0).get(0));
        ctx.output("timeline", Lsn.timeline((String) r.rows().get(0).get(1)));
        RecoveryLog.evidence(lines).forEach(ctx::evidence);
    }
}
