/**
 * Load and validate: YAML to immutable {@code Scenario} records, every problem reported at once with
 * file:line:column; {@code ${...}} references checked; the JSON Schema generated from the step types.
 * The only place that reads environment variables ({@code ScenarioLoader}).
 */
package dev.pgdrill.engine.scenario;
