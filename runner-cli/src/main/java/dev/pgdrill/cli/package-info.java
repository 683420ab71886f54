/**
 * The {@code runner} command (picocli): run, validate, plan, steps, report (and --merge), schema and
 * completion; the options every command shares ({@code CommonOptions}); drill selection by shard and
 * tags; CI output (GitHub annotations, Markdown summary); exit codes from the engine's {@code ExitCode}.
 */
package dev.pgdrill.cli;
