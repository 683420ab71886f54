package dev.pgdrill.engine.model;

/**
 * One run of a drill that draws random values or repeats: trial {@code number} of {@code of}, under the
 * run's seed. Its own seed, and every value drawn in it, follow from the run seed and the number alone,
 * so {@code runner --seed S --repeat N --trial K} runs trial K again with the same values ({@link #rerun}).
 *
 * @param number  1-based
 * @param of      how many trials the drill has in this run
 * @param runSeed the run's seed (printed at the start, kept in the journal)
 */
public record Trial(int number, int of, long runSeed) {
    public Trial {
        if (number < 1 || of < 1) {
            throw new IllegalArgumentException("trial " + number + " of " + of);
        }
    }

    /** This trial's seed: the run seed mixed with the trial number (SplitMix64's finaliser). */
    public long seed() {
        return mix(runSeed + 0x9E3779B97F4A7C15L * number);
    }

    /**
     * The seed of the value drawn for {@code path} in this trial: independent of the order in which
     * values are drawn and of the other draws.
     */
    public long seedOf(String path) {
        return mix(seed() ^ mix(path.hashCode()));
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * The command line that runs trial {@code number} of a set of {@code of} again, alone:
     * {@code runner --seed 8812 --repeat 20 --trial 3}. It names the set's size, which a trial's label shows
     * ({@code trial 3/20}) and which {@code --repeat} may have set instead of the file's {@code repeat:}.
     */
    public static String rerun(long runSeed, int number, int of) {
        return "runner --seed " + runSeed + " --repeat " + of + " --trial " + number;
    }

    /** {@code trial 3/20}. */
    public String label() {
        return "trial " + number + "/" + of;
    }
}
