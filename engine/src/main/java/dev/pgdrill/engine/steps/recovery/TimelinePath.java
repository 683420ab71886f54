package dev.pgdrill.engine.steps.recovery;

import dev.pgdrill.engine.env.BackupInfo;
import dev.pgdrill.engine.env.RecoveryTarget;
import dev.pgdrill.engine.postgres.Lsn;
import dev.pgdrill.engine.postgres.TimelineHistory;
import dev.pgdrill.engine.step.StepContext;
import dev.pgdrill.engine.step.StepFailure;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The timeline a restore recovers along ({@code timeline: current | latest | N} of its target), checked
 * against the archive before anything is touched: a timeline after the backup's needs its history file
 * archived, and (when a running node holds that file, so its branch points can be read) must descend
 * from the backup's timeline after the backup ended. Timelines in the archive that the restore does
 * not follow are named in the evidence.
 *
 * @param timeline  the timeline followed
 * @param ancestors the timelines recovery passes through, the backup's first and {@code timeline} last,
 *                  each with the LSN where the next one begins (the last: none)
 */
record TimelinePath(int timeline, List<Step> ancestors) {

    /** One timeline of the path and the LSN where it ends (the next begins); -1 for the last or when unknown. */
    record Step(int timeline, long switchLsn) {
    }

    /** The timelines of the path, for matching archived segments. */
    Set<Integer> ids() {
        Set<Integer> ids = new TreeSet<>();
        ancestors.forEach(s -> ids.add(s.timeline()));
        return ids;
    }

    /** The timeline of the path whose WAL holds segment {@code segno}: the newest that began at or before it. */
    int timelineOf(long segno, long segmentSize) {
        int tl = ancestors.get(0).timeline();
        for (int i = 0; i + 1 < ancestors.size(); i++) {
            long begins = ancestors.get(i).switchLsn();
            if (begins >= 0 && Lsn.segmentOf(begins, segmentSize) <= segno) {
                tl = ancestors.get(i + 1).timeline();
            }
        }
        return tl;
    }

    /** Resolves and checks the timeline of {@code target} for {@code backup}; fails the step when it cannot be followed. */
    static TimelinePath check(StepContext ctx, BackupInfo backup, RecoveryTarget target) {
        int base = Math.max(1, backup.timeline());
        List<String> files = ctx.env().archivedWalFiles();
        TreeSet<Integer> histories = new TreeSet<>();
        for (String f : files) {
            int tl = TimelineHistory.timelineOf(f);
            if (tl > 0) {
                histories.add(tl);
            }
        }
        int chosen = switch (target.timeline()) {
            case RecoveryTarget.CURRENT -> base;
            case RecoveryTarget.LATEST -> Math.max(base, histories.isEmpty() ? base : histories.last());
            default -> target.timelineId();
        };
        String why = "timeline: " + target.timeline() + (target.timeline().equals(RecoveryTarget.CURRENT) ? ", the backup's" : "");
        if (chosen < base) {
            throw new StepFailure("preflight: backup '" + backup.name() + "' was taken on timeline " + base
                    + ", after timeline " + chosen + " (" + why + ") ended: recovery cannot go back to it; name timeline "
                    + base + " or later (nothing was touched)");
        }
        List<Step> path = new ArrayList<>();
        String history = historyName(chosen);
        if (chosen > base) {
            if (!histories.contains(chosen)) {
                throw new StepFailure("preflight: timeline " + chosen + " has no history file (" + history
                        + ") in the archive, so recovery cannot follow it (" + why + "; archived history files: "
                        + (histories.isEmpty() ? "none" : String.join(", ", histories.stream().map(TimelinePath::historyName).toList()))
                        + "); name a timeline the archive holds (nothing was touched)");
            }
            List<Step> read = readHistory(ctx, chosen);
            if (read != null) {
                int from = indexOf(read, base);
                if (from < 0) {
                    throw new StepFailure("preflight: timeline " + chosen + " does not descend from timeline " + base
                            + ", on which backup '" + backup.name() + "' was taken (" + history + " lists timelines "
                            + String.join(", ", read.stream().map(s -> String.valueOf(s.timeline())).toList())
                            + "); name a timeline that does (nothing was touched)");
                }
                long leaves = read.get(from).switchLsn();
                if (backup.endLsn() != null && Lsn.isLsn(backup.endLsn()) && leaves >= 0
                        && Lsn.isAfter(Lsn.parse(backup.endLsn()), leaves)) {
                    throw new StepFailure("preflight: timeline " + chosen + " branched off timeline " + base + " at "
                            + Lsn.format(leaves) + ", before backup '" + backup.name() + "' ended (" + backup.endLsn()
                            + "): the backup does not lie on that timeline's history (nothing was touched)");
                }
                path.addAll(read.subList(from, read.size()));
            } else {
                for (int tl = base; tl < chosen; tl++) {
                    path.add(new Step(tl, -1));
                }
            }
        }
        path.add(new Step(chosen, -1));
        TimelinePath p = new TimelinePath(chosen, List.copyOf(path));
        ctx.evidence("preflight: recovering along timeline " + chosen + " (" + why + ")"
                + (path.size() > 1 ? ", through " + p.describe() + ", by " + history : ""));
        List<String> others = histories.stream().filter(t -> t != chosen && !p.ids().contains(t))
                .map(t -> "timeline " + t).toList();
        if (!others.isEmpty()) {
            ctx.evidence("preflight: " + String.join(", ", others) + " in the archive (history files) not followed; "
                    + "name it with target timeline: N (or latest) to recover along it");
        }
        return p;
    }

    String describe() {
        List<String> parts = new ArrayList<>();
        for (Step s : ancestors) {
            parts.add("timeline " + s.timeline() + (s.switchLsn() >= 0 ? " until " + Lsn.format(s.switchLsn()) : ""));
        }
        return String.join(", ", parts);
    }

    static String historyName(int timeline) {
        return TimelineHistory.fileName(timeline);
    }

    private static int indexOf(List<Step> path, int timeline) {
        for (int i = 0; i < path.size(); i++) {
            if (path.get(i).timeline() == timeline) {
                return i;
            }
        }
        return -1;
    }

    /** The ancestors listed by the history file of {@code timeline}, read from a running node; null when none has it. */
    private static List<Step> readHistory(StepContext ctx, int timeline) {
        List<TimelineHistory.Entry> read = TimelineHistory.read(ctx, timeline);
        return read == null ? null : read.stream().map(e -> new Step(e.timeline(), e.switchLsn())).toList();
    }
}
