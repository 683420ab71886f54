package dev.pgdrill.engine.report;

import dev.pgdrill.engine.run.StepStatus;

/** A {@code <testcase>} of {@code junit.xml}: a step, a trial, a set's verdict, or a drill that failed outside any step. */
record JunitCase(String name, StepStatus status, long durationMs, String message, String details) {
}
