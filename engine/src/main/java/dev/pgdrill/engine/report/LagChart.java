package dev.pgdrill.engine.report;

import dev.pgdrill.engine.model.Sample;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Inline SVG charts of the samples whose series name contains "lag": replication lag over the
 * drill's time, fault windows shaded behind. Series in seconds (name has "sec", "time" or ends in
 * "_s") get a chart of their own; the rest are bytes.
 */
final class LagChart {
    private static final int W = 900;
    private static final int H = 280;
    private static final int LEFT = 78;
    private static final int RIGHT = 884;
    private static final int TOP = 16;
    private static final int BOTTOM = 244;
    private static final int MAX_DOTS = 80;

    private LagChart() {
    }

    /** Series name to its points, in order of first appearance. */
    static Map<String, List<Sample>> series(DrillReport d) {
        Map<String, List<Sample>> out = new LinkedHashMap<>();
        for (StepReport s : d.allSteps()) {
            for (Sample p : s.samples()) {
                if (p.series() != null && p.series().toLowerCase(Locale.ROOT).contains("lag")) {
                    out.computeIfAbsent(p.series(), k -> new ArrayList<>()).add(p);
                }
            }
        }
        out.values().forEach(l -> l.sort((a, b) -> Long.compare(a.epochMillis(), b.epochMillis())));
        return out;
    }

    static boolean seconds(String series) {
        String n = series.toLowerCase(Locale.ROOT);
        return n.contains("sec") || n.contains("time") || n.endsWith("_s");
    }

    /** The charts (possibly none) for a drill page. */
    static String render(DrillReport d, List<FaultWindows.Window> windows) {
        Map<String, List<Sample>> all = series(d);
        Map<String, List<Sample>> bytes = new LinkedHashMap<>();
        Map<String, List<Sample>> secs = new LinkedHashMap<>();
        all.forEach((k, v) -> (seconds(k) ? secs : bytes).put(k, v));
        StringBuilder out = new StringBuilder();
        if (!bytes.isEmpty()) {
            out.append(chart(d, windows, bytes, false));
        }
        if (!secs.isEmpty()) {
            out.append(chart(d, windows, secs, true));
        }
        return out.toString();
    }

    private static String chart(DrillReport d, List<FaultWindows.Window> windows, Map<String, List<Sample>> data,
                                boolean secs) {
        long origin = Fmt.epochMillis(d.start());
        long span = TimelineView.span(d);
        for (List<Sample> l : data.values()) {
            for (Sample p : l) {
                span = Math.max(span, p.epochMillis() - origin);
            }
        }
        double top = data.values().stream().flatMap(List::stream)
                .mapToDouble(Sample::value).filter(v -> !Double.isNaN(v)).max().orElse(0);
        double max = secs ? Ticks.niceMax(top) : Ticks.niceBytes(top);
        final long spanMs = span;
        String unit = secs ? "seconds" : "bytes";
        Html h = new Html();
        h.open("figure", "class", "chart lag-chart", "data-unit", unit);
        h.el("h3", secs ? "Lag in seconds" : "Lag in bytes (WAL the replica has not replayed)", "class", "chart-title");
        h.open("svg", "xmlns", "http://www.w3.org/2000/svg", "viewBox", "0 0 " + W + " " + H,
                "role", "img", "aria-label", "replication lag in " + unit + " over time", "class", "lag-svg");
        h.el("title", "Replication lag (" + unit + ") over time");
        int[] lanes = FaultWindows.lanes(windows);
        for (int i = 0; i < windows.size(); i++) {
            FaultWindows.Window w = windows.get(i);
            double x0 = x(w.startMs(), spanMs);
            double x1 = Math.max(x(w.endMs(), spanMs), x0 + 2);
            h.open("rect", "class", "fault-window", "x", f(x0), "y", f(TOP), "width", f(x1 - x0),
                    "height", f(BOTTOM - TOP)).el("title", w.caption()).close("rect");
            h.el("text", w.caption(), "class", "fault-caption", "x", f(x0 + 4), "y", f(TOP + 12 + 13 * lanes[i]));
        }
        for (int i = 0; i <= 4; i++) {
            double v = max * i / 4;
            double y = y(v, max);
            h.open("line", "class", "grid", "x1", f(LEFT), "x2", f(RIGHT), "y1", f(y), "y2", f(y)).close("line");
            h.el("text", secs ? Fmt.number(v) + " s" : Fmt.bytes(v), "class", "ylabel", "x", f(LEFT - 8),
                    "y", f(y + 4));
        }
        for (long t : Ticks.of(spanMs)) {
            h.el("text", Fmt.tick(t), "class", "xlabel", "x", f(x(t, spanMs)), "y", f(BOTTOM + 18));
        }
        h.open("line", "class", "axis", "x1", f(LEFT), "x2", f(RIGHT), "y1", f(BOTTOM), "y2", f(BOTTOM)).close("line");
        int i = 0;
        for (Map.Entry<String, List<Sample>> e : data.entrySet()) {
            String cls = "series series-" + (i++ % 6);
            StringBuilder pts = new StringBuilder();
            for (Sample p : e.getValue()) {
                pts.append(f(x(p.epochMillis() - origin, spanMs))).append(',').append(f(y(p.value(), max))).append(' ');
            }
            h.open("polyline", "class", cls, "points", pts.toString().trim()).el("title", e.getKey()).close("polyline");
            if (e.getValue().size() == 1) { // no line to draw: the one reading, labelled with its value
                Sample p = e.getValue().get(0);
                String v = secs ? Fmt.number(p.value()) + " s" : Fmt.bytes(p.value());
                double cx = x(p.epochMillis() - origin, spanMs);
                double cy = y(p.value(), max);
                h.el("text", v, "class", "point-label", "x", f(Math.min(cx + 8, RIGHT - 60)), "y", f(Math.max(cy - 8, TOP + 10)));
            }
            if (e.getValue().size() <= MAX_DOTS) {
                for (Sample p : e.getValue()) {
                    String v = secs ? Fmt.number(p.value()) + " s" : Fmt.bytes(p.value());
                    h.open("circle", "class", cls + " dot", "r", e.getValue().size() == 1 ? "5" : "3", "cx", f(x(p.epochMillis() - origin, spanMs)),
                            "cy", f(y(p.value(), max)))
                            .el("title", e.getKey() + " = " + v + " at +" + Fmt.duration(p.epochMillis() - origin))
                            .close("circle");
                }
            }
        }
        h.close("svg");
        h.open("figcaption");
        h.open("ul", "class", "legend");
        i = 0;
        for (Map.Entry<String, List<Sample>> e : data.entrySet()) {
            double last = e.getValue().get(e.getValue().size() - 1).value();
            h.open("li").el("span", "", "class", "swatch series-" + (i++ % 6)).text(e.getKey()
                    + " (" + e.getValue().size() + " samples, last " + (secs ? Fmt.number(last) + " s"
                    : Fmt.bytes(last)) + ")").close("li");
        }
        if (!windows.isEmpty()) {
            h.open("li").el("span", "", "class", "swatch fault").text("fault window").close("li");
        }
        h.close("ul").close("figcaption").close("figure").nl();
        return h.toString();
    }

    private static double x(long ms, long span) {
        return LEFT + (RIGHT - LEFT) * Math.min(1.0, Math.max(0, ms / (double) span));
    }

    private static double y(double v, double max) {
        double c = Double.isNaN(v) ? 0 : Math.max(0, Math.min(v, max));
        return BOTTOM - (BOTTOM - TOP) * (c / max);
    }

    private static String f(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
