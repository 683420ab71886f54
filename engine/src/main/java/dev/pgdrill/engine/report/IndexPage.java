package dev.pgdrill.engine.report;

import dev.pgdrill.engine.run.StepStatus;

import java.util.ArrayList;
import java.util.List;

/**
 * index.html: the run's verdict and a summary table with one row per drill; for a merged report
 * also a table of the runs joined, with each run's environment, and the run of each drill.
 */
final class IndexPage {
    private IndexPage() {
    }

    /** @param pages the page file name of each drill, in order (see {@link ReportModel#pageNames}) */
    static String render(RunReport run, List<String> pages) {
        return render(run, pages, null);
    }

    /**
     * @param pages  the page file name of each drill, in order (see {@link ReportModel#pageNames})
     * @param merged the runs joined into {@code run} (see {@link MergedReport}), or null for a single run
     */
    static String render(RunReport run, List<String> pages, JoinedRuns merged) {
        long passed = run.count(StepStatus.PASSED);
        long failed = run.count(StepStatus.FAILED);
        long total = run.drills().size();
        StepStatus status = failed > 0 ? StepStatus.FAILED : passed == total ? StepStatus.PASSED : StepStatus.ABORTED;
        Html h = new Html();
        h.open("header", "class", "top " + Html.statusClass(status));
        h.open("div", "class", "title-row").el("h1", "Recovery drills")
                .el("span", passed + " of " + total + " passed", "class", "verdict " + Html.statusClass(status),
                        "id", "verdict")
                .close("div");
        h.open("dl", "class", "meta");
        h.fact("Started", Fmt.when(run.start()));
        h.fact("Duration", Fmt.duration(run.durationMs()));
        h.fact("Environment", run.environment());
        h.fact("Exit code", run.exitCode().toString());
        h.fact("Outcome", passed + " passed · " + failed + " failed · " + run.count(StepStatus.ABORTED)
                + " aborted");
        h.close("dl").close("header").nl();
        h.open("main");
        if (merged != null) {
            runs(h, merged);
        }
        if (run.exitCode().interrupted()) {
            h.el("p", "This run was interrupted: drills after the interruption did not run.",
                    "class", "banner s-aborted", "id", "interrupted");
        } else if (!run.complete()) {
            h.el("p", "This run did not finish: the report shows the drills completed so far.",
                    "class", "banner s-aborted", "id", "incomplete");
        }
        h.open("section", "class", "card").el("h2", "Drills");
        h.open("table", "class", "grid-table summary", "id", "summary");
        h.open("thead").open("tr").el("th", "Drill");
        if (merged != null) {
            h.el("th", "Run");
        }
        h.el("th", "Verdict").el("th", "Steps").el("th", "Duration", "class", "num").el("th", "Why").close("tr")
                .close("thead");
        h.open("tbody");
        for (int i = 0; i < run.drills().size(); i++) {
            row(h, run.drills().get(i), pages.get(i), merged == null ? null : merged.labelOfDrill(i));
        }
        h.close("tbody").close("table");
        if (run.drills().isEmpty()) {
            h.el("p", "No drill ran.", "class", "hint");
        }
        h.close("section");
        if (merged == null) {
            for (TrialSetReport set : run.trialSets()) {
                TrialsCard.render(h, set, run.drills(), pages);
            }
        } else { // each run's sets link to that run's trials only
            for (int s = 0; s < merged.runs(); s++) {
                int[] range = merged.drillsOf(s);
                for (TrialSetReport set : merged.run(s).trialSets()) {
                    TrialsCard.render(h, set, run.drills().subList(range[0], range[1]), pages.subList(range[0],
                            range[1]));
                }
            }
        }
        h.close("main").nl();
        Footer.render(h, run);
        return Html.page("pgdrill report — " + passed + " of " + total + " passed", "index", h.toString());
    }

    /** One row per run joined: where its journal came from, when it ran, its environment, its outcome. */
    private static void runs(Html h, JoinedRuns merged) {
        h.open("section", "class", "card", "id", "runs").el("h2", "Runs");
        h.open("table", "class", "grid-table summary").open("thead").open("tr").el("th", "Run").el("th", "Started")
                .el("th", "Environment").el("th", "Drills").el("th", "Exit code").close("tr").close("thead");
        h.open("tbody");
        for (int s = 0; s < merged.runs(); s++) {
            RunReport r = merged.run(s);
            h.open("tr", "class", "run");
            h.el("td", merged.label(s), "class", "mono");
            h.el("td", Fmt.when(r.start()));
            h.el("td", environment(r));
            h.el("td", r.count(StepStatus.PASSED) + " of " + r.drills().size() + " passed"
                    + (r.complete() ? "" : " (run did not finish)"));
            h.el("td", r.exitCode().toString());
            h.close("tr").nl();
        }
        h.close("tbody").close("table").close("section").nl();
    }

    private static void row(Html h, DrillReport d, String page, String runLabel) {
        long ok = d.allSteps().stream().filter(s -> s.status() == StepStatus.PASSED).count();
        h.open("tr", "class", "drill " + Html.statusClass(d.status()), "data-status", d.status().name());
        h.open("td").el("a", d.title(), "href", page, "class", "drill-link");
        if (d.description() != null && !d.description().isBlank()) {
            h.el("div", d.description(), "class", "desc");
        }
        h.close("td");
        if (runLabel != null) {
            h.el("td", runLabel, "class", "mono run");
        }
        h.open("td").el("span", DrillPage.verdict(d), "class", "badge " + Html.statusClass(d.status())).close("td");
        h.open("td").open("div", "class", "mini", "title", ok + " of " + d.allSteps().size() + " steps passed");
        for (StepReport s : d.allSteps()) {
            h.el("span", "", "class", Html.statusClass(s.status()), "title", s.title() + ": "
                    + s.status().word());
        }
        h.close("div").el("span", ok + "/" + d.allSteps().size(), "class", "count").close("td");
        h.el("td", Fmt.duration(d.durationMs()), "class", "num");
        h.el("td", d.message() == null ? "" : d.message(), "class", "why");
        h.close("tr").nl();
    }

    /** A run's environment as shown: its kind, then every fact it recorded ({@code postgres: 15, shard: 1/2}). */
    static String environment(RunReport r) {
        List<String> parts = new ArrayList<>();
        if (r.environment() != null && !r.environment().isBlank()) {
            parts.add(r.environment());
        }
        r.facts().forEach((k, v) -> parts.add(k + ": " + v));
        return String.join(", ", parts);
    }
}
