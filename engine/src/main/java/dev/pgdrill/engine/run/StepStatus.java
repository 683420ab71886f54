package dev.pgdrill.engine.run;

import java.util.Locale;

/** Outcome of a step or a drill. */
public enum StepStatus {
    /** Did what it should; every check held. */
    PASSED,
    /** A check did not hold, an action failed, or the step timed out. */
    FAILED,
    /** Stopped from outside: the drill deadline passed, or the run was interrupted (SIGINT/SIGTERM). */
    ABORTED,
    /** Not run because an earlier step failed or was aborted. */
    SKIPPED;

    /** The status in lower case, as prose and CSS classes use it: {@code failed}. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
