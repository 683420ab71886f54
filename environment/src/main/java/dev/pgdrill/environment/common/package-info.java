/**
 * What every backend shares: the skeleton ({@code BackendEnvironment}, {@code BackendNode}, the node table
 * and backup catalogue), the backup-tool providers behind one interface ({@code BackupProvider}:
 * {@code BaseBackupProvider} for pg_basebackup with a copied archive, {@code PgBackRestProvider}; a backend
 * supplies a {@code ToolHost}), and the safety helpers every child process and file goes through
 * ({@code ChildEnvironment} allowlist, {@code LinkSafeCopy}/{@code NoFollow} links-as-links,
 * {@code ChildProcesses} and the {@code Reaper} that outlives a killed runner).
 */
package dev.pgdrill.environment.common;
