package dev.pgdrill.engine.api;

/** The process exit codes of the runner: the one place they are defined. */
public final class ExitCode {
    /** Every drill passed (or validation/plan found no problem). */
    public static final int OK = 0;
    /** At least one drill ran and failed. */
    public static final int DRILL_FAILED = 1;
    /** Usage error or invalid scenario: nothing ran. */
    public static final int INVALID = 2;
    /**
     * The environment (servers, containers) could not be set up, or the run's reports could not be
     * written: the machine around the drills failed, not a drill.
     */
    public static final int ENVIRONMENT = 3;
    /** A bug in the runner itself. */
    public static final int INTERNAL = 4;

    private ExitCode() {
    }

    /**
     * The more serious of two codes, for a run of several drills: internal error, then environment,
     * then a failed drill, then success (2 does not arise from running drills).
     */
    public static int worse(int a, int b) {
        return severity(a) >= severity(b) ? a : b;
    }

    private static int severity(int code) {
        return switch (code) {
            case INTERNAL -> 4;
            case ENVIRONMENT -> 3;
            case INVALID -> 2;
            case DRILL_FAILED -> 1;
            default -> 0;
        };
    }
}
