package dev.pgdrill.environment.local;

import dev.pgdrill.engine.env.ConnectionInfo;
import dev.pgdrill.engine.env.EnvironmentException;
import dev.pgdrill.engine.env.ExecResult;
import dev.pgdrill.engine.env.Node;
import dev.pgdrill.engine.env.StopMode;
import dev.pgdrill.engine.wait.Poller;
import dev.pgdrill.environment.common.BackendNode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A PostgreSQL server run as a local process: data directory {@code <work>/<name>}, server log
 * {@code <work>/logs/<name>.log}, its own port on 127.0.0.1 (kept for the node's life).
 *
 * <p>Beyond the {@link Node} contract: {@link #start()} on a running node and {@link #stop} or
 * {@link #kill()} on a stopped one do nothing; {@link #stop} thaws a paused node first (a frozen
 * server cannot shut down); {@link #exec} returns exit code 124 when the command hit its timeout.
 */
public final class LocalNode implements BackendNode {
    /** How long an immediate shutdown may take before the postmaster's children are SIGKILLed. */
    private static final Duration IMMEDIATE_GRACE = Duration.ofMillis(500);

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(90);
    /** How long a failover manager's agent may take to start the server (a pg_rewind included). */
    private static final Duration AGENT_START = Duration.ofSeconds(90);

    private final String name;
    private final RunContext run;
    private final Path dataDir;
    private final ServerLog log;
    private final Freezer freezer = new Freezer();
    private final PidFile pidFile;
    private final Set<Long> postmasters = ConcurrentHashMap.newKeySet();
    private volatile int port;
    private volatile Agent agent;

    /**
     * A failover manager's agent on this node (Patroni), which starts and stops the server itself: with one,
     * {@link #kill()} kills the agent first (the node dies whole), {@link #stop} stops the agent (which shuts the
     * server down and gives up leadership; an immediate stop kills it instead), {@link #start()} starts the agent, which starts the server.
     */
    interface Agent {
        void kill();

        void stop();

        void start();

        boolean running();

        /** The agent's pid while it runs, else -1: {@link #pause()} freezes it with the server, its child. */
        long pid();
    }
    private volatile String user = RunContext.ADMIN;
    private volatile boolean socketOnly;

    LocalNode(String name, RunContext run, int port) {
        this.name = name;
        this.run = run;
        this.port = port;
        this.dataDir = run.workDir().resolve(name);
        this.pidFile = new PidFile(dataDir);
        this.log = new ServerLog(run.logs().resolve(name + ".log"), run.user());
    }

    @Override
    public String name() {
        return name;
    }

    Path dataDir() {
        return dataDir;
    }

    int port() {
        return port;
    }

    void port(int newPort) {
        this.port = newPort;
    }

    /**
     * Makes this node a sandbox restored from a source: it listens on no TCP address, only on its socket in the
     * run's private socket directory (see SourceSandbox), and the runner connects there as {@code role} (the
     * backup has no admin role).
     */
    void sandbox(String role) {
        this.user = role;
        this.socketOnly = true;
    }

    /** The server's socket file in the run's socket directory. */
    Path socketFile() {
        return run.sock().resolve(".s.PGSQL." + port);
    }

    ServerLog log() {
        return log;
    }

    /** Hands this node's server to {@code manager}'s agent from now on. */
    void agent(Agent manager) {
        this.agent = manager;
    }

    @Override
    public ConnectionInfo connectionInfo() {
        return new ConnectionInfo("127.0.0.1", port, run.database(), user, run.password(),
                socketOnly ? socketFile().toString() : null);
    }

    /** The live postmaster of this data directory, if any. */
    Optional<Long> postmasterPid() {
        Optional<Long> pid = pidFile.livePid();
        pid.ifPresent(postmasters::add);
        return pid;
    }

    /** Every postmaster pid this node has had (for {@link SysVSegments}: what a killed one leaves behind). */
    Set<Long> postmasters() {
        return Set.copyOf(postmasters);
    }

    @Override
    public boolean isRunning() {
        return postmasterPid().isPresent();
    }

    @Override
    public void start() {
        Agent a = agent;
        if (a != null) {
            startWithAgent(a);
            return;
        }
        if (isRunning()) {
            return;
        }
        if (!Files.exists(dataDir.resolve("PG_VERSION"))) {
            throw new EnvironmentException("start of node '" + name + "': no data directory at " + dataDir
                    + " (wiped?): restore it or rebuild it first");
        }
        long logStart = issueStart();
        // the start is issued: wait only until the postmaster holds its pid file, so a stop right after sees it
        // (or until it has already given up: its log then says why)
        Poller.within(Duration.ofSeconds(5)).pausing(Duration.ofMillis(10), Duration.ofMillis(50))
                .poll("node '" + name + "' to hold its pid file", () -> isRunning() || gaveUp(logStart));
    }

    /** Starts the agent, which starts the server (after a pg_rewind, maybe): returns once the server runs. */
    private void startWithAgent(Agent a) {
        if (a.running() && isRunning()) {
            return;
        }
        a.start();
        Poller.Outcome<Boolean> up = Poller.within(AGENT_START).poll("the failover manager to start node '" + name
                + "'", this::isRunning);
        if (!up.reached()) {
            throw new EnvironmentException(up.message() + "; last lines of " + log.file() + ":\n" + log.tailText(10));
        }
    }

    /** Starts and waits until the server accepts connections; false if it gave up or the timeout passed. */
    boolean startAndWait(Duration timeout) {
        long logStart = issueStart();
        boolean up = Poller.within(timeout).poll("node '" + name + "' to accept connections",
                () -> pidFile.acceptsConnections() || !isRunning() && gaveUp(logStart)).reached()
                && pidFile.acceptsConnections();
        postmasterPid();   // remembered
        return up;
    }

    private boolean gaveUp(long logStart) {
        return log.since(logStart).stream().anyMatch(l -> l.contains("FATAL:") || l.contains("PANIC:"));
    }

    /**
     * Issues {@code pg_ctl start} without waiting, under the run's lifecycle lock, so that a
     * concurrent close (SIGTERM) either refuses the start or finds the new postmaster.
     */
    private long issueStart() {
        run.lifecycle().readLock().lock();
        try {
            run.checkOpen("start of node '" + name + "'");
            removeStalePidFile();
            long logStart = log.position();
            run.pg("start of node '" + name + "'", "pg_ctl",
                    List.of("start", "-W", "-D", dataDir.toString(), "-l", log.file().toString()),
                    Map.of(), Duration.ofSeconds(30));
            return logStart;
        } finally {
            run.lifecycle().readLock().unlock();
        }
    }

    @Override
    public void stop(StopMode mode) {
        Agent a = agent;
        if (a != null) {
            Optional<Long> running = postmasterPid();
            running.ifPresent(freezer::thaw);
            if (mode == StopMode.IMMEDIATE) {
                a.kill();   // the agent dies with the server: Patroni gives up nothing, its key expires after ttl
            } else {
                a.stop();   // as systemctl stop patroni: a fast shutdown, and the leader key is released
            }
        }
        Optional<Long> pid = postmasterPid();
        if (pid.isEmpty()) {
            return;
        }
        freezer.thaw(pid.get());
        ExecResult r = signalStop(mode);
        if (!r.succeeded() && isRunning() || !awaitDown(STOP_TIMEOUT)) {
            throw new EnvironmentException("stop -m " + mode.pgCtlName() + " of node '" + name + "' failed (exit "
                    + r.exitCode() + (r.succeeded() ? ", still running after " + STOP_TIMEOUT.toSeconds() + "s" : "")
                    + "): " + r.stderr().trim() + "\nlast lines of " + log.file() + ":\n" + log.tailText(10));
        }
    }

    /**
     * {@code pg_ctl stop} without its own wait (which looks only every 100 ms); {@link #awaitDown} then
     * sees the postmaster gone as soon as it removed its pid file, as {@code pg_ctl stop -w} checks.
     */
    private ExecResult signalStop(StopMode mode) {
        return run.pgUnchecked("pg_ctl", List.of("stop", "-W", "-D", dataDir.toString(), "-m", mode.pgCtlName()),
                Map.of(), Duration.ofSeconds(30));
    }

    /** True once no postmaster runs on this data directory, polled at the Poller's pace; false after {@code timeout}. */
    private boolean awaitDown(Duration timeout) {
        return Poller.within(timeout).poll("node '" + name + "' to stop", () -> !isRunning()).reached();
    }

    @Override
    public void kill() {
        Agent a = agent;
        if (a != null) {
            a.kill();
        }
        Optional<Long> pid = postmasterPid();
        if (pid.isEmpty()) {
            return;
        }
        freezer.kill(pid.get(), name);
        removeStalePidFile();
    }

    /** Freezes the server; with a manager's agent the agent too (the server is its child): the whole node stops. */
    @Override
    public void pause() {
        long pid = postmasterPid().orElseThrow(() -> new EnvironmentException("pause of node '" + name
                + "': the server is not running"));
        Agent a = agent;
        long root = a != null && a.pid() > 0 ? a.pid() : pid;
        if (!freezer.isFrozen()) {
            freezer.freeze(root, name);
        }
    }

    @Override
    public void resume() {
        Agent a = agent;
        freezer.thaw(a != null && a.pid() > 0 ? a.pid() : postmasterPid().orElse(-1L));
    }

    @Override
    public boolean isPaused() {
        return freezer.isFrozen();
    }

    @Override
    public void wipe() {
        shutDown(StopMode.IMMEDIATE, Duration.ofSeconds(10));
        run.user().delete(dataDir);
    }

    @Override
    public void shutDown(StopMode first, Duration perAttempt) {
        Agent a = agent;
        if (a != null) {
            a.kill(); // no agent restarts the server being shut down
        }
        Optional<Long> pid = postmasterPid();
        if (pid.isEmpty()) {
            removeStalePidFile();
            return;
        }
        freezer.thaw(pid.get());
        for (StopMode mode : first == StopMode.IMMEDIATE ? List.of(StopMode.IMMEDIATE)
                : List.of(first, StopMode.IMMEDIATE)) {
            signalStop(mode);
            if (mode == StopMode.IMMEDIATE && !awaitDown(IMMEDIATE_GRACE)) {
                // A child that ignores SIGQUIT (the startup process ignores it while its restore_command runs,
                // as system() does) makes the postmaster wait 5 s before it SIGKILLs its children; do that now.
                ProcTable.signal("KILL", ProcTable.descendants(pid.get()));
            }
            if (awaitDown(perAttempt)) {
                return;
            }
        }
        kill();
    }

    private void removeStalePidFile() {
        pidFile.removeStale(run.sock(), port);
    }

    @Override
    public ExecResult exec(List<String> command, Map<String, String> env, Duration timeout) {
        Map<String, String> runners = new HashMap<>(run.clientEnv(port));
        if (socketOnly) {
            runners.put("PGHOST", run.sock().toString());
            runners.put("PGUSER", user);
        }
        runners.put("PGDATA", dataDir.toString());
        return run.user().run(command, runners, env, run.workDir(), timeout);  // the drill's env: after the drop
    }

    @Override
    public long logPosition() {
        return log.position();
    }

    @Override
    public List<String> logSince(long position) {
        return log.since(position);
    }

    @Override
    public List<String> logTail(int lines) {
        return log.tail(lines);
    }

    @Override
    public String toString() {
        return "node '" + name + "' (" + (socketOnly ? "socket " + socketFile() : "port " + port) + ", " + dataDir + ")";
    }
}
