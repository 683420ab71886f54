package dev.pgdrill.engine.api;

/**
 * Root of the runner's own exceptions. Each carries the {@link ExitCode} the CLI exits with
 * when it reaches the top, and a message meant for a person (no stack trace is shown).
 */
public class DrillException extends RuntimeException {
    private final ExitCode exitCode;

    public DrillException(ExitCode exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public DrillException(ExitCode exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public ExitCode exitCode() {
        return exitCode;
    }
}
