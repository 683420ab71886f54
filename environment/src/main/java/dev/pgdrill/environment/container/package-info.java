/**
 * What the backends whose nodes are containers of our own Docker engine share (Compose, Testcontainers),
 * below both and naming neither: the base environment ({@code ContainerEnvironment}: link faults, backups,
 * restores and standby clones in helper containers), the nodes driven through docker-java
 * ({@code ContainerNode}), the run's containers, volumes and helper containers ({@code ProjectContainers}),
 * partitions and latency on the replication network ({@code LinkFaults}), the shell scripts helpers run
 * ({@code NodeScripts}), the recovery settings they write ({@code RecoverySettings}), the Compose
 * environment's files that also seed a Testcontainers primary ({@code ProjectFiles}), the images
 * ({@code NodeImages}) and the engine connection ({@code DockerEngine}).
 */
package dev.pgdrill.environment.container;
