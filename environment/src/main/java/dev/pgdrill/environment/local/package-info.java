/**
 * The local backend: PostgreSQL servers as processes of this machine, run as the server user, in one work
 * directory per run (data directories, archive, backups, logs, private socket). Replication links go
 * through a {@code TcpProxy} so partitions and latency are real; the binaries of the drill's major
 * version are found by {@code PgBinaries}; the seed, database and settings come from the drill.
 */
package dev.pgdrill.environment.local;
