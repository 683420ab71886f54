package dev.pgdrill.engine.report;

import dev.pgdrill.engine.run.StepStatus;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The index page's card for a drill's trials: the set's verdict, min / median / p95 / max of lost writes and
 * recovery time, each as a strip plot (one dot per trial, inline SVG, linked to the trial's page), the bounds,
 * and a table with every trial linked.
 */
final class TrialsCard {
    private static final int W = 900;
    private static final int H = 120;
    private static final int LEFT = 78;
    private static final int RIGHT = 884;
    private static final int TOP = 14;
    private static final int BOTTOM = 86;

    private TrialsCard() {
    }

    /**
     * @param drills the run's drills and {@code pages} their pages, to link each trial
     */
    static void render(Html h, TrialSetReport set, List<DrillReport> drills, List<String> pages) {
        h.open("section", "class", "card trials", "id", "trials-" + set.name().replaceAll("[^A-Za-z0-9_-]", "-"));
        h.open("h2").text("Trials of " + set.name() + " ").el("span", set.status() == StepStatus.PASSED ? "passed"
                : "failed", "class", "badge " + Html.statusClass(set.status()), "data-set-status", set.status().name())
                .close("h2");
        h.el("p", set.message(), "class", "trial-verdict");
        h.open("dl", "class", "meta");
        h.fact("Seed", Long.toString(set.seed()));
        h.fact("Trials", set.passed() + " of " + set.trials() + " passed");
        h.close("dl");
        h.open("table", "class", "grid-table trial-stats").open("thead").open("tr").el("th", "Measured")
                .el("th", "min", "class", "num").el("th", "median", "class", "num").el("th", "p95", "class", "num")
                .el("th", "max", "class", "num").el("th", "trials", "class", "num").close("tr").close("thead");
        h.open("tbody");
        stats(h, "lost writes", set, TrialSetReport.Point::lost);
        stats(h, "ghost writes", set, TrialSetReport.Point::ghost);
        stats(h, "rto seconds", set, TrialSetReport.Point::seconds);
        h.close("tbody").close("table");
        if (!set.bounds().isEmpty()) {
            h.open("ul", "class", "trial-bounds");
            for (TrialSetReport.Bound b : set.bounds()) {
                h.el("li", (b.holds() ? "✓ " : "✗ ") + b.text() + ": " + (b.value() == null ? "not measured"
                        : b.key() + " = " + Fmt.number(b.value())) + (b.trial() > 0 ? " (trial " + b.trial() + ")" : ""),
                        "class", b.holds() ? "s-passed" : "s-failed");
            }
            h.close("ul");
        }
        strip(h, set, drills, pages, "Lost writes per trial", "lost writes", TrialSetReport.Point::lost);
        strip(h, set, drills, pages, "Recovery time per trial (seconds)", "rto seconds", TrialSetReport.Point::seconds);
        table(h, set, drills, pages);
        h.close("section").nl();
    }

    private static void stats(Html h, String what, TrialSetReport set, Function<TrialSetReport.Point, Double> of) {
        List<Double> values = set.values(of);
        if (values.isEmpty()) {
            return;
        }
        h.open("tr").el("td", what);
        for (Double v : TrialSetReport.summary(values)) {
            h.el("td", Fmt.number(v), "class", "num");
        }
        h.el("td", values.size() + " of " + set.trials(), "class", "num").close("tr");
    }

    /** A strip plot: the value axis across, one dot per trial (passed or failed colour), a link to its page. */
    private static void strip(Html h, TrialSetReport set, List<DrillReport> drills, List<String> pages, String title,
                              String unit, Function<TrialSetReport.Point, Double> of) {
        List<Double> values = set.values(of);
        if (values.isEmpty()) {
            return;
        }
        double max = Ticks.niceMax(values.stream().mapToDouble(Double::doubleValue).max().orElse(0));
        h.open("figure", "class", "chart trial-chart", "data-unit", unit);
        h.el("h3", title, "class", "chart-title");
        h.open("svg", "xmlns", "http://www.w3.org/2000/svg", "viewBox", "0 0 " + W + " " + H, "role", "img",
                "aria-label", "distribution of " + unit + " over " + values.size() + " trials", "class", "lag-svg");
        h.el("title", "Distribution of " + unit + " over the trials");
        for (int i = 0; i <= 4; i++) {
            double v = max * i / 4;
            h.open("line", "class", "grid", "x1", f(x(v, max)), "x2", f(x(v, max)), "y1", f(TOP), "y2", f(BOTTOM))
                    .close("line");
            h.el("text", Fmt.number(v), "class", "xlabel", "x", f(x(v, max)), "y", f(BOTTOM + 18));
        }
        h.open("line", "class", "axis", "x1", f(LEFT), "x2", f(RIGHT), "y1", f(BOTTOM), "y2", f(BOTTOM)).close("line");
        int n = set.points().size();
        for (int i = 0; i < n; i++) {
            TrialSetReport.Point p = set.points().get(i);
            Double v = of.apply(p);
            if (v == null) {
                continue;
            }
            double y = TOP + 6 + (BOTTOM - TOP - 12) * (n == 1 ? 0.5 : ((i * 7) % n) / (double) (n - 1));
            String page = page(set, p.trial(), drills, pages);
            if (page != null) {
                h.open("a", "href", page);
            }
            h.open("circle", "class", "dot trial-dot " + Html.statusClass(p.status()), "r", "5", "cx", f(x(v, max)),
                    "cy", f(y), "fill", fill(p.status()), "data-trial", Integer.toString(p.trial()))
                    .el("title", "trial " + p.trial() + ": " + Fmt.number(v) + " " + unit + " (" + p.status().word()
                            + ")")
                    .close("circle");
            if (page != null) {
                h.close("a");
            }
        }
        h.close("svg").close("figure").nl();
    }

    private static void table(Html h, TrialSetReport set, List<DrillReport> drills, List<String> pages) {
        h.open("table", "class", "grid-table summary trial-table").open("thead").open("tr").el("th", "Trial")
                .el("th", "Verdict").el("th", "Lost", "class", "num").el("th", "Ghost", "class", "num")
                .el("th", "RTO s", "class", "num").el("th", "Drawn").close("tr").close("thead");
        h.open("tbody");
        for (TrialSetReport.Point p : set.points()) {
            String page = page(set, p.trial(), drills, pages);
            h.open("tr", "class", "trial " + Html.statusClass(p.status()), "data-trial", Integer.toString(p.trial()));
            h.open("td");
            if (page != null) {
                h.el("a", "trial " + p.trial(), "href", page, "class", "trial-link");
            } else {
                h.text("trial " + p.trial());
            }
            h.close("td");
            h.open("td").el("span", p.status().word(), "class", "badge " + Html.statusClass(p.status())).close("td");
            h.el("td", figure(p.lost()), "class", "num").el("td", figure(p.ghost()), "class", "num")
                    .el("td", figure(p.seconds()), "class", "num");
            h.el("td", drawn(p.drawn()), "class", "mono");
            h.close("tr").nl();
        }
        h.close("tbody").close("table");
    }

    private static String page(TrialSetReport set, int trial, List<DrillReport> drills, List<String> pages) {
        for (int i = 0; i < drills.size(); i++) {
            DrillReport d = drills.get(i);
            if (Objects.equals(d.trial(), trial) && Objects.equals(d.name(), set.name())
                    && Objects.equals(d.file(), set.file())) {
                return pages.get(i);
            }
        }
        return null;
    }

    private static String drawn(Map<String, String> drawn) {
        StringBuilder b = new StringBuilder();
        drawn.forEach((k, v) -> b.append(b.length() == 0 ? "" : ", ").append(k).append(" = ").append(v));
        return b.toString();
    }

    /** The colour of a trial's dot, as the page's status colours (the style sheet has none for it). */
    private static String fill(StepStatus status) {
        return switch (status) {
            case PASSED -> "#1a7f37";
            case FAILED -> "#cf222e";
            default -> "#bc4c00";
        };
    }

    private static String figure(Double v) {
        return v == null ? "–" : Fmt.number(v);
    }

    private static double x(double v, double max) {
        return LEFT + (RIGHT - LEFT) * (max <= 0 ? 0 : Math.max(0, Math.min(v, max)) / max);
    }

    private static String f(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
