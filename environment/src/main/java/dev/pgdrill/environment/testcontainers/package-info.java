/**
 * The Testcontainers backend: the nodes as Testcontainers containers on labelled networks, ready only
 * when PostgreSQL answers a real query ({@code PostgresReady}); Ryuk on only where its image is present
 * ({@code RyukSwitch}); the address of published ports told to Testcontainers from the socket, so it
 * starts no helper container to find it ({@code DockerHostAddress}); after start, the container code it shares with Compose ({@code container.ContainerEnvironment}).
 */
package dev.pgdrill.environment.testcontainers;
