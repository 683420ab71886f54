/**
 * The Docker Compose backend, and what every backend whose nodes are containers of our own engine shares
 * ({@code ContainerEnvironment}): the project's containers, volumes and helper containers
 * ({@code ProjectContainers}), nodes driven through docker-java ({@code ComposeNode}), partitions and
 * latency on the replication network ({@code LinkFaults}), the shell scripts helpers run
 * ({@code NodeScripts}), and pgBackRest inside containers ({@code ComposeToolHost}).
 */
package dev.pgdrill.environment.compose;
