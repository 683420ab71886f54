package dev.pgdrill.engine.report;

import dev.pgdrill.engine.api.ExitCode;
import dev.pgdrill.engine.model.Redactor;
import dev.pgdrill.engine.model.StepSpec;
import dev.pgdrill.engine.model.Trial;
import dev.pgdrill.engine.run.DrillResult;
import dev.pgdrill.engine.run.RunResult;
import dev.pgdrill.engine.run.StepResult;
import dev.pgdrill.engine.run.StepStatus;
import dev.pgdrill.engine.run.TrialSetResult;
import dev.pgdrill.engine.run.TrialSets;
import dev.pgdrill.engine.scenario.Scenario;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Turns the engine's results into the report model, masking passwords on the way. */
public final class ReportModel {
    private ReportModel() {
    }

    /**
     * @param start     when the run started
     * @param drills    the drills finished so far
     * @param duration  wall time so far
     * @param exitCode  the run's exit code so far
     * @param complete  true once the run has finished
     * @param locations environment location per scenario file (from environmentReady; names may repeat), may lack entries
     */
    public static RunReport of(Instant start, List<DrillResult> drills, Duration duration, ExitCode exitCode,
                               boolean complete, Map<String, String> locations) {
        List<DrillReport> out = new ArrayList<>();
        Set<String> pages = new HashSet<>();
        for (DrillResult d : drills) {
            Trial t = d.scenario().trial();
            out.add(drill(d, page(pageBase(d.scenario().name(), t == null ? null : t.number()), pages),
                    locations.get(locationKey(d.scenario()))));
        }
        String env = drills.isEmpty() ? null : drills.get(0).environment();
        List<TrialSetReport> sets = TrialSets.judge(drills).stream().map(ReportModel::set).toList();
        return new RunReport(RunReport.FORMAT, start.toString(), duration.toMillis(), exitCode, complete, env, out,
                Map.of(), sets);
    }

    /** The key of a drill's environment location among those of a run: its file, and its trial when it is one. */
    public static String locationKey(Scenario scenario) {
        return scenario.file() + (scenario.trial() == null ? "" : "#" + scenario.trial().number());
    }

    /** What a drill's page is named after: its name, and its trial's number when it is one. */
    private static String pageBase(String name, Integer trial) {
        return trial == null ? name : (name == null ? "drill" : name) + "-trial-" + trial;
    }

    static TrialSetReport set(TrialSetResult r) {
        Redactor m = r.scenario().secrets();
        List<TrialSetReport.Bound> bounds = r.bounds().stream().map(b -> new TrialSetReport.Bound(b.bound().key(),
                b.bound().describe(), b.value(), b.measured(), b.holds(), b.trial())).toList();
        List<TrialSetReport.Point> points = r.trials().stream().map(t -> new TrialSetReport.Point(
                t.scenario().trial().number(), t.status(), TrialSets.measure(t, "lost"), TrialSets.measure(t, "ghost"),
                TrialSets.measure(t, "seconds"), m.maskStrings(t.drawn()))).toList();
        String file = r.scenario().file() == null ? null : r.scenario().file().toString();
        return new TrialSetReport(m.mask(r.scenario().name()), m.mask(file), r.seed(), r.trials().size(), r.passed(),
                r.ok() ? StepStatus.PASSED : StepStatus.FAILED, m.mask(r.message()), r.rerun(), bounds, points);
    }

    /** A finished run. */
    public static RunReport of(Instant start, RunResult run, Map<String, String> locations) {
        return of(start, run.drills(), run.duration(), run.exitCode(), true, locations);
    }

    /** A run cut short after these drills: exit code as the executor would compute it. */
    public static RunReport partial(Instant start, List<DrillResult> drills, Map<String, String> locations) {
        return of(start, drills, Duration.between(start, Instant.now()), RunResult.worst(drills), false,
                locations);
    }

    static DrillReport drill(DrillResult d, String page, String location) {
        Redactor m = d.scenario().secrets();
        List<StepReport> steps = new ArrayList<>();
        d.steps().forEach(s -> steps.add(step(s, m)));
        List<StepReport> fin = new ArrayList<>();
        d.finallySteps().forEach(s -> fin.add(step(s, m)));
        String file = d.scenario().file() == null ? null : d.scenario().file().toString();
        Trial t = d.scenario().trial();
        return new DrillReport(m.mask(d.scenario().name()), m.mask(d.scenario().description()), m.mask(file), page,
                d.environment(), m.mask(location), d.status(), d.start().toString(),
                d.duration().toMillis(), m.mask(d.message()), d.exitCode(), steps, fin, m.mask(d.backupTool()),
                m.mask(d.serverVersions()), t == null ? null : t.number(), t == null ? null : t.of(),
                t == null ? null : t.runSeed(), m.maskStrings(d.drawn()));
    }

    static StepReport step(StepResult r, Redactor m) {
        StepSpec s = r.spec();
        return new StepReport(s.block(), s.index() + 1, s.id(), m.mask(s.label()), s.type(),
                s.location() == null ? null : m.mask(s.location().toString()), r.status(), r.start().toString(),
                r.duration().toMillis(), m.maskMap(r.params()), m.maskStrings(r.outputs()),
                r.measurements(), r.samples(), m.maskLines(r.evidence()), m.mask(r.message()),
                m.maskLines(r.logTail()));
    }

    /**
     * The page file names of {@code drills}, in order: derived from each drill's position and name
     * only, so a page name never comes from a journal's text.
     */
    static List<String> pageNames(List<DrillReport> drills) {
        Set<String> taken = new HashSet<>();
        List<String> names = new ArrayList<>();
        drills.forEach(d -> names.add(page(pageBase(d.name(), d.trial()), taken)));
        return names;
    }

    /** A file name for a drill's page: safe characters only, at most 80 of them, unique within {@code taken}. */
    static String page(String name, Set<String> taken) {
        String base = name == null ? "drill" : name.replaceAll("[^A-Za-z0-9._-]+", "-").replaceAll("\\.{2,}", ".")
                .replaceAll("^[.-]+", "");
        base = base.substring(0, Math.min(base.length(), 80)).replaceAll("\\.+$", "");
        if (base.isEmpty() || base.toLowerCase(Locale.ROOT).equals("index")) {
            base = "drill-" + base;
        }
        String candidate = base;
        for (int i = 2; !taken.add(candidate.toLowerCase(Locale.ROOT)); i++) {
            candidate = base + "-" + i;
        }
        return candidate + ".html";
    }
}
