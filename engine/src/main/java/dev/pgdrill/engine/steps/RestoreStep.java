package dev.pgdrill.engine.steps;

import dev.pgdrill.engine.env.BackupInfo;
import dev.pgdrill.engine.env.Node;
import dev.pgdrill.engine.env.RecoveryTarget;
import dev.pgdrill.engine.env.RestoreRequest;
import dev.pgdrill.engine.scenario.Durations;
import dev.pgdrill.engine.scenario.StepSpec;
import dev.pgdrill.engine.step.Param;
import dev.pgdrill.engine.step.ParamType;
import dev.pgdrill.engine.step.StepContext;
import dev.pgdrill.engine.step.StepFailure;
import dev.pgdrill.engine.step.StepType;
import dev.pgdrill.engine.step.ValidationSink;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code restore: {node: primary, from: base, target: {time: "${steps.before.time}"}}}: rebuilds a
 * node from a base backup plus the WAL archive up to a target, then waits until it is writable
 * (action promote) or paused at the target (action pause). When PostgreSQL gives up, the step fails
 * with its own FATAL line; the recovery lines of the log are attached as evidence.
 */
public final class RestoreStep implements StepType {
    @Override
    public String key() {
        return "restore";
    }

    @Override
    public String description() {
        return "Restore a node (existing or new) from a base backup plus the WAL archive to a target; wait until writable or paused";
    }

    @Override
    public List<Param> params() {
        return List.of(Param.optional("node", ParamType.NODE_NAME, "primary", "node to restore into; a new name creates a node"),
                Param.optional("from", ParamType.BACKUP, "latest", "backup name, or 'latest' for the newest backup of the run"),
                Param.optional("target", ParamType.MAP, "{latest: true}",
                        "exactly one of time (with offset), name, lsn, xid, immediate: true, latest: true"),
                Param.optional("inclusive", ParamType.BOOLEAN, "true",
                        "stop just after the target (true) or just before it (false); time, lsn and xid only"),
                Param.oneOf("action", false, "promote", "at the target: promote (writable) or pause (read-only, paused)",
                        "promote", "pause"),
                Param.optional("archive-first", ParamType.BOOLEAN, "true",
                        "first switch WAL on the backup's source node (if it runs as a primary) and wait until archived"),
                Param.optional("must-start", ParamType.BOOLEAN, "true",
                        "false: a server that does not come up is reported (outputs started=false, fatal) instead of failing"),
                Param.optional("preflight", ParamType.BOOLEAN, "true",
                        "before touching the node, check that the backup ended before the target and the archive reaches past it"));
    }

    @Override
    public Set<String> outputs() {
        return Set.of("node", "backup", "started", "fatal", "timeline", "lsn", "seconds");
    }

    @Override
    public Set<String> nodesAfter(StepSpec spec, Set<String> nodesBefore) {
        String node = String.valueOf(spec.params().getOrDefault("node", "primary"));
        if (nodesBefore.contains(node)) {
            return nodesBefore;
        }
        Set<String> after = new LinkedHashSet<>(nodesBefore);
        after.add(node);
        return after;
    }

    @Override
    public void validate(StepSpec spec, ValidationSink problems) {
        Object target = spec.params().get("target");
        if (target != null) {
            if (!(target instanceof Map<?, ?> m)) {
                problems.problem(spec.locationOf("target"), "'target' must be a mapping, e.g. {time: \"${steps.before.time}\"}");
                return;
            }
            Targets.problems(m).forEach(p -> problems.problem(spec.locationOf("target"), p));
        }
        boolean latest = target == null || (target instanceof Map<?, ?> m && m.containsKey("latest"));
        if ("pause".equals(spec.params().get("action")) && latest) {
            problems.problem(spec.locationOf("action"), "action 'pause' needs a target to pause at (time, name, lsn, xid or immediate)");
        }
    }

    @Override
    public void run(StepContext ctx) throws Exception {
        String nodeName = ctx.args().string("node", "primary");
        Map<String, Object> rawTarget = ctx.args().has("target") ? ctx.args().map("target") : Map.of("latest", true);
        RecoveryTarget target = Targets.of(rawTarget, ctx.args().bool("inclusive", true));
        String action = ctx.args().string("action", "promote");
        BackupInfo backup = backup(ctx, ctx.args().string("from", "latest"));
        if (ctx.args().bool("archive-first", true) && !backup.naive()) {
            Wal.archiveCurrent(ctx, backup.fromNode());
        }
        if (ctx.args().bool("preflight", true)) {
            RestorePreflight.check(ctx, backup, target);
        }
        Optional<Node> existing = ctx.env().node(nodeName);
        long logFrom = existing.map(Node::logPosition).orElse(0L);
        Instant start = Instant.now();
        Node node = ctx.env().restore(new RestoreRequest(nodeName, backup.name(), target, action));
        ctx.node(node.name());
        ctx.output("node", node.name());
        ctx.output("backup", backup.name());
        String goal = backup.naive() ? "ready" : action.equals("pause") ? "paused" : "writable";
        try {
            StartupWatch.await(ctx, node, "'" + node.name() + "' restored from '" + backup.name() + "' to " + target
                    + " to be " + goal, goal, logFrom, "restore", () -> state(ctx, node, goal));
        } catch (StepFailure died) {
            if (ctx.args().bool("must-start", true) || node.isRunning()) {
                throw died;
            }
            ctx.output("started", false);
            ctx.output("fatal", died.getMessage());
            return;
        }
        Duration took = Duration.between(start, Instant.now());
        ctx.output("started", true);
        ctx.output("seconds", String.format(java.util.Locale.ROOT, "%.3f", took.toMillis() / 1000.0));
        ctx.measure("restore_seconds", took.toMillis() / 1000.0, "s");
        List<String> lines = StartupWatch.logSince(node, logFrom);
        RecoveryLog.evidence(lines).forEach(ctx::evidence);
        position(ctx, node);
        boolean targeted = target.kind() != RecoveryTarget.Kind.LATEST && !backup.naive();
        if (targeted) {
            RecoveryStop.check(ctx, node, target, lines, goal + " after " + Durations.format(took));
        }
    }

    private static String state(StepContext ctx, Node node, String goal) throws Exception {
        return switch (goal) {
            case "writable" -> Probes.writability(ctx, node);
            case "paused" -> Probes.pauseState(ctx, node);
            default -> Probes.ready(ctx, node) ? "ready" : "not ready";
        };
    }

    private static BackupInfo backup(StepContext ctx, String from) {
        List<BackupInfo> all = ctx.env().backups();
        if (all.isEmpty()) {
            throw new StepFailure("no backup was taken in this run: add a 'backup' step before 'restore'");
        }
        if (from.equals("latest") || from.equals("latest-backup")) {
            return all.get(all.size() - 1);
        }
        return all.stream().filter(b -> b.name().equals(from)).reduce((a, b) -> b).orElseThrow(() ->
                new StepFailure("no backup named '" + from + "' (backups: "
                        + String.join(", ", all.stream().map(BackupInfo::name).toList()) + ")"));
    }

    private static void position(StepContext ctx, Node node) {
        try {
            Rows r = Sql.query(ctx, node, "SELECT CASE WHEN pg_is_in_recovery() THEN pg_last_wal_replay_lsn()::text "
                    + "ELSE pg_current_wal_lsn()::text END, "
                    + "CASE WHEN pg_is_in_recovery() THEN NULL ELSE pg_walfile_name(pg_current_wal_lsn()) END", Map.of());
            ctx.output("lsn", Values.text(r.rows().get(0).get(0)));
            Object file = r.rows().get(0).get(1);
            if (file != null) {
                ctx.output("timeline", Lsn.timeline((String) file));
            }
        } catch (Exception e) {
            ctx.evidence("position after restore unavailable: " + StepContext.firstLine(e));
        }
    }
}
