package dev.pgdrill.junit;

import dev.pgdrill.engine.report.JunitXmlWriter;
import org.opentest4j.TestAbortedException;

/**
 * What the engine hands JUnit for a step that did not pass: the step's own message (expected vs
 * found, where), without a Java stack trace, which would only point into the engine.
 */
final class Outcomes {
    private Outcomes() {
    }

    /**
     * Text from a scenario or a server as handed to JUnit (names, messages, report entries): as in
     * pgdrill's own JUnit XML, every {@code [[} is broken, since the XML a build tool writes from it
     * reaches Jenkins' JUnit plugins (see {@link JunitXmlWriter#clean}).
     */
    static String inert(String text) {
        return text == null ? null : JunitXmlWriter.clean(text);
    }

    /** A failed step or an invalid scenario. */
    static final class Failure extends AssertionError {
        Failure(String message) {
            super(inert(message));
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }

    /** A step stopped from outside: the drill's deadline passed, or the run was interrupted. */
    static final class Aborted extends TestAbortedException {
        Aborted(String message) {
            super(inert(message));
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }
}
