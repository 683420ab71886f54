package dev.pgdrill.engine.report;

import dev.pgdrill.engine.run.StepStatus;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The step timeline of a drill page: one row per step with a bar placed and sized by its start and
 * duration, coloured by status, over shaded fault windows. Plain HTML and CSS (no script).
 */
final class TimelineView {
    private TimelineView() {
    }

    /** Milliseconds the drill's time axis spans (at least the drill, at least 1). */
    static long span(DrillReport d) {
        long origin = Fmt.epochMillis(d.start());
        long end = d.durationMs();
        for (StepReport s : d.allSteps()) {
            end = Math.max(end, Fmt.epochMillis(s.start()) - origin + s.durationMs());
        }
        return Math.max(1, end);
    }

    static String render(DrillReport d, List<FaultWindows.Window> windows) {
        long origin = Fmt.epochMillis(d.start());
        long span = span(d);
        List<Row> rows = rows(d, origin, span);
        Html h = new Html();
        h.open("div", "class", "timeline", "role", "img",
                "aria-label", "timeline of " + rows.size() + " rows over " + Fmt.duration(span));
        h.open("div", "class", "tl-axis", "style", "grid-row:1");
        for (long t : Ticks.of(span)) {
            h.el("span", Fmt.tick(t), "class", "tick", "style", "left:" + pct(t, span));
        }
        h.close("div").nl();
        h.open("div", "class", "tl-faults", "style", "grid-row:2 / span " + rows.size());
        int[] lanes = FaultWindows.lanes(windows);
        for (int i = 0; i < windows.size(); i++) {
            FaultWindows.Window w = windows.get(i);
            String title = w.caption() + ": from " + w.opened() + " to "
                    + (w.closed() == null ? "the end of the drill" : w.closed())
                    + " (" + Fmt.duration(w.endMs() - w.startMs()) + ")";
            h.open("div", "class", "fault-window" + (w.closed() == null ? " open-ended" : ""),
                    "style", "left:" + pct(w.startMs(), span) + ";width:" + width(w.endMs() - w.startMs(), span),
                    "title", title, "data-kind", w.kind());
            h.el("span", w.caption(), "class", "fault-caption", "style", "top:" + (2 + 17 * lanes[i]) + "px");
            h.close("div");
        }
        h.close("div").nl();
        int r = 2;
        for (Row row : rows) {
            String grid = "grid-row:" + r++;
            h.open("div", "class", "tl-label" + (row.phase ? " phase" : ""), "style", grid, "title", row.label);
            if (row.anchor != null) {
                h.el("a", row.label, "href", "#" + row.anchor);
            } else {
                h.text(row.label);
            }
            h.close("div");
            h.open("div", "class", "tl-track", "style", grid);
            String cls = row.phase ? "tl-bar phase" : "tl-bar " + Html.statusClass(row.status);
            h.el("span", "", "class", cls, "style", "left:" + pct(row.startMs, span) + ";width:"
                    + width(row.durationMs, span), "title", row.label + " — " + row.status.word()
                    + ", " + Fmt.duration(row.durationMs) + " at +" + Fmt.duration(row.startMs));
            h.close("div");
            h.el("div", row.status == StepStatus.SKIPPED ? "skipped" : Fmt.duration(row.durationMs),
                    "class", "tl-dur", "style", grid);
            h.nl();
        }
        h.close("div").nl();
        legend(h, !windows.isEmpty());
        return h.toString();
    }

    private static void legend(Html h, boolean faults) {
        h.open("ul", "class", "legend");
        for (StepStatus s : StepStatus.values()) {
            h.open("li").el("span", "", "class", "swatch " + Html.statusClass(s)).text(s.word())
                    .close("li");
        }
        h.open("li").el("span", "", "class", "swatch phase").text("set-up / clean-up").close("li");
        if (faults) {
            h.open("li").el("span", "", "class", "swatch fault").text("fault window").close("li");
        }
        h.close("ul").nl();
    }

    private record Row(String label, String anchor, StepStatus status, long startMs, long durationMs, boolean phase) {
    }

    private static List<Row> rows(DrillReport d, long origin, long span) {
        List<Row> rows = new ArrayList<>();
        List<StepReport> steps = d.allSteps();
        long first = steps.stream().filter(s -> s.status() != StepStatus.SKIPPED)
                .mapToLong(s -> Fmt.epochMillis(s.start()) - origin).min().orElse(span);
        if (first > 0) {
            rows.add(new Row("environment set-up", null, StepStatus.PASSED, 0, first, true));
        }
        long last = 0;
        for (StepReport s : steps) {
            long start = Fmt.epochMillis(s.start()) - origin;
            if (s.status() == StepStatus.SKIPPED) {
                start = Math.max(start, last);
            } else {
                last = Math.max(last, start + s.durationMs());
            }
            rows.add(new Row(s.title(), StepDetails.anchor(s), s.status(), Math.max(0, start), s.durationMs(), false));
        }
        if (last > 0 && d.durationMs() - last > 0) {
            rows.add(new Row("clean-up", null, StepStatus.PASSED, last, d.durationMs() - last, true));
        }
        return rows;
    }

    static String pct(long t, long span) {
        return String.format(Locale.ROOT, "%.3f%%", Math.min(100.0, Math.max(0, t * 100.0 / span)));
    }

    private static String width(long ms, long span) {
        return String.format(Locale.ROOT, "max(3px, %.3f%%)", Math.max(0, ms * 100.0 / span));
    }
}
