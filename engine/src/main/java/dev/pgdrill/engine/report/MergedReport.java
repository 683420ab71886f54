package dev.pgdrill.engine.report;

import dev.pgdrill.engine.api.ExitCode;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The journals of several runs (CI shards, PostgreSQL versions, backup tools) joined into one
 * report: one index with a table of the runs and their environments, one page per drill and one
 * JUnit XML, with every run's trial sets. Page names are derived over all drills together, so two drills of the
 * same name from different runs get different pages ({@code pitr.html}, {@code pitr-2.html}). The JUnit XML holds
 * the suites each run wrote, named as the run named them ({@code pitr [trial 1/2]}, {@code pitr trials}); a suite
 * whose name another run also wrote is named after its run as well ({@code pitr [LABEL]}), so that the shards of
 * one run merge into exactly the suites they wrote. The journals are read as untrusted
 * input by the caller ({@link JsonJournal#read}); everything is written as {@link ReportPaths} writes.
 */
public final class MergedReport implements JoinedRuns {
    /**
     * One run joined.
     *
     * @param label how the run is shown: the directory or journal it was read from, as the user named it
     * @param run   what its journal holds
     */
    public record Source(String label, RunReport run) {
    }

    private final List<Source> sources;
    private final List<Integer> sourceOfDrill = new ArrayList<>();
    private final RunReport combined;

    private MergedReport(List<Source> sources) {
        this.sources = List.copyOf(sources);
        List<DrillReport> drills = new ArrayList<>();
        List<TrialSetReport> sets = new ArrayList<>();
        Set<String> environments = new LinkedHashSet<>();
        ExitCode exit = ExitCode.OK;
        boolean complete = true;
        Instant first = null;
        Instant last = null;
        for (int i = 0; i < sources.size(); i++) {
            RunReport r = sources.get(i).run();
            for (DrillReport d : r.drills()) {
                drills.add(d);
                sourceOfDrill.add(i);
            }
            sets.addAll(r.trialSets());
            if (r.environment() != null) {
                environments.add(r.environment());
            }
            exit = ExitCode.worse(exit, r.exitCode());
            complete &= r.complete();
            Instant start = Instant.parse(r.start());
            Instant end = start.plusMillis(r.durationMs());
            first = first == null || start.isBefore(first) ? start : first;
            last = last == null || end.isAfter(last) ? end : last;
        }
        String start = first == null ? Instant.EPOCH.toString() : first.toString();
        long span = first == null ? 0 : last.toEpochMilli() - first.toEpochMilli();
        combined = new RunReport(RunReport.FORMAT, start, span, exit, complete,
                environments.isEmpty() ? null : String.join(", ", environments), drills, Map.of(), sets);
    }

    /** The runs joined, in the order given (their drills keep their order within each run). */
    public static MergedReport of(List<Source> sources) {
        return new MergedReport(sources);
    }

    public List<Source> sources() {
        return sources;
    }

    /** All drills of all runs as one run: earliest start, span to the last end, the worst exit code. */
    public RunReport combined() {
        return combined;
    }

    /** The run the {@code i}-th drill of {@link #combined()} came from. */
    Source sourceOf(int i) {
        return sources.get(sourceOfDrill.get(i));
    }

    /** The facts shown in the header of a drill's page: its run, and that run's environment facts. */
    private Map<String, String> runFacts(int drill) {
        Source src = sourceOf(drill);
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("Run", src.label());
        src.run().facts().forEach(facts::put);
        return facts;
    }

    @Override
    public int runs() {
        return sources.size();
    }

    @Override
    public String label(int run) {
        return sources.get(run).label();
    }

    @Override
    public RunReport run(int run) {
        return sources.get(run).run();
    }

    /** File name to page content, index first. */
    Map<String, String> pages() {
        List<String> names = ReportModel.pageNames(combined.drills());
        Map<String, String> pages = new LinkedHashMap<>();
        pages.put(HtmlReport.INDEX, IndexPage.render(combined, names, this));
        for (int i = 0; i < names.size(); i++) {
            pages.put(names.get(i), DrillPage.render(combined, combined.drills().get(i), runFacts(i)));
        }
        return pages;
    }

    /**
     * The drills of the {@code i}-th run: their first index in {@link #combined()} and one past the last (a run's
     * drills are together, in its order).
     */
    @Override
    public int[] drillsOf(int source) {
        int from = sourceOfDrill.indexOf(source);
        return from < 0 ? new int[] {0, 0} : new int[] {from, sourceOfDrill.lastIndexOf(source) + 1};
    }

    /** The JUnit XML: each run's suites as it named them, a name another run also wrote followed by its run. */
    String junitXml(Path dir) {
        List<String> pages = ReportModel.pageNames(combined.drills());
        Map<String, Set<Integer>> runsOfName = new HashMap<>();
        for (int i = 0; i < pages.size(); i++) {
            runsOfName.computeIfAbsent(combined.drills().get(i).title(), n -> new LinkedHashSet<>()).add(sourceOfDrill.get(i));
        }
        for (int s = 0; s < sources.size(); s++) {
            for (TrialSetReport set : sources.get(s).run().trialSets()) {
                runsOfName.computeIfAbsent(setName(set), n -> new LinkedHashSet<>()).add(s);
            }
        }
        List<JunitXmlWriter.Suite> suites = new ArrayList<>();
        for (int i = 0; i < pages.size(); i++) {
            DrillReport d = combined.drills().get(i);
            Source src = sourceOf(i);
            suites.add(new JunitXmlWriter.Suite(d, named(d.title(), src, runsOfName), JunitXmlWriter.attachment(dir,
                    pages.get(i)), runFacts(src)));
        }
        List<JunitXmlWriter.SetSuite> sets = new ArrayList<>();
        for (Source src : sources) {
            for (TrialSetReport set : src.run().trialSets()) {
                sets.add(new JunitXmlWriter.SetSuite(set, named(setName(set), src, runsOfName), src.run().drills()));
            }
        }
        return JunitXmlWriter.toXml(suites, sets);
    }

    private static String setName(TrialSetReport set) {
        return set.name() + " trials";
    }

    private static String named(String name, Source src, Map<String, Set<Integer>> runsOfName) {
        return runsOfName.get(name).size() > 1 ? name + " [" + src.label() + "]" : name;
    }

    /** The facts of a run written into each of its suites as {@code run.KEY} properties. */
    private static Map<String, String> runFacts(Source src) {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("source", src.label());
        if (src.run().environment() != null) {
            facts.put("environment", src.run().environment());
        }
        facts.putAll(src.run().facts());
        return facts;
    }

    /**
     * Writes {@code junit.xml}, one page per drill and {@code index.html} into {@code dir} (confined
     * to it, see {@link ReportPaths}); no journal, since a merged report is not one run.
     *
     * @param dir the directory as the user named it (the attachment lines of the JUnit XML use it)
     * @return the index page
     * @throws java.io.UncheckedIOException naming the file that could not be written
     */
    public Path write(Path dir) {
        ReportPaths.write(dir, JunitXmlWriter.FILE, junitXml(dir));
        return HtmlReport.write(pages(), dir);
    }
}
