/** The engine's error root ({@code DrillException}) and the exit codes every failure maps to. */
package dev.pgdrill.engine.api;
