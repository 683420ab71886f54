/**
 * Drills inside Java test suites: {@link dev.pgdrill.junit.PgDrillTestEngine} (JUnit Platform engine
 * {@code pgdrill}: each drill a container, each step a test) and {@link dev.pgdrill.junit.Drill} (run
 * one drill from a test, with Java-side checks through a Jdbi per node before, between and after its
 * YAML steps). Both run drills through the engine's own {@code DrillExecutor}; neither has an executor
 * of its own.
 */
package dev.pgdrill.junit;
