/** Waits: {@code wait} for a real condition (ready, out of recovery, lag, SQL, archived LSN) and {@code sleep} as a last resort. */
package dev.pgdrill.engine.steps.wait;
