package dev.pgdrill.engine.report;

/**
 * What the index page of a merged report shows of the runs it joined (see {@link MergedReport}): each run's label,
 * its journal and the range of its drills in the combined run, and the run each drill came from.
 */
interface JoinedRuns {
    /** How many runs were joined. */
    int runs();

    /** How the {@code run}-th run is shown: the directory or journal it was read from. */
    String label(int run);

    /** What the {@code run}-th run's journal holds. */
    RunReport run(int run);

    /** The drills of the {@code run}-th run: their first index in the combined run and one past the last. */
    int[] drillsOf(int run);

    /** The label of the run the {@code drill}-th drill of the combined run came from. */
    default String labelOfDrill(int drill) {
        for (int r = 0; r < runs(); r++) {
            int[] range = drillsOf(r);
            if (drill >= range[0] && drill < range[1]) {
                return label(r);
            }
        }
        return null;
    }
}
