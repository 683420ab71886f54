package dev.pgdrill.engine.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;

/**
 * The process exit codes of the runner, their meaning in reports and their description in the
 * help: the one place they are defined. Written to journals as the number.
 */
public enum ExitCode {
    OK(0, "all drills passed", "every drill passed (validate/plan: no problem)"),
    DRILL_FAILED(1, "a drill failed", "a drill failed"),
    INVALID(2, "invalid input", "usage error or invalid scenario (nothing ran)"),
    ENVIRONMENT(3, "environment problem", "the environment could not be set up, or the reports could not be written"),
    INTERNAL(4, "internal error", "internal error (a bug in the runner)"),
    HANGUP(129, "interrupted by SIGHUP", "hung up (SIGHUP); the run cleaned up"),
    INTERRUPTED(130, "interrupted by SIGINT", "interrupted by SIGINT (Ctrl-C); the run cleaned up"),
    TERMINATED(143, "interrupted by SIGTERM", "interrupted by SIGTERM; the run cleaned up");

    private final int code;
    private final String meaning;
    private final String help;

    ExitCode(int code, String meaning, String help) {
        this.code = code;
        this.meaning = meaning;
        this.help = help;
    }

    /** The number the process exits with. */
    @JsonValue
    public int code() {
        return code;
    }

    /** The line of {@code runner --help} that explains it: {@code "  2  usage error ..."}. */
    public String help() {
        return "  " + code + "  " + help;
    }

    /** True when the run was stopped by a signal: the drills were interrupted. */
    public boolean interrupted() {
        return code > 128;
    }

    /** {@code 1 (a drill failed)}: the code and its meaning, as reports print it. */
    @Override
    public String toString() {
        return code + " (" + meaning + ")";
    }

    /** The exit code numbered {@code code} (a signal's: 128 + its number, as shells report it). */
    @JsonCreator
    public static ExitCode of(int code) {
        return Arrays.stream(values()).filter(c -> c.code == code).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no such exit code: " + code));
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
