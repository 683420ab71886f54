package dev.pgdrill.engine.env;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The port through which steps act on a drill's servers: a primary with WAL archiving, a
 * streaming replica using a replication slot, and the WAL archive. Two adapters exist (local
 * processes and Docker Compose) with the same semantics, so scenarios run unchanged on both.
 *
 * <p>Lifecycle: {@link #setUp(Duration)} once, then any of the operations, then {@link #close()}
 * exactly once, on every exit path; {@code close()} must thaw frozen processes, stop servers,
 * remove containers and work directories (unless kept), and never throw for something already gone.
 */
public interface Environment extends AutoCloseable {
    /** {@code local} or {@code compose}. */
    String kind();

    /**
     * Creates and starts the nodes of the drill's {@link EnvironmentSpec#topology()} (by default primary and
     * replica), the primaries seeded (statelessCommerce unless the drill names its own); waits until every
     * node accepts SQL and every standby streams from its upstream.
     */
    void setUp(Duration deadline);

    /** The node named {@code name}. */
    Optional<Node> node(String name);

    /** Names of existing nodes, in creation order. */
    List<String> nodeNames();

    /** Cuts the replication link of {@code node} (all of its traffic to and from other nodes). */
    void partition(String node);

    /** Restores what {@link #partition(String)} cut. */
    void heal(String node);

    /** Adds {@code delay} to traffic over {@code node}'s replication link (zero removes it). */
    void latency(String node, Duration delay);

    /** Takes a full base backup of {@code fromNode} with the environment's backup tool (fast checkpoint) under {@code name}. */
    default BackupInfo backup(String fromNode, String name) {
        return backup(fromNode, name, BackupType.FULL);
    }

    /**
     * Takes a base backup of {@code type} of {@code fromNode} under {@code name} with the backup tool
     * ({@link #backupTool()}); a differential or incremental backup builds on the tool's earlier ones.
     *
     * @throws EnvironmentException when the tool does not take backups of {@code type}, or the backup fails
     *                              (a tool's error with its code and message)
     */
    BackupInfo backup(String fromNode, String name, BackupType type);

    /** The backup tool and its version as the tool reports it, e.g. {@code pgbackrest 2.45}. */
    default String backupTool() {
        return BackupTool.DEFAULT;
    }

    /**
     * Checks the backups and archive with the backup tool's own verification (pgBackRest: {@code check}
     * and {@code verify}; pg_basebackup: {@code pg_verifybackup} of each base backup). Returns what the
     * tool reported, one line each.
     *
     * @throws EnvironmentException when the tool finds a problem, with its message
     */
    default List<String> checkBackups() {
        throw new EnvironmentException("checking backups is not supported by " + kind());
    }

    /**
     * Removes the backups that a retention of {@code retainFull} full backups (with what depends on
     * them) no longer keeps, and the WAL only they needed. Returns the tool's report, one line each.
     */
    default List<String> expireBackups(int retainFull) {
        throw new EnvironmentException("expiring backups is not supported by " + kind());
    }

    /**
     * The backup tool's own log lines about the latest {@link #restore} (pgBackRest: the restore
     * and the archive-get calls of recovery since), for evidence; empty when the tool keeps no log.
     */
    default List<String> restoreToolLog() {
        return List.of();
    }

    /** Copies the live data directory of {@code fromNode} file by file (no backup mode) under {@code name}. */
    BackupInfo naiveCopy(String fromNode, String name);

    /**
     * A naive copy in two parts: copies {@code pg_wal} first, runs {@code midway} (a drill issues
     * a CHECKPOINT on the source there), then copies the rest, {@code global/pg_control} included:
     * the order of a plain file copy during which a checkpoint happened. The copy's control file
     * then points at a checkpoint record its WAL does not hold. A failure of {@code midway} is
     * passed on and nothing is registered under {@code name}.
     *
     * @throws EnvironmentException when the backend does not support it (this default)
     */
    default BackupInfo naiveCopy(String fromNode, String name, Runnable midway) {
        throw new EnvironmentException("naive copy with an action midway is not supported by " + kind());
    }

    /** Backups taken so far, oldest first. */
    List<BackupInfo> backups();

    /**
     * Stops the node if running, replaces its data directory with the backup, configures archive
     * recovery (restore_command from the archive, the target, the action) and starts it. Returns
     * once started; the caller waits for the outcome (writable, paused, or the start failed).
     * Creates the node if it does not exist (it then serves as a primary on its own port). With
     * {@link RestoreRequest#standby()}, the restored node starts as a streaming standby of the request's upstream
     * instead (its slot prepared there, the link moved to it; refused as {@link #rebuildReplica} refuses an upstream).
     */
    Node restore(RestoreRequest request);

    /**
     * Rebuilds {@code replica} as a fresh streaming standby of {@code upstream} (new base backup,
     * new slot, archive restore_command); creates it if missing. Returns once started.
     */
    Node rebuildReplica(String replica, String upstream);

    /**
     * Re-points the running standby {@code node} to stream from {@code upstream}, keeping its data: slot
     * {@code <node>_slot} prepared on the upstream, a new {@code primary_conninfo} (its {@code application_name}
     * the node's name) and {@code recovery_target_timeline = latest} (which takes effect at the next start; every
     * standby an environment makes has it already), applied by a reload: PostgreSQL 13+ restarts the walreceiver
     * with the new {@code primary_conninfo}. Returns once applied; the caller waits until it streams.
     */
    default Node follow(String node, String upstream) {
        throw new EnvironmentException("follow: the " + kind() + " environment cannot re-point a standby");
    }

    /**
     * Makes {@code node} (a former primary, stopped or running) a streaming standby of {@code upstream}:
     * {@link RejoinMethod#REWIND} stops it (fast), runs {@code pg_rewind} against the upstream as the server user,
     * configures it as a standby (slot {@code <node>_slot} on the upstream, {@code primary_conninfo},
     * {@code recovery_target_timeline = latest}) and starts it; {@link RejoinMethod#REBUILD} is
     * {@link #rebuildReplica}; {@link RejoinMethod#AUTO} rewinds and rebuilds when pg_rewind fails. Returns once
     * started; the caller waits until it streams.
     *
     * @throws EnvironmentException when the upstream is not running, or the method fails (pg_rewind's own lines)
     */
    default Rejoined rejoin(String node, String upstream, RejoinMethod method) {
        throw new EnvironmentException("rejoin: the " + kind() + " environment cannot rejoin a node");
    }

    /**
     * Configures the stopped {@code node} to start as a standby, keeping its data: {@code standby.signal} (no
     * {@code recovery.signal}, no recovery target), {@code recovery_target_timeline = latest}, the run's
     * {@code restore_command} as the archive fallback (none when its declaration says {@code archive: false}).
     * With {@code upstream}: slot {@code <node>_slot} prepared there, {@code primary_conninfo} and
     * {@code primary_slot_name} pointing at it, its replication link moved to it; without (null), its
     * {@code primary_conninfo} stays as it is (or absent: a standby that replays the archive only). Does not
     * start it: the caller starts it and waits.
     *
     * @throws EnvironmentException when the node runs, the upstream is the node itself, stopped, paused or cut off
     */
    default void prepareStandby(String node, String upstream) {
        throw new EnvironmentException("start as standby: the " + kind() + " environment cannot configure a standby");
    }

    /**
     * Who leads now, asked at each call: the failover manager's answer (Patroni's {@code /cluster}) when the drill has
     * one, else the one running node out of recovery ({@link Leaders#bySql}). Empty when
     * no single node leads (none yet, or two writable nodes).
     */
    default Optional<Leader> leader() {
        return Leaders.bySql(nodeNames(), this::node);
    }

    /**
     * The failover manager's view of the cluster now, one line per member (Patroni's {@code /cluster}: role, state,
     * timeline, lag), for evidence after a fault; empty without a manager.
     */
    default List<String> managerSnapshot() {
        return List.of();
    }

    /**
     * Asks the failover manager for a planned change of leader to {@code candidate} (Patroni: {@code POST /switchover});
     * returns once the manager reports it done. Environments without a manager refuse it.
     *
     * @throws EnvironmentException when there is no manager, or the manager refuses or fails the switchover
     */
    default void switchover(String candidate) {
        throw new EnvironmentException("switchover to '" + candidate + "': the " + kind() + " environment of this drill "
                + "has no failover manager (environment: { failover-manager: patroni })");
    }

    /**
     * With a {@link EnvironmentSpec#source() source}: its backups and how far its archive reaches, read now from
     * the source (read-only); empty for an environment that starts its own nodes (this default).
     */
    default Optional<SourceState> source() {
        return Optional.empty();
    }

    /** Names of WAL files present in the archive (the backup tool's repository), sorted; segment names without a tool's suffix. */
    List<String> archivedWalFiles();

    /**
     * Secret values this environment made up (its generated passwords). The executor registers
     * them with the drill's masker right after creating the environment, so they never reach the
     * console or a report.
     */
    default List<String> secrets() {
        return List.of();
    }

    /** Where the run's files live (work directory), for messages; may be a description for Compose. */
    String location();

    /** Keep the run's files (data directories, archive, logs) after close, for --keep-env; servers are still stopped. */
    void keep(boolean keep);

    @Override
    void close();
}
