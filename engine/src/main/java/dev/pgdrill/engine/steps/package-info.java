/**
 * The step library, one sub-package per concern; each class is one YAML key, registered in
 * {@code META-INF/services/dev.pgdrill.engine.step.StepType}. Step types use the step API, the
 * PostgreSQL toolkit and the Environment port only: never a backend, never each other's package.
 */
package dev.pgdrill.engine.steps;
