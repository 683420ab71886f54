package dev.pgdrill.engine.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.pgdrill.engine.api.ExitCode;
import dev.pgdrill.engine.run.StepStatus;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The report-side model of a run: what the JSON journal holds and every renderer reads. Built from
 * the engine's result model by {@link ReportModel} (passwords already masked), or read back from a
 * journal by {@link JsonJournal}; HTML rendered from either is the same.
 *
 * @param format      journal format version
 * @param start       ISO-8601 start of the run
 * @param durationMs  wall time of the run so far
 * @param exitCode    the run's exit code
 * @param complete    false while drills are still to come (a journal written after each drill)
 * @param environment environment kind of the run ({@code local}, {@code compose})
 * @param drills      the drills, in run order
 * @param facts       facts about the run's environment beyond its kind (e.g. {@code postgres},
 *                    {@code backup-tool}, {@code shard}), shown as they are by {@code runner report --merge};
 *                    left out of the journal when empty
 * @param trialSets   the trials of each drill that was tried, judged as a set; left out of the journal when empty
 */
public record RunReport(int format, String start, long durationMs, ExitCode exitCode, boolean complete,
                        String environment, List<DrillReport> drills,
                        @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> facts,
                        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<TrialSetReport> trialSets) {
    /** The journal format written by this version. */
    public static final int FORMAT = 1;

    public RunReport {
        drills = drills == null ? List.of() : List.copyOf(drills);
        facts = facts == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(facts));
        trialSets = trialSets == null ? List.of() : List.copyOf(trialSets);
    }

    /** A run without trials. */
    public RunReport(int format, String start, long durationMs, ExitCode exitCode, boolean complete,
                     String environment, List<DrillReport> drills, Map<String, String> facts) {
        this(format, start, durationMs, exitCode, complete, environment, drills, facts, List.of());
    }

    /** A run without environment facts beyond its kind. */
    public RunReport(int format, String start, long durationMs, ExitCode exitCode, boolean complete,
                     String environment, List<DrillReport> drills) {
        this(format, start, durationMs, exitCode, complete, environment, drills, Map.of());
    }

    /** This run with {@code facts} about its environment. */
    public RunReport withFacts(Map<String, String> facts) {
        return new RunReport(format, start, durationMs, exitCode, complete, environment, drills, facts, trialSets);
    }

    public long count(StepStatus status) {
        return drills.stream().filter(d -> d.status() == status).count();
    }
}
