/** Faults on a node: pause, resume, stop, kill, start, partition, heal, latency, wipe; and {@code exec}, the escape hatch. */
package dev.pgdrill.engine.steps.faults;
