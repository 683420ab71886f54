/**
 * The Docker Compose backend: the user's Compose file brought up under a project name of its own
 * ({@code ComposeCli}, {@code ComposeSettings}), one service per node ({@code ComposeSetUp}), pgBackRest
 * inside containers ({@code ComposeToolHost}) and the project's removal ({@code Teardown}); the rest is
 * {@code container}'s.
 */
package dev.pgdrill.environment.compose;
