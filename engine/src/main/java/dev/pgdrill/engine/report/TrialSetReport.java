package dev.pgdrill.engine.report;

import dev.pgdrill.engine.model.Percentiles;
import dev.pgdrill.engine.run.StepStatus;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The trials of one drill in a report, judged as a set: the verdict, each bound with the value reached, and one
 * point per trial (its verdict, measurements and drawn values) for the distribution chart and table.
 *
 * @param name    drill name
 * @param file    the scenario file
 * @param seed    the run's seed
 * @param trials  how many trials ran
 * @param passed  how many of them passed
 * @param status  PASSED when the set passed, else FAILED
 * @param message the verdict in a line (how many passed, the bound that failed, the trial to re-run alone)
 * @param rerun   the trial to re-run alone, 0 when the set passed
 * @param bounds  the bounds of {@code trials:} with the values reached
 * @param points  one per trial, by trial number
 */
public record TrialSetReport(String name, String file, long seed, int trials, int passed, StepStatus status,
                             String message, int rerun, List<Bound> bounds, List<Point> points) {
    public TrialSetReport {
        bounds = bounds == null ? List.of() : List.copyOf(bounds);
        points = points == null ? List.of() : List.copyOf(points);
    }

    /**
     * One bound over the set.
     *
     * @param key      as written ({@code p95-lost})
     * @param text     the bound in words ({@code p95-lost <= 0})
     * @param value    the statistic reached, or null when no trial measured it
     * @param measured how many trials measured it
     * @param holds    whether it held
     * @param trial    the trial that reached {@code value}, 0 when none
     */
    public record Bound(String key, String text, Double value, int measured, boolean holds, int trial) {
    }

    /**
     * One trial.
     *
     * @param trial   its number
     * @param status  its verdict
     * @param lost    acknowledged writes its rpo steps found lost (summed), or null when not measured
     * @param ghost   unacknowledged writes found present (summed), or null
     * @param seconds its recovery time (rto), or null
     * @param drawn   the values drawn for it, by path
     */
    public record Point(int trial, StepStatus status, Double lost, Double ghost, Double seconds,
                        Map<String, String> drawn) {
        public Point {
            drawn = drawn == null ? Map.of() : drawn;
        }
    }

    /** The measured values of {@code what} over the trials (those that measured it), in trial order. */
    public List<Double> values(Function<Point, Double> what) {
        return points.stream().map(what).filter(Objects::nonNull).toList();
    }

    /** min, median, p95, max of {@code values} (each null for none). */
    public static List<Double> summary(List<Double> values) {
        List<Double> row = new ArrayList<>();
        row.add(Percentiles.min(values));
        row.add(Percentiles.of(values, 50));
        row.add(Percentiles.of(values, 95));
        row.add(Percentiles.of(values, 100));
        return row;
    }
}
