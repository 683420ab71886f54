package dev.pgdrill.engine.steps.recovery;

import dev.pgdrill.engine.env.BackupInfo;
import dev.pgdrill.engine.env.Node;
import dev.pgdrill.engine.env.RecoveryTarget;
import dev.pgdrill.engine.env.RestoreAction;
import dev.pgdrill.engine.env.RestoreRequest;
import dev.pgdrill.engine.env.SourceState;
import dev.pgdrill.engine.model.Durations;
import dev.pgdrill.engine.model.StepSpec;
import dev.pgdrill.engine.postgres.Lsn;
import dev.pgdrill.engine.postgres.Probes;
import dev.pgdrill.engine.postgres.RecoveryLog;
import dev.pgdrill.engine.postgres.Rows;
import dev.pgdrill.engine.postgres.Sql;
import dev.pgdrill.engine.postgres.StartupWatch;
import dev.pgdrill.engine.postgres.Values;
import dev.pgdrill.engine.postgres.Wal;
import dev.pgdrill.engine.step.ParamBinder;
import dev.pgdrill.engine.step.ParamType;
import dev.pgdrill.engine.step.StepContext;
import dev.pgdrill.engine.step.StepFailure;
import dev.pgdrill.engine.step.StepOutput;
import dev.pgdrill.engine.step.StepParam;
import dev.pgdrill.engine.step.StepType;
import dev.pgdrill.engine.step.ValidationSink;
import dev.pgdrill.engine.wait.Poller;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code restore: {node: primary, from: base, target: {time: "${steps.before.time}"}}}: rebuilds a
 * node from a base backup plus the WAL archive up to a target, then waits until it is writable
 * (action promote) or paused at the target (action pause), or until it streams from its upstream and replays a
 * new write (action standby, see {@link StandbyRestore}). When PostgreSQL gives up, the step fails
 * with its own FATAL line; the recovery lines of the log are attached as evidence.
 */
public final class RestoreStep extends StepType<RestoreStep.Params> {
    /** What the restored node does at the target; standby: it has none, it streams from its upstream. */
    enum Action {
        PROMOTE(RestoreAction.PROMOTE), PAUSE(RestoreAction.PAUSE), STANDBY(null);

        final RestoreAction setting;

        Action(RestoreAction setting) {
            this.setting = setting;
        }
    }

    record Params(
            @StepParam(value = "node to restore into; a new name creates a node", dflt = "primary",
                    type = ParamType.NODE_NAME) String node,
            @StepParam(value = "backup name, or 'latest' for the newest backup of the run", dflt = "latest",
                    type = ParamType.BACKUP) String from,
            @StepParam(value = "exactly one of time (with offset), name, lsn, xid, immediate: true, latest: true; "
                    + "and optionally timeline: current (default: the backup's timeline, never following a switch), "
                    + "latest (the newest timeline in the archive, PostgreSQL's own default) or a timeline id",
                    shown = "{latest: true, timeline: current}") Map<String, Object> target,
            @StepParam(value = "stop just after the target (true) or just before it (false); time, lsn and xid only",
                    dflt = "true") boolean inclusive,
            @StepParam(value = "at the target: promote (writable) or pause (read-only, paused); or standby: no target, "
                    + "the node then streams from 'upstream' (standby.signal, its slot there, the latest timeline)",
                    dflt = "promote")
            Action action,
            @StepParam(value = "with action: standby, the node it streams from; the step passes once it streams from "
                    + "it and replays a new write", type = ParamType.NODE) String upstream,
            @StepParam(value = "first switch WAL on the backup's source node (if it runs as a primary) and wait until archived",
                    dflt = "true") boolean archiveFirst,
            @StepParam(value = "false: a server that does not come up is reported (outputs started=false, fatal) instead of failing",
                    dflt = "true") boolean mustStart,
            @StepParam(value = "before touching the node, check that the backup ended before the target and the archive reaches past it",
                    dflt = "true") boolean preflight,
            @StepParam(value = "true: the backup must be missing or the preflight must refuse the target; the step passes "
                    + "with the refusal as output 'refusal' and the node untouched", dflt = "false") boolean expectRefusal) {
        /** The target as written, or "latest" when none is. */
        Map<String, Object> targetOrLatest() {
            return target.isEmpty() ? Map.of(Targets.LATEST, true) : target;
        }
    }

    public RestoreStep() {
        super("restore", "Restore a node (existing or new) from a base backup plus the WAL archive to a target; "
                + "wait until writable or paused, or (action: standby) streaming from its upstream", Params.class,
                StepOutput.of("node", "the node restored"),
                StepOutput.of("backup", "the backup restored from"),
                StepOutput.of("started", "true when the server started, false when it died (see fatal)"),
                StepOutput.of("fatal", "the FATAL line of a server that died while recovering"),
                StepOutput.of("timeline", "the timeline after recovery, when the node is writable"),
                StepOutput.of("lsn", "the replay LSN (paused) or the current WAL LSN (writable) after recovery"),
                StepOutput.of("seconds", "seconds from the start of the restore until writable or paused"),
                StepOutput.of("refusal", "why the restore was refused, with expect-refusal: true"),
                StepOutput.of("upstream", "with action: standby, the node it streams from"),
                StepOutput.of("source", "with environment: source, the source restored from"),
                StepOutput.of("label", "with a source, the backup's label (pgBackRest: its set)"),
                StepOutput.of("backup-start", "with a source, when the backup started"),
                StepOutput.of("backup-stop", "with a source, when the backup stopped"),
                StepOutput.of("backup-start-lsn", "with a source, where the backup's WAL starts"),
                StepOutput.of("backup-stop-lsn", "with a source, where the backup is consistent"),
                StepOutput.of("objective-rto", "with objectives: rto, pass or fail with the restore's seconds"),
                StepOutput.of("objective-max-backup-age", "with objectives: max-backup-age, pass or fail with the "
                        + "newest backup's age"),
                StepOutput.of("objective-max-wal-age", "with objectives: max-wal-age, pass or fail with the newest "
                        + "archived WAL's age"));
    }

    @Override
    public Set<String> nodesAfter(StepSpec spec, Set<String> nodesBefore) {
        String node = asWritten(spec).node();
        if (nodesBefore.contains(node)) {
            return nodesBefore;
        }
        Set<String> after = new LinkedHashSet<>(nodesBefore);
        after.add(node);
        return after;
    }

    @Override
    protected void checkCombination(StepSpec spec, ValidationSink problems) {
        Object target = spec.params().get("target");
        if (target != null) {
            if (!(target instanceof Map<?, ?> m)) {
                problems.problem(spec.locationOf("target"), "'target' must be a mapping, e.g. {time: \"${steps.before.time}\"}");
                return;
            }
            Targets.problems(m).forEach(p -> problems.problem(spec.locationOf("target"), p));
        }
        boolean latest = target == null || (target instanceof Map<?, ?> m && (m.containsKey(Targets.LATEST)
                || m.keySet().stream().map(String::valueOf).noneMatch(Targets.KINDS::contains)));
        if (Boolean.TRUE.equals(spec.params().get("expect-refusal")) && Boolean.FALSE.equals(spec.params().get("preflight"))) {
            problems.problem(spec.locationOf("expect-refusal"), "expect-refusal needs the preflight (preflight: true), which refuses");
        }
        if (ParamBinder.yamlName(Action.PAUSE).equals(spec.params().get("action")) && latest) {
            problems.problem(spec.locationOf("action"), "action 'pause' needs a target to pause at (time, name, lsn, xid or immediate)");
        }
        StandbyRestore.checkCombination(spec, problems,
                ParamBinder.yamlName(Action.STANDBY).equals(spec.params().get("action")));
    }

    @Override
    protected void run(StepContext ctx, Params p) throws Exception {
        RecoveryTarget target = p.action() == Action.STANDBY ? StandbyRestore.TARGET
                : Targets.of(p.targetOrLatest(), p.inclusive());
        Optional<SourceState> source = ctx.env().source();   // read once: a source's listing may be slow to read
        BackupInfo backup;
        try {
            backup = prepare(ctx, p, target, source);
        } catch (StepFailure refused) {
            if (!p.expectRefusal()) {
                throw refused;
            }
            ctx.output("refusal", refused.getMessage());
            ctx.evidence("refused as expected: " + refused.getMessage());
            return;
        }
        if (p.expectRefusal()) {
            throw new StepFailure("expected restoring '" + p.node() + "' from '" + backup.name() + "' to " + target
                    + " to be refused, but the backup exists and the preflight lets it through (nothing was touched)");
        }
        source.ifPresent(state -> SourceRestore.describe(ctx, state, backup));
        Optional<Node> existing = ctx.env().node(p.node());
        long logFrom = existing.map(Node::logPosition).orElse(0L);
        Instant start = Instant.now();
        Node node = ctx.env().restore(p.action() == Action.STANDBY
                ? RestoreRequest.standby(p.node(), backup.name(), p.upstream())
                : new RestoreRequest(p.node(), backup.name(), target, p.action().setting));
        ctx.node(node.name());
        ctx.output("node", node.name());
        ctx.output("backup", backup.name());
        if (backup.parent() != null) {
            ctx.evidence("restored " + backup.type() + " backup '" + backup.name() + "' with its chain: " + chain(ctx, backup));
        }
        String goal = backup.naive() || p.action() == Action.STANDBY ? "ready" : p.action() == Action.PAUSE ? "paused"
                : Probes.Writability.WRITABLE;
        try {
            StartupWatch.await(ctx, node, "'" + node.name() + "' restored from '" + backup.name() + "' to " + target
                    + " to be " + goal, goal, logFrom, "restore", () -> state(ctx, node, goal));
        } catch (StepFailure died) {
            toolEvidence(ctx);
            if (p.mustStart() || node.isRunning()) {
                throw died;
            }
            ctx.output("started", false);
            ctx.output("fatal", died.getMessage());
            return;
        }
        if (p.action() == Action.STANDBY) {
            StandbyRestore.awaitStreaming(ctx, node, ctx.node(p.upstream()), logFrom);
        }
        Duration took = Duration.between(start, Instant.now());
        ctx.output("started", true);
        ctx.output("seconds", String.format(Locale.ROOT, "%.3f", took.toMillis() / 1000.0));
        ctx.measure("restore_seconds", took.toMillis() / 1000.0, "s");
        List<String> lines = StartupWatch.logSince(node, logFrom);
        RecoveryLog.evidence(lines).forEach(ctx::evidence);
        toolEvidence(ctx);
        position(ctx, node);
        boolean targeted = target.kind() != RecoveryTarget.Kind.LATEST && !backup.naive();
        if (targeted) {
            RecoveryStop.check(ctx, node, target, lines, goal + " after " + Durations.format(took));
        }
        if (source.isPresent()) {
            SourceRestore.checkObjectives(ctx, source.get(), took);
        }
    }

    /** The backup to restore, checked by the preflight before anything is touched. */
    private static BackupInfo prepare(StepContext ctx, Params p, RecoveryTarget target, Optional<SourceState> source)
            throws Exception {
        BackupInfo backup = backup(ctx, p.from(), source);
        if (p.archiveFirst() && !backup.naive() && source.isEmpty()) {
            Wal.archiveCurrent(ctx, backup.fromNode());
        }
        if (p.preflight()) {
            RestorePreflight.check(ctx, backup, target, source.orElse(null));
        }
        return backup;
    }

    /** The backup tool's own lines about this restore (pgBackRest's restore and archive-get), next to PostgreSQL's. */
    private static void toolEvidence(StepContext ctx) {
        try {
            ctx.env().restoreToolLog().forEach(line -> ctx.evidence(ctx.env().backupTool() + ": " + line));
        } catch (RuntimeException e) {
            ctx.evidence("the backup tool's log is unavailable: " + Poller.firstLine(e));
        }
    }

    private static String state(StepContext ctx, Node node, String goal) throws Exception {
        return switch (goal) {
            case Probes.Writability.WRITABLE -> Probes.writability(ctx, node).toString();
            case "paused" -> Probes.pauseState(ctx, node);
            default -> Probes.ready(ctx, node) ? "ready" : "not ready";
        };
    }

    private static BackupInfo backup(StepContext ctx, String from, Optional<SourceState> source) {
        List<BackupInfo> all = ctx.env().backups();
        if (all.isEmpty()) {
            throw new StepFailure(source.map(s -> "the source (" + s.source().describe() + ") holds no backup")
                    .orElse("no backup was taken in this run: add a 'backup' step before 'restore'"));
        }
        if (from.equals("latest") || from.equals("latest-backup")) {
            return all.get(all.size() - 1);
        }
        return all.stream().filter(b -> b.name().equals(from)).reduce((a, b) -> b).orElseThrow(() ->
                new StepFailure("no backup named '" + from + "' in the catalogue of " + ctx.env().backupTool()
                        + " (it lists: " + String.join(", ", all.stream().map(BackupInfo::name).toList())
                        + (source.isPresent() ? "); an expired set is gone from the source"
                        : "); a backup removed by expire-backups is gone")));
    }

    /** {@code sunday (full) + monday (incr)}: the backups {@code backup} builds on, oldest first, as the catalogue has them. */
    private static String chain(StepContext ctx, BackupInfo backup) {
        Map<String, BackupInfo> byName = new LinkedHashMap<>();
        ctx.env().backups().forEach(b -> byName.put(b.name(), b));
        List<String> links = new ArrayList<>();
        for (BackupInfo b = backup; b != null && links.size() <= byName.size(); b = b.parent() == null ? null
                : byName.get(b.parent())) {
            links.add(0, b.name() + " (" + b.type() + ")");
        }
        return String.join(" + ", links);
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
            ctx.evidence("position after restore unavailable: " + Poller.firstLine(e));
        }
    }
}
