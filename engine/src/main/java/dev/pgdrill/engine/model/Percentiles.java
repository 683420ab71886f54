package dev.pgdrill.engine.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Statistics over the trials of a drill: nearest-rank percentiles, so every value is one a trial measured. */
public final class Percentiles {
    private Percentiles() {
    }

    /**
     * The nearest-rank {@code p}th percentile of {@code values} (p50 is the median, p100 the largest), or null
     * for none.
     */
    public static Double of(List<Double> values, double p) {
        if (values.isEmpty()) {
            return null;
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size(), rank) - 1));
    }

    /** The smallest of {@code values}, or null for none. */
    public static Double min(List<Double> values) {
        return values.isEmpty() ? null : Collections.min(values);
    }
}
