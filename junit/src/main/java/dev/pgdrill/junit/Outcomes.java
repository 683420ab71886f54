package dev.pgdrill.junit;

import org.opentest4j.TestAbortedException;

/**
 * What the engine hands JUnit for a step that did not pass: the step's own message (expected vs
 * found, where), without a Java stack trace, which would only point into the engine.
 */
final class Outcomes {
    private Outcomes() {
    }

    /** A failed step or an invalid scenario. */
    static final class Failure extends AssertionError {
        Failure(String message) {
            super(message);
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }

    /** A step stopped from outside: the drill's deadline passed, or the run was interrupted. */
    static final class Aborted extends TestAbortedException {
        Aborted(String message) {
            super(message);
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }
}
