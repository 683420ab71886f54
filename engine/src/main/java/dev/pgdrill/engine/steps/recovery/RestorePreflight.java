package dev.pgdrill.engine.steps.recovery;

import dev.pgdrill.engine.env.BackupInfo;
import dev.pgdrill.engine.env.Node;
import dev.pgdrill.engine.env.RecoveryTarget;
import dev.pgdrill.engine.env.SourceState;
import dev.pgdrill.engine.postgres.ArchiveContinuity;
import dev.pgdrill.engine.postgres.Lsn;
import dev.pgdrill.engine.postgres.Probes;
import dev.pgdrill.engine.postgres.Sql;
import dev.pgdrill.engine.postgres.Times;
import dev.pgdrill.engine.step.StepContext;
import dev.pgdrill.engine.step.StepFailure;

import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Checks, before a restore touches its node, that the backup and the WAL archive can reach the
 * target; otherwise the step fails saying which, and the node is left as it was.
 *
 * <ul>
 * <li>time: the backup ended before the target time; and the archive holds WAL written after it,
 *     judged by {@code pg_stat_archiver.last_archived_time} on the backup's source node (archived
 *     WAL was written before it was archived, so a target later than the last archiving cannot be
 *     reached). When the source is not running this half is skipped, and said so in the evidence.</li>
 * <li>the timeline recovered along ({@link TimelinePath}): its history file is archived, and it
 *     descends from the backup's timeline after the backup ended.</li>
 * <li>lsn: the backup's end LSN is at or before the target; and the archive lists the segment
 *     holding the target (or a later one) on the timeline of that path that holds it, or a later one of
 *     the path.</li>
 * <li>name, xid: neither can be placed before recovery reads the WAL; PostgreSQL's log decides.</li>
 * </ul>
 * These are necessary conditions: a target they let through can still be missed (a time target
 * needs a commit after it), which the restore then reports with PostgreSQL's own FATAL line.
 */
final class RestorePreflight {
    private RestorePreflight() {
    }

    static void check(StepContext ctx, BackupInfo backup, RecoveryTarget target) {
        check(ctx, backup, target, ctx.env().source().orElse(null));
    }

    /** @param state the drill's source as read for this restore, or null when the drill has none */
    static void check(StepContext ctx, BackupInfo backup, RecoveryTarget target, SourceState state) {
        if (backup.naive()) {
            return;
        }
        if (state != null) {
            sourceArchive(ctx, backup, state);
        }
        TimelinePath path = TimelinePath.check(ctx, backup, target);
        switch (target.kind()) {
            case TIME -> time(ctx, backup, target, state);
            case LSN -> lsn(ctx, backup, target, path);
            case NAME, XID -> ctx.evidence("preflight: a " + target.kind().name().toLowerCase(Locale.ROOT)
                    + " target cannot be placed before recovery reads the WAL; PostgreSQL's log will show where it stopped");
            default -> {
            }
        }
    }

    private static void time(StepContext ctx, BackupInfo backup, RecoveryTarget target, SourceState state) {
        OffsetDateTime at = TargetTimes.parse(target.value());
        if (at == null) {
            ctx.evidence("preflight: target time '" + target.value() + "' not understood here; left to PostgreSQL");
            return;
        }
        if (backup.endTime() != null && !backup.endTime().isBefore(at)) {
            throw new StepFailure("preflight: backup '" + backup.name() + "' ended at " + Times.format(backup.endTime())
                    + ", not before the target time " + target.value() + ": recovery replays forward from the end of a "
                    + "backup, so use a backup taken before the target (nothing was touched)");
        }
        if (state != null) {
            sourceReach(ctx, backup, state, target, at);
            return;
        }
        Node source = Probes.answering(ctx, backup.fromNode()).orElse(null);
        if (source == null) {
            ctx.evidence("preflight: archive reach for the target time not checked: '" + backup.fromNode()
                    + "' is not running to report pg_stat_archiver");
            return;
        }
        List<Object> row;
        try {
            row = Sql.query(ctx, source, "SELECT (last_archived_time AT TIME ZONE 'UTC')::text, last_archived_wal "
                    + "FROM pg_stat_archiver", Map.of()).rows().get(0);
        } catch (SQLException e) {
            ctx.evidence("preflight: archive reach not checked: pg_stat_archiver on '" + source.name()
                    + "' did not answer: " + Sql.describe(e));
            return;
        }
        OffsetDateTime archived = row.get(0) == null ? null : TargetTimes.parse(row.get(0) + "+00");
        if (archived == null || archived.isBefore(at)) {
            throw new StepFailure("preflight: the WAL archive does not reach the target time " + target.value() + ": "
                    + (archived == null ? "'" + source.name() + "' has archived nothing"
                    : "the newest archived WAL (" + row.get(1) + ") was archived at " + Times.format(archived)
                    + ", before the target")
                    + ", so recovery would end before reaching it; write and archive WAL past the target "
                    + "(capture-target does) or choose an earlier target (nothing was touched)");
        }
        ctx.evidence("preflight: backup '" + backup.name() + "' ended at " + Times.format(backup.endTime())
                + " and the archive holds WAL archived up to " + Times.format(archived) + " (" + row.get(1)
                + "), around the target time " + target.value());
    }

    /**
     * A source's archive reaches a target time when its newest segment was archived at or after it (archived WAL
     * was written before it was archived); the evidence of the backup end comes from the caller.
     */
    private static void sourceReach(StepContext ctx, BackupInfo backup, SourceState state, RecoveryTarget target,
                                    OffsetDateTime at) {
        if (state.newestWalTime() == null || state.newestWalTime().isBefore(at)) {
            throw new StepFailure("preflight: the source's WAL archive does not reach the target time " + target.value()
                    + ": " + (state.newestWal() == null ? "it holds no WAL segment" : "its newest segment ("
                    + state.newestWal() + ") was archived at " + Times.format(state.newestWalTime()) + ", before the "
                    + "target") + ", so recovery would end before reaching it; choose an earlier target (nothing was "
                    + "restored)");
        }
        ctx.evidence("preflight: backup '" + backup.name() + "' ended at " + (backup.endTime() == null ? "an unknown "
                + "time" : Times.format(backup.endTime())) + " and the source's newest WAL segment (" + state.newestWal() + ") was archived at "
                + Times.format(state.newestWalTime()) + ", after the target time " + target.value());
    }

    /**
     * A source's archive, from the backup's start segment on: no damaged file, and no gap on any timeline up to its
     * newest segment ({@link ArchiveContinuity}); recovery would stop at the first of either, short of any later target.
     */
    private static void sourceArchive(StepContext ctx, BackupInfo backup, SourceState state) {
        if (!state.damaged().isEmpty()) {
            throw new StepFailure("preflight: the source's WAL archive holds damaged files: " + String.join("; ",
                    state.damaged()) + "; recovery would stop there (nothing was restored)");
        }
        if (backup.startLsn() == null || !Lsn.isLsn(backup.startLsn())) {
            ctx.evidence("preflight: the source's archive continuity not checked: the backup's start LSN is unknown");
            return;
        }
        long size = state.segmentSize() > 0 ? state.segmentSize() : Lsn.DEFAULT_SEGMENT_SIZE;
        int timeline = Math.max(1, backup.timeline());
        ArchiveContinuity.Result r = ArchiveContinuity.check(ctx.env().archivedWalFiles(), timeline,
                Lsn.segmentOf(Lsn.parse(backup.startLsn()), size), Map.of(), size);
        List<String> missing = r.timelines().stream().flatMap(t -> t.missing().stream()).toList();
        if (!missing.isEmpty()) {
            throw new StepFailure("preflight: the source's WAL archive misses " + (missing.size() == 1 ? "segment "
                    : missing.size() + " segments: ") + String.join(", ", missing.subList(0, Math.min(10,
                    missing.size()))) + " after the start of backup '" + backup.name() + "' (" + Lsn.segmentName(
                    timeline, Lsn.segmentOf(Lsn.parse(backup.startLsn()), size), size) + "); recovery would stop at "
                    + "the gap (nothing was restored)");
        }
        ctx.evidence("preflight: the source's archive holds " + r.segments() + " segments without a gap from the "
                + "backup's start segment on (" + size / (1024 * 1024) + " MB segments)");
    }

    private static void lsn(StepContext ctx, BackupInfo backup, RecoveryTarget target, TimelinePath path) {
        long want = Lsn.parse(target.value());
        if (backup.endLsn() != null && Lsn.isLsn(backup.endLsn()) && Lsn.isAfter(Lsn.parse(backup.endLsn()), want)) {
            throw new StepFailure("preflight: backup '" + backup.name() + "' ends at WAL position " + backup.endLsn()
                    + ", after the target LSN " + target.value() + ": it cannot be rolled back, so use a backup "
                    + "taken before the target (nothing was touched)");
        }
        long size = segmentSize(ctx, backup.fromNode());
        long segno = Lsn.segmentOf(want, size);
        int timeline = path.timelineOf(segno, size);
        List<String> files = ctx.env().archivedWalFiles();
        boolean reached = files.stream().anyMatch(f -> path.ids().contains(Lsn.timeline(f))
                && Lsn.covers(f, timeline, segno, size));
        String segment = Lsn.segmentName(timeline, segno, size);
        if (!reached) {
            List<String> segments = files.stream().filter(f -> Lsn.segmentNumber(f, size) >= 0).toList();
            throw new StepFailure("preflight: the WAL archive does not reach the target LSN " + target.value()
                    + ": its segment " + segment + " is not archived (newest archived segment: "
                    + (segments.isEmpty() ? "none" : segments.get(segments.size() - 1)) + "); switch and archive WAL "
                    + "past the target or choose an earlier one (nothing was touched)");
        }
        ctx.evidence("preflight: backup '" + backup.name() + "' ends at " + backup.endLsn() + ", the archive holds segment "
                + segment + " with the target LSN " + target.value());
    }

    private static long segmentSize(StepContext ctx, String nodeName) {
        Node node = Probes.answering(ctx, nodeName).orElse(null);
        if (node == null) {
            return Lsn.DEFAULT_SEGMENT_SIZE;
        }
        try {
            return Long.parseLong(String.valueOf(Sql.scalar(ctx, node,
                    "SELECT setting FROM pg_settings WHERE name = 'wal_segment_size'")));
        } catch (SQLException | RuntimeException e) {
            return Lsn.DEFAULT_SEGMENT_SIZE;
        }
    }
}
