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
    /** Interrupted by SIGINT (Ctrl-C): 128 + 2, as shells report it. Clean-up ran. */
    public static final int INTERRUPTED = 130;
    /** Terminated by SIGTERM: 128 + 15, as shells report it. Clean-up ran. */
    public static final int TERMINATED = 143;

    private ExitCode() {
    }

    /** The code of a run stopped by signal {@code number}: 128 + number (130 for SIGINT, 143 for SIGTERM). */
    public static int forSignal(int number) {
        return 128 + number;
    }

    /** True for a code that says the run was stopped by a signal (128 + the signal's number). */
    public static boolean bySignal(int code) {
        return code > 128 && code < 128 + 65;
    }

    /**
     * The more serious of two codes, for a run of several drills: stopped by a signal, then internal
     * error, then environment, then a failed drill, then success (2 does not arise from running drills).
     */
    public static int worse(int a, int b) {
        return severity(a) >= severity(b) ? a : b;
    }

    private static int severity(int code) {
        if (bySignal(code)) {
            return 5;
        }
        return switch (code) {
            case INTERNAL -> 4;
            case ENVIRONMENT -> 3;
            case INVALID -> 2;
            case DRILL_FAILED -> 1;
            default -> 0;
        };
    }
}
