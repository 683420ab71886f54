package dev.pgdrill.engine.report;

import dev.pgdrill.engine.run.StepStatus;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Finds the fault windows of a drill: a window opens at a fault step (pause, partition, latency,
 * stop, kill, wipe) and closes at the end of the step that undoes it (resume, heal, latency 0,
 * start, restore, rebuild-replica) on the same node, or at the end of the drill. Skipped steps
 * neither open nor close windows.
 */
final class FaultWindows {
    /** A shaded interval, in milliseconds since the drill started. */
    record Window(String kind, String target, long startMs, long endMs, String opened, String closed) {
        String caption() {
            return target == null || target.isEmpty() ? kind : kind + " " + target;
        }
    }

    private static final Map<String, Set<String>> CLOSERS = Map.of(
            "pause", Set.of("resume"),
            "partition", Set.of("heal"),
            "latency", Set.of("latency"),
            "stop", Set.of("start", "restore", "rebuild-replica", "rebuild"),
            "kill", Set.of("start", "restore", "rebuild-replica", "rebuild"),
            "wipe", Set.of("restore", "rebuild-replica", "rebuild"));
    private static final List<String> TARGET_KEYS = List.of("node", "on", "link", "of", "replica", "between");

    private FaultWindows() {
    }

    static List<Window> of(DrillReport d) {
        long origin = Fmt.epochMillis(d.start());
        List<Window> done = new ArrayList<>();
        List<Window> open = new ArrayList<>();
        for (StepReport s : d.allSteps()) {
            if (s.status() == StepStatus.SKIPPED) {
                continue;
            }
            long start = Fmt.epochMillis(s.start()) - origin;
            long end = start + s.durationMs();
            String type = s.type() == null ? "" : s.type().toLowerCase(Locale.ROOT);
            String target = target(s);
            Window closedOne = close(open, type, target, s, end);
            if (closedOne != null) {
                done.add(closedOne);
            }
            if (CLOSERS.containsKey(type) && !("latency".equals(type) && latencyOff(s))) {
                open.add(new Window(type, target, start, -1, s.title(), null));
            }
        }
        long drillEnd = Math.max(d.durationMs(), done.stream().mapToLong(Window::endMs).max().orElse(0));
        for (Window w : open) {
            done.add(new Window(w.kind(), w.target(), w.startMs(), Math.max(drillEnd, w.startMs()), w.opened(),
                    null));
        }
        done.sort((a, b) -> Long.compare(a.startMs(), b.startMs()));
        return done;
    }

    /** Closes the open window this step undoes, if any: same node first, else the latest of its kind. */
    private static Window close(List<Window> open, String type, String target, StepReport s, long end) {
        Window match = null;
        for (int i = open.size() - 1; i >= 0; i--) {
            Window w = open.get(i);
            if (!CLOSERS.get(w.kind()).contains(type)) {
                continue;
            }
            if (target.equals(w.target())) {
                match = w;
                break;
            }
            if (match == null && (target.isEmpty() || w.target().isEmpty())) {
                match = w;
            }
        }
        if (match == null) {
            return null;
        }
        open.remove(match);
        return new Window(match.kind(), match.target(), match.startMs(), Math.max(end, match.startMs()),
                match.opened(), s.title());
    }

    static String target(StepReport s) {
        for (String k : TARGET_KEYS) {
            Object v = s.params().get(k);
            if (v instanceof String str && !str.isBlank()) {
                return str;
            }
        }
        return "";
    }

    /**
     * The caption lane of each window (0 = top): a window overlapping earlier ones moves down one
     * lane per overlap, so captions never sit on top of each other.
     */
    static int[] lanes(List<Window> windows) {
        int[] lanes = new int[windows.size()];
        for (int i = 0; i < windows.size(); i++) {
            for (int j = 0; j < i; j++) {
                if (windows.get(j).endMs() > windows.get(i).startMs()) {
                    lanes[i]++;
                }
            }
        }
        return lanes;
    }

    /** True when a latency step removes the delay (0, 0ms, off, none, false). */
    static boolean latencyOff(StepReport s) {
        for (Map.Entry<String, Object> e : s.params().entrySet()) {
            if (TARGET_KEYS.contains(e.getKey())) {
                continue;
            }
            Object v = e.getValue();
            if (v instanceof Number n && n.doubleValue() == 0) {
                return true;
            }
            if (v instanceof Boolean b && !b) {
                return true;
            }
            if (v instanceof String str) {
                String t = str.trim().toLowerCase(Locale.ROOT);
                if (t.matches("0+(\\.0+)?\\s*(ms|s|m|h)?") || t.equals("off") || t.equals("none")) {
                    return true;
                }
            }
        }
        return false;
    }
}
