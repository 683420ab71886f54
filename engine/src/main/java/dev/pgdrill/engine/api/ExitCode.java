package dev.pgdrill.engine.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The process exit codes of the runner, with their meaning: the one place they are defined. Written
 * to journals as the number.
 */
public enum ExitCode {
    /** Every drill passed (or validation/plan found no problem). */
    OK(0, "all drills passed"),
    /** At least one drill ran and failed. */
    DRILL_FAILED(1, "a drill failed"),
    /** Usage error or invalid scenario: nothing ran. */
    INVALID(2, "invalid input"),
    /**
     * The environment (servers, containers) could not be set up, or the run's reports could not be
     * written: the machine around the drills failed, not a drill.
     */
    ENVIRONMENT(3, "environment problem"),
    /** A bug in the runner itself. */
    INTERNAL(4, "internal error"),
    /** Hung up (SIGHUP): 128 + 1, as shells report it. Clean-up ran. */
    HANGUP(129, "interrupted by SIGHUP"),
    /** Interrupted by SIGINT (Ctrl-C): 128 + 2. Clean-up ran. */
    INTERRUPTED(130, "interrupted by SIGINT"),
    /** Terminated by SIGTERM: 128 + 15. Clean-up ran. */
    TERMINATED(143, "interrupted by SIGTERM");

    private final int code;
    private final String meaning;

    ExitCode(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    /** The number the process exits with. */
    @JsonValue
    public int code() {
        return code;
    }

    /** What it means, in words for reports: {@code "a drill failed"}. */
    public String meaning() {
        return meaning;
    }

    /** True when the run was stopped by a signal (128 + the signal's number): the drills were interrupted. */
    public boolean interrupted() {
        return code > 128;
    }

    /** {@code 1 (a drill failed)}. */
    @Override
    public String toString() {
        return code + " (" + meaning + ")";
    }

    /** The exit code numbered {@code code}. */
    @JsonCreator
    public static ExitCode of(int code) {
        for (ExitCode c : values()) {
            if (c.code == code) {
                return c;
            }
        }
        throw new IllegalArgumentException("no such exit code: " + code);
    }

    /** The code of a run stopped by signal {@code number}: 128 + number (130 for SIGINT, 143 for SIGTERM). */
    public static ExitCode forSignal(int number) {
        return of(128 + number);
    }

    /**
     * The more serious of two codes, for a run of several drills: stopped by a signal, then internal
     * error, then environment, then a failed drill, then success ({@code a} when both are signals).
     */
    public static ExitCode worse(ExitCode a, ExitCode b) {
        return a.severity() >= b.severity() ? a : b;
    }

    private int severity() {
        return interrupted() ? INTERNAL.code + 1 : code;
    }
}
