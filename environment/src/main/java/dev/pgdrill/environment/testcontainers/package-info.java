/**
 * The Testcontainers backend: the nodes as Testcontainers containers on labelled networks, ready only
 * when PostgreSQL answers a real query ({@code PostgresReady}); Ryuk on only where its image is present
 * ({@code RyukSwitch}); after start, the same container code as Compose ({@code ContainerEnvironment}).
 */
package dev.pgdrill.environment.testcontainers;
