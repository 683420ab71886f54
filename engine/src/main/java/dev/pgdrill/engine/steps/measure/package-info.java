/** Measurement: {@code lag}, the background {@code workload} and its stop, {@code rpo} and {@code rto} judged against the ledgers. */
package dev.pgdrill.engine.steps.measure;
