package dev.pgdrill.engine.steps.backup;

import dev.pgdrill.engine.env.BackupInfo;
import dev.pgdrill.engine.env.Node;
import dev.pgdrill.engine.model.StepSpec;
import dev.pgdrill.engine.postgres.ArchiveContinuity;
import dev.pgdrill.engine.postgres.Lsn;
import dev.pgdrill.engine.postgres.Probes;
import dev.pgdrill.engine.postgres.Sql;
import dev.pgdrill.engine.postgres.TimelineHistory;
import dev.pgdrill.engine.step.ParamType;
import dev.pgdrill.engine.step.StepContext;
import dev.pgdrill.engine.step.StepFailure;
import dev.pgdrill.engine.step.StepOutput;
import dev.pgdrill.engine.step.StepParam;
import dev.pgdrill.engine.step.StepType;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * {@code check-archive: {}}: the run's WAL archive holds every segment from the oldest backup's start on, per
 * timeline, following the timelines' history files (see {@link ArchiveContinuity}), and the history file of
 * every timeline seen. Gaps fail the step with the names missing. The segments the live timeline has not
 * filled yet are not archived and not looked for: the check ends at each timeline's newest archived segment.
 */
public final class CheckArchiveStep extends StepType<CheckArchiveStep.Params> {
    /** Names listed in a failure message; the evidence lists every one. */
    private static final int LISTED = 20;

    record Params(@StepParam(value = "backup whose start segment the check begins at", shown = "the oldest backup",
            type = ParamType.BACKUP) String from) {
    }

    public CheckArchiveStep() {
        super("check-archive", "Check the WAL archive for gaps: every segment from the oldest backup's start on, "
                + "per timeline along the history files, and every timeline's history file", Params.class,
                StepOutput.of("segments", "segments found where the check needs them, all timelines"),
                StepOutput.of("timelines", "the timelines checked, e.g. 1, 2"),
                StepOutput.of("history-files", "history files found"),
                StepOutput.of("missing", "files missing (0 when the step passes)"),
                StepOutput.of("timeline-N", "segments found on timeline N where the check needs them"));
    }

    @Override
    public Set<String> outputs(StepSpec spec) {
        Set<String> names = new LinkedHashSet<>(outputs());
        names.remove("timeline-N");
        names.add("*");
        return names;
    }

    @Override
    protected void run(StepContext ctx, Params p) throws Exception {
        List<String> files = ctx.env().archivedWalFiles();
        long segmentSize = segmentSize(ctx);
        BackupInfo start = start(ctx, p.from());
        int startTimeline = 0;
        long startSegno = -1;
        if (start != null) {
            startTimeline = Math.max(1, start.timeline());
            startSegno = Lsn.segmentOf(Lsn.parse(start.startLsn()), segmentSize);
            ctx.evidence("from backup '" + start.name() + "': timeline " + startTimeline + ", segment "
                    + Lsn.segmentName(startTimeline, startSegno, segmentSize) + " (" + start.startLsn() + ")");
        } else {
            ctx.evidence("no backup taken: each timeline is checked from its first archived segment");
        }
        Map<Integer, List<TimelineHistory.Entry>> histories = new TreeMap<>();
        long historyFiles = 0;
        for (String f : files) {
            int tl = TimelineHistory.timelineOf(f);
            if (tl > 0) {
                historyFiles++;
                List<TimelineHistory.Entry> read = TimelineHistory.read(ctx, tl);
                if (read != null) {
                    histories.put(tl, read);
                }
            }
        }
        ArchiveContinuity.Result r = ArchiveContinuity.check(files, startTimeline, startSegno, histories, segmentSize);
        for (ArchiveContinuity.TimelineRange t : r.timelines()) {
            ctx.output("timeline-" + t.timeline(), t.present());
            ctx.evidence("timeline " + t.timeline() + ": " + (t.first() < 0 ? "no segment needed"
                    : t.present() + " of " + (t.last() - t.first() + 1) + " segments, "
                    + Lsn.segmentName(t.timeline(), t.first(), segmentSize) + " to "
                    + Lsn.segmentName(t.timeline(), t.last(), segmentSize))
                    + (histories.containsKey(t.timeline()) ? ", branched " + branch(histories.get(t.timeline())) : "")
                    + (t.note() == null ? "" : "; " + t.note()));
        }
        List<String> missing = r.missing();
        ctx.output("segments", r.segments());
        ctx.output("timelines", r.timelines().stream().map(t -> String.valueOf(t.timeline()))
                .collect(Collectors.joining(", ")));
        ctx.output("history-files", historyFiles);
        ctx.output("missing", missing.size());
        if (!missing.isEmpty()) {
            missing.forEach(m -> ctx.evidence("missing: " + m));
            throw new StepFailure("the WAL archive has " + missing.size() + " gap" + (missing.size() == 1 ? "" : "s")
                    + ": " + String.join(", ", missing.subList(0, Math.min(LISTED, missing.size())))
                    + (missing.size() > LISTED ? ", ... (all in the evidence)" : "") + " (" + files.size()
                    + " files archived)");
        }
    }

    private static String branch(List<TimelineHistory.Entry> entries) {
        TimelineHistory.Entry parent = entries.get(entries.size() - 1);
        return "from timeline " + parent.timeline() + " at " + Lsn.format(parent.switchLsn());
    }

    /** The named backup, or the oldest one that is not a naive copy; null when none was taken. */
    private static BackupInfo start(StepContext ctx, String name) {
        List<BackupInfo> backups = ctx.env().backups().stream()
                .filter(b -> !b.naive() && b.startLsn() != null && Lsn.isLsn(b.startLsn())).toList();
        if (name == null) {
            return backups.isEmpty() ? null : backups.get(0);
        }
        return backups.stream().filter(b -> b.name().equals(name)).findFirst().orElseThrow(() -> new StepFailure(
                "no backup named '" + name + "' with a start position (backups: " + String.join(", ",
                        backups.stream().map(BackupInfo::name).toList()) + ")"));
    }

    /** The WAL segment size of a node that answers, else PostgreSQL's default. */
    private static long segmentSize(StepContext ctx) {
        for (String name : ctx.env().nodeNames()) {
            try {
                Optional<Node> node = Probes.answering(ctx, name);
                if (node.isPresent()) {
                    return Long.parseLong(String.valueOf(Sql.scalar(ctx, node.get(),
                            "SELECT setting FROM pg_settings WHERE name = 'wal_segment_size'")));
                }
            } catch (Exception e) {
                // try the next node
            }
        }
        return Lsn.DEFAULT_SEGMENT_SIZE;
    }
}
