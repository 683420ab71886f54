package dev.pgdrill.engine.report;

import dev.pgdrill.engine.run.DrillListener;
import dev.pgdrill.engine.run.DrillResult;
import dev.pgdrill.engine.run.RunResult;
import dev.pgdrill.engine.scenario.Scenario;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the report files into a directory: {@code journal.json}, {@code junit.xml},
 * {@code index.html} and one page per drill. They are written after every drill (marked
 * incomplete) and again when the run finishes, so a run cut short still leaves a full report of
 * what happened.
 */
public final class ReportFilesListener implements DrillListener {
    private final Path dir;
    private final List<DrillResult> drills = new ArrayList<>();
    private final Map<String, String> locations = new HashMap<>();
    private Instant start = Instant.now();

    public ReportFilesListener(Path dir) {
        this.dir = dir;
    }

    public Path index() {
        return dir.resolve(HtmlReport.INDEX);
    }

    @Override
    public synchronized void runStarted(List<Scenario> scenarios) {
        start = Instant.now();
        drills.clear();
        locations.clear();
    }

    @Override
    public synchronized void environmentReady(Scenario scenario, String location) {
        locations.put(String.valueOf(scenario.file()), location);
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
        JunitXmlWriter.write(run, dir.resolve(JunitXmlWriter.FILE));
        return HtmlReport.write(run, dir);
    }

    private void write(RunReport run) {
        writeAll(run, dir);
    }
}
