package dev.pgdrill.engine.report;

import dev.pgdrill.engine.api.ExitCode;
import dev.pgdrill.engine.run.DrillListener;
import dev.pgdrill.engine.run.DrillResult;
import dev.pgdrill.engine.run.RunResult;
import dev.pgdrill.engine.scenario.Scenario;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Writes the report files into a directory: {@code journal.json}, {@code junit.xml},
 * {@code index.html} and one page per drill. They are written after every drill (marked
 * incomplete) and again when the run finishes, so a run cut short still leaves a full report of
 * what happened. A write that fails does not stop the run: the failure is kept for the caller to
 * report ({@link #failure()}); a later write that succeeds (the report is then whole) clears it.
 */
public final class ReportFilesListener implements DrillListener {
    private final Path dir;
    private final Map<String, String> facts;
    private volatile Supplier<Map<String, String>> moreFacts = Map::of;
    private final List<DrillResult> drills = new ArrayList<>();
    private final Map<String, String> locations = new HashMap<>();
    private Instant start = Instant.now();
    private String failure;

    public ReportFilesListener(Path dir) {
        this(dir, Map.of());
    }

    /**
     * @param dir   the report directory as the user named it (JUnit attachment lines use it)
     * @param facts facts about the run's environment recorded in the journal (see {@link RunReport#facts()})
     */
    public ReportFilesListener(Path dir, Map<String, String> facts) {
        this.dir = dir;
        this.facts = Map.copyOf(facts);
    }

    /**
     * Facts known only while the run goes on (e.g. the backend's {@code template-cache}), read at every
     * write of the report and added to those given at construction.
     */
    public void factsFrom(Supplier<Map<String, String>> source) {
        this.moreFacts = source;
    }

    public Path index() {
        return dir.resolve(HtmlReport.INDEX);
    }

    /**
     * The run's exit code once the report is accounted for: a report that could not be written
     * makes the run fail with {@link ExitCode#ENVIRONMENT} (the machine around the drills failed,
     * not a drill; CI must not go green without the files it publishes).
     */
    public synchronized ExitCode exitCode(ExitCode runExitCode) {
        return failure == null ? runExitCode : ExitCode.worse(runExitCode, ExitCode.ENVIRONMENT);
    }

    /** Why the last write of the report failed, or null when it succeeded (or nothing was written yet). */
    public synchronized String failure() {
        return failure;
    }

    @Override
    public synchronized void runStarted(List<Scenario> scenarios) {
        start = Instant.now();
        drills.clear();
        locations.clear();
    }

    @Override
    public synchronized void environmentReady(Scenario scenario, String location) {
        locations.put(ReportModel.locationKey(scenario), location);
    }

    @Override
    public synchronized void drillFinished(DrillResult result) {
        drills.add(result);
        write(ReportModel.partial(start, drills, locations));
    }

    @Override
    public synchronized void runFinished(RunResult result) {
        write(ReportModel.of(start, result, locations));
    }

    /** Writes all report files for {@code run} into {@code dir}; returns the index page. */
    public static Path writeAll(RunReport run, Path dir) {
        JsonJournal.write(run, dir.resolve(JsonJournal.FILE));
        ReportPaths.write(dir, JunitXmlWriter.FILE, JunitXmlWriter.toXml(run, dir));
        return HtmlReport.write(run, dir);
    }

    private void write(RunReport run) {
        try {
            Map<String, String> all = new TreeMap<>(moreFacts.get());
            all.putAll(facts);
            writeAll(all.isEmpty() ? run : run.withFacts(all), dir);
            failure = null;
        } catch (UncheckedIOException | IllegalArgumentException e) {
            failure = e.getMessage();
        }
    }
}
