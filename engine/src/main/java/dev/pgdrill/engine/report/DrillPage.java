package dev.pgdrill.engine.report;

import dev.pgdrill.engine.model.Measurement;
import dev.pgdrill.engine.model.Trial;
import dev.pgdrill.engine.run.StepStatus;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The HTML page of one drill: verdict, failure, RPO/RTO, timeline, lag chart, steps, evidence. */
final class DrillPage {
    private DrillPage() {
    }

    static String render(RunReport run, DrillReport d) {
        return render(run, d, Map.of());
    }

    /** @param runFacts facts about the run the drill came from, shown in the header (merged reports) */
    static String render(RunReport run, DrillReport d, Map<String, String> runFacts) {
        List<FaultWindows.Window> windows = FaultWindows.of(d);
        Html h = new Html();
        header(h, d, runFacts);
        h.open("main");
        if (d.status() != StepStatus.PASSED) {
            failure(h, d);
        }
        keyFigures(h, d);
        h.open("section", "class", "card", "id", "timeline").el("h2", "Timeline");
        h.raw(TimelineView.render(d, windows));
        h.close("section").nl();
        String chart = LagChart.render(d, windows);
        if (!chart.isEmpty()) {
            h.open("section", "class", "card", "id", "lag").el("h2", "Replication lag").raw(chart).close("section").nl();
        }
        h.open("section", "class", "card", "id", "steps").el("h2", "Steps");
        h.open("div", "class", "step-tools js-only")
                .el("button", "Expand all", "type", "button", "data-action", "expand")
                .el("button", "Collapse all", "type", "button", "data-action", "collapse").close("div");
        StepDetails.list(h, d.steps());
        if (!d.finallySteps().isEmpty()) {
            h.el("h3", "finally (always runs)", "class", "block-title");
            StepDetails.list(h, d.finallySteps());
        }
        h.close("section").nl();
        measurements(h, d);
        evidence(h, d);
        h.close("main");
        Footer.render(h, run);
        return Html.page(d.name() + " — " + d.status() + " — pgdrill", "drill", h.toString());
    }

    private static void header(Html h, DrillReport d, Map<String, String> runFacts) {
        h.open("header", "class", "top " + Html.statusClass(d.status()));
        h.open("nav").el("a", "← All drills", "href", "index.html").close("nav");
        h.open("div", "class", "title-row");
        h.el("h1", d.title());
        h.el("span", verdict(d), "class", "verdict " + Html.statusClass(d.status()), "id", "verdict");
        h.close("div");
        if (d.description() != null && !d.description().isBlank()) {
            h.el("p", d.description(), "class", "desc");
        }
        h.open("dl", "class", "meta");
        runFacts.forEach(h::fact);
        h.fact("Environment", d.environment());
        h.fact("Backup tool", d.backupTool());
        h.fact("PostgreSQL", d.serverVersions());
        h.fact("Started", Fmt.when(d.start()));
        h.fact("Duration", Fmt.duration(d.durationMs()));
        h.fact("Exit code", d.exitCode().toString());
        h.fact("Scenario", d.file());
        h.fact("Location", d.location());
        if (d.trial() != null) {
            h.fact("Trial", d.trial() + (d.trials() == null ? "" : " of " + d.trials()) + (d.seed() == null ? ""
                    : ", seed " + d.seed() + ": " + Trial.rerun(d.seed(), d.trial(), d.trials() == null ? d.trial()
                    : d.trials()) + " runs it alone"));
            StringBuilder drawn = new StringBuilder();
            d.drawn().forEach((k, v) -> drawn.append(drawn.length() == 0 ? "" : ", ").append(k).append(" = ").append(v));
            h.fact("Drawn", drawn.toString());
        }
        h.close("dl");
        h.close("header").nl();
    }

    static String verdict(DrillReport d) {
        return d.interrupted() && d.status() != StepStatus.PASSED ? d.status() + " · interrupted" : d.status().name();
    }

    private static void failure(Html h, DrillReport d) {
        StepReport s = d.failedStep();
        String title = d.interrupted() ? "Interrupted" : d.status() == StepStatus.ABORTED ? "Why it was aborted"
                : "Why it failed";
        h.open("section", "class", "card failure " + Html.statusClass(d.status()), "id", "failure");
        h.el("h2", title);
        h.el("p", d.message() == null ? d.status().word() : d.message(), "class", "failure-message");
        if (s != null) {
            h.open("p", "class", "failure-step").text("Step ").el("a", s.title(), "href", "#" + StepDetails.anchor(s))
                    .text(s.location() == null ? "" : " at " + s.location()).text(" — ").badge(s.status()).close("p");
            if (s.message() != null && !s.message().equals(d.message())) {
                h.el("pre", s.message(), "class", "mono message " + Html.statusClass(s.status()));
            }
            if (!s.logTail().isEmpty()) {
                h.el("h3", "Server log tail");
                h.el("pre", String.join("\n", s.logTail()), "class", "mono log");
            }
        }
        h.close("section").nl();
    }

    /** {@code RPO} or {@code RTO} for a measurement named rpo* / rto* (any case), else null. */
    static String objective(Measurement m) {
        String n = m.name() == null ? "" : m.name().toLowerCase(Locale.ROOT);
        return n.startsWith("rpo") || n.startsWith("rto") ? n.substring(0, 3).toUpperCase(Locale.ROOT) : null;
    }

    /**
     * Which writes were lost, for the figure of an rpo step's lost writes: its {@code lost-keys} output (the first
     * few keys), else null.
     */
    private static String lostKeys(StepReport s, Measurement m) {
        String keys = s.outputs().get("lost-keys");
        if (!"rpo_lost_writes".equals(m.name()) || keys == null || keys.isBlank()) {
            return null;
        }
        long shown = keys.split(",").length;
        long lost = Math.round(m.value());
        return "lost: " + keys.replace(",", ", ") + (lost > shown ? " … (the first " + shown + " of " + lost + ")" : "");
    }

    private static void keyFigures(Html h, DrillReport d) {
        List<String[]> figures = new ArrayList<>();
        for (StepReport s : d.allSteps()) {
            for (Measurement m : s.measurements()) {
                String kind = objective(m);
                if (kind != null) {
                    figures.add(new String[] {kind, m.name(), Fmt.measurement(m), s.title(), lostKeys(s, m)});
                }
            }
        }
        if (figures.isEmpty()) {
            return;
        }
        h.open("section", "class", "figures", "id", "rpo-rto", "aria-label", "recovery objectives");
        for (String[] f : figures) {
            h.open("div", "class", "figure " + f[0].toLowerCase(Locale.ROOT));
            h.el("div", f[0], "class", "figure-kind").el("div", f[2], "class", "figure-value")
                    .el("div", f[1] + " · " + f[3], "class", "figure-source");
            if (f[4] != null) {
                h.el("div", f[4], "class", "figure-lost mono");
            }
            h.close("div");
        }
        h.close("section").nl();
    }

    private static void measurements(Html h, DrillReport d) {
        if (d.allSteps().stream().allMatch(s -> s.measurements().isEmpty())) {
            return;
        }
        h.open("section", "class", "card", "id", "measurements").el("h2", "Measurements");
        h.open("table", "class", "grid-table").open("thead").open("tr").el("th", "Step").el("th", "Measurement")
                .el("th", "Value", "class", "num").close("tr").close("thead").open("tbody");
        for (StepReport s : d.allSteps()) {
            for (Measurement m : s.measurements()) {
                h.open("tr").open("td").el("a", s.title(), "href", "#" + StepDetails.anchor(s)).close("td")
                        .el("td", m.name(), "class", "mono").el("td", Fmt.measurement(m), "class", "num").close("tr");
            }
        }
        h.close("tbody").close("table").close("section").nl();
    }

    private static void evidence(Html h, DrillReport d) {
        if (d.allSteps().stream().allMatch(s -> s.evidence().isEmpty())) {
            return;
        }
        h.open("section", "class", "card", "id", "evidence").el("h2", "What PostgreSQL said");
        h.el("p", "Log lines and facts collected by the steps: what recovery actually did.", "class", "hint");
        for (StepReport s : d.allSteps()) {
            if (!s.evidence().isEmpty()) {
                h.open("h3").el("a", s.title(), "href", "#" + StepDetails.anchor(s)).close("h3");
                h.el("pre", String.join("\n", s.evidence()), "class", "mono evidence");
            }
        }
        h.close("section").nl();
    }
}
