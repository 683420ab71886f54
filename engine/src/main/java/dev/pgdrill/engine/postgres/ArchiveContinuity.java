package dev.pgdrill.engine.postgres;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Finds the gaps of a WAL archive, per timeline. A timeline's WAL is needed from where it begins (its branch
 * point's segment, read from its history file; the first timeline, or one whose branch point is unknown,
 * from its first archived segment) and never before the start segment of the oldest backup, up to its newest
 * archived segment, and for a timeline others branched from, up to the segment before each branch point (the
 * child's first segment holds the rest of it). Every timeline after the first needs its history file.
 * Partial segments ({@code .partial}) do not count as archived segments.
 */
public final class ArchiveContinuity {
    private ArchiveContinuity() {
    }

    /**
     * What the check found for one timeline.
     *
     * @param timeline the timeline
     * @param first    first segment number needed, or -1 when none is
     * @param last     last segment number needed, or -1 when none is
     * @param present  segments archived within that range
     * @param missing  names of the segments missing within that range
     * @param note     how the range was found, when not from a history file (or null)
     */
    public record TimelineRange(int timeline, long first, long last, int present, List<String> missing, String note) {
    }

    /**
     * @param timelines       per timeline seen, oldest first
     * @param missingHistory  history files that timelines seen need but the archive lacks
     */
    public record Result(List<TimelineRange> timelines, List<String> missingHistory) {
        /** Every file missing: segments first, then history files. */
        public List<String> missing() {
            List<String> all = new ArrayList<>();
            timelines.forEach(t -> all.addAll(t.missing()));
            all.addAll(missingHistory);
            return all;
        }

        public int segments() {
            return timelines.stream().mapToInt(TimelineRange::present).sum();
        }
    }

    /**
     * @param files        the archive listing (segments, {@code .history}, {@code .partial}, {@code .backup})
     * @param startTimeline timeline of the oldest backup (0: unknown or no backup)
     * @param startSegno   its start segment number, or -1 for none (every timeline from its own beginning)
     * @param histories    per timeline, the entries of its history file when it could be read (the last entry
     *                     names the parent and the branch point)
     * @param segmentSize  the servers' WAL segment size
     */
    public static Result check(List<String> files, int startTimeline, long startSegno,
                               Map<Integer, List<TimelineHistory.Entry>> histories, long segmentSize) {
        Map<Integer, TreeSet<Long>> segments = new TreeMap<>();
        Set<Integer> seen = new TreeSet<>();
        Set<Integer> historyFiles = new TreeSet<>();
        for (String f : files) {
            String name = f.trim();
            int history = TimelineHistory.timelineOf(name);
            if (history > 0) {
                historyFiles.add(history);
                seen.add(history);
                continue;
            }
            String head = name.length() >= 24 ? name.substring(0, 24) : name;
            int tl = Lsn.timeline(head);
            if (tl < 0) {
                continue;
            }
            seen.add(tl);
            if (head.equals(name)) {
                segments.computeIfAbsent(tl, k -> new TreeSet<>()).add(Lsn.segmentNumber(name, segmentSize));
            }
        }
        if (startTimeline > 0) {
            seen.add(startTimeline);
        }
        histories.forEach((tl, entries) -> {
            seen.add(tl);
            entries.forEach(e -> seen.add(e.timeline()));
        });
        List<String> missingHistory = seen.stream().filter(tl -> tl > 1 && !historyFiles.contains(tl))
                .map(TimelineHistory::fileName).toList();
        List<TimelineRange> ranges = new ArrayList<>();
        for (int tl : seen) {
            ranges.add(range(tl, segments.getOrDefault(tl, new TreeSet<>()), startTimeline, startSegno, histories,
                    segmentSize));
        }
        return new Result(List.copyOf(ranges), missingHistory);
    }

    private static TimelineRange range(int tl, TreeSet<Long> archived, int startTimeline, long startSegno,
                                       Map<Integer, List<TimelineHistory.Entry>> histories, long segmentSize) {
        String note = null;
        long begin;
        List<TimelineHistory.Entry> own = histories.get(tl);
        if (own != null && !own.isEmpty() && own.get(own.size() - 1).switchLsn() >= 0) {
            begin = Lsn.segmentOf(own.get(own.size() - 1).switchLsn(), segmentSize);
        } else if (tl == startTimeline && startSegno >= 0) {
            begin = startSegno;
        } else {
            begin = archived.isEmpty() ? -1 : archived.first();
            if (tl > 1 && begin >= 0) {
                note = "branch point unknown (no running node holds its history file): checked from its first "
                        + "archived segment";
            }
        }
        if (startSegno >= 0 && begin >= 0 && begin < startSegno) {
            begin = startSegno;
        }
        long end = archived.isEmpty() ? -1 : archived.last();
        for (Map.Entry<Integer, List<TimelineHistory.Entry>> child : histories.entrySet()) {
            List<TimelineHistory.Entry> entries = child.getValue();
            if (child.getKey() == tl || entries.isEmpty()) {
                continue;
            }
            TimelineHistory.Entry parent = entries.get(entries.size() - 1);
            if (parent.timeline() == tl && parent.switchLsn() >= 0) {
                end = Math.max(end, Lsn.segmentOf(parent.switchLsn(), segmentSize) - 1);
            }
        }
        if (begin < 0 || end < begin) {
            return new TimelineRange(tl, -1, -1, 0, List.of(), note);
        }
        List<String> missing = new ArrayList<>();
        int present = 0;
        for (long segno = begin; segno <= end; segno++) {
            if (archived.contains(segno)) {
                present++;
            } else {
                missing.add(Lsn.segmentName(tl, segno, segmentSize));
            }
        }
        return new TimelineRange(tl, begin, end, present, List.copyOf(missing), note);
    }
}
