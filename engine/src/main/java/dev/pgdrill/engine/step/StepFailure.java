package dev.pgdrill.engine.step;

/**
 * Thrown by a step whose check did not hold or whose action failed. The executor turns it into a
 * FAILED result with this message; the message should say what was expected and what was found.
 */
public class StepFailure extends RuntimeException {
    public StepFailure(String message) {
        super(message, null, false, false);
    }

    public StepFailure(String message, Throwable cause) {
        super(message, cause, false, false);
    }
}
