/**
 * The adapters of the engine's {@code Environment} port: {@code Environments} picks a backend by name
 * ({@code local}, {@code compose}, {@code testcontainers}) with {@code EnvironmentOptions}. Each backend
 * extends {@code common.BackendEnvironment}, so restore, rebuild-replica and the backup-tool providers
 * are written once, and each passes the one {@code EnvironmentContract} test suite.
 */
package dev.pgdrill.environment;
