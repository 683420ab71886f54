/** Recovery: {@code restore} (with its preflight and the check of where recovery stopped), {@code promote}, {@code rebuild-replica}, {@code inspect}. */
package dev.pgdrill.engine.steps.recovery;
