/**
 * The values every layer shares and none owns: a step as written ({@code StepSpec}, {@code Location}),
 * duration text, the measurements and samples a step records, the secret masker. Depends on nothing
 * else in the engine, so scenario, step, run and report all depend on it without a cycle.
 */
package dev.pgdrill.engine.model;
