package dev.pgdrill.engine.report;

import java.util.ArrayList;
import java.util.List;

/** Round axis ticks for a time span (ms) and for values. */
final class Ticks {
    private static final long[] STEPS_MS = {100, 200, 500, 1_000, 2_000, 5_000, 10_000, 15_000, 30_000, 60_000,
        120_000, 300_000, 600_000, 900_000, 1_800_000, 3_600_000};

    private Ticks() {
    }

    /** Tick positions from 0 to {@code span}, at most about 8. */
    static List<Long> of(long span) {
        long step = STEPS_MS[STEPS_MS.length - 1];
        for (long s : STEPS_MS) {
            if (span / s <= 8) {
                step = s;
                break;
            }
        }
        List<Long> out = new ArrayList<>();
        for (long t = 0; t <= span; t += step) {
            out.add(t);
        }
        return out;
    }

    /** A round upper bound for bytes: round in the unit the value is shown in (B, kB, MB, ...). */
    static double niceBytes(double max) {
        double unit = 1;
        while (max / unit >= 1024) {
            unit *= 1024;
        }
        return niceMax(max / unit) * unit;
    }

    /** A round upper bound (1, 2, 2.5 or 5 times a power of ten) at or above {@code max}. */
    static double niceMax(double max) {
        if (max <= 0 || Double.isNaN(max) || Double.isInfinite(max)) {
            return 1;
        }
        double p = Math.pow(10, Math.floor(Math.log10(max)));
        for (double m : new double[] {1, 2, 2.5, 5, 10}) {
            if (m * p >= max) {
                return m * p;
            }
        }
        return 10 * p;
    }
}
