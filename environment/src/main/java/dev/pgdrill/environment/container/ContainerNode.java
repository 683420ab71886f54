package dev.pgdrill.environment.container;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.WaitContainerResultCallback;
import com.github.dockerjava.api.exception.DockerClientException;
import com.github.dockerjava.api.exception.DockerException;
import dev.pgdrill.engine.env.ConnectionInfo;
import dev.pgdrill.engine.env.EnvironmentException;
import dev.pgdrill.engine.env.ExecResult;
import dev.pgdrill.engine.env.StopMode;
import dev.pgdrill.environment.common.BackendNode;
import dev.pgdrill.environment.common.ToolClock;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A PostgreSQL server in a container of the run's project (Compose, or Testcontainers labelled the
 * same way), its SQL port published on 127.0.0.1. The server is the container's main process, so container state is server state:
 * a stop is a shutdown signal (SIGTERM smart, SIGINT fast, SIGQUIT immediate), a kill is SIGKILL,
 * a pause freezes the container's cgroup. As on the local backend: {@link #start()} on a running
 * node and {@link #stop}/{@link #kill()} on a stopped one do nothing, {@link #stop} thaws a paused
 * node first, and {@link #exec} returns exit code 124 when the command hit its timeout. A stopped
 * or paused node's commands run in a helper container on its volumes.
 */
public final class ContainerNode implements BackendNode {
    public static final String DATABASE = "statelessCommerce";
    public static final String ADMIN = "admin";
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(90);
    /** How often a pause is asked for before it counts as failed (runc's freeze can give up under load). */
    private static final int PAUSE_ATTEMPTS = 5;

    private final String name;
    private final String containerId;
    private final String dataVolume;
    private final int hostPort;
    private final ProjectContainers project;
    private final DockerEngine engine;
    private final String password;
    private final String database;
    private volatile boolean wiped;

    public ContainerNode(String name, String containerId, String dataVolume, int hostPort, ProjectContainers project,
                DockerEngine engine, String password) {
        this(name, containerId, dataVolume, hostPort, project, engine, password, DATABASE);
    }

    /** @param database the database the drill's SQL runs in ({@link #DATABASE} unless the drill names its own) */
    public ContainerNode(String name, String containerId, String dataVolume, int hostPort, ProjectContainers project,
                DockerEngine engine, String password, String database) {
        this.database = database;
        this.name = name;
        this.containerId = containerId;
        this.dataVolume = dataVolume;
        this.hostPort = hostPort;
        this.project = project;
        this.engine = engine;
        this.password = password;
    }

    @Override
    public String name() {
        return name;
    }

    public String containerId() {
        return containerId;
    }

    public String dataVolume() {
        return dataVolume;
    }

    public int hostPort() {
        return hostPort;
    }

    public void wiped(boolean value) {
        wiped = value;
    }

    @Override
    public ConnectionInfo connectionInfo() {
        return new ConnectionInfo("127.0.0.1", hostPort, database, ADMIN, password);
    }

    private Optional<InspectContainerResponse.ContainerState> state() {
        return engine.inspect(containerId).map(InspectContainerResponse::getState);
    }

    @Override
    public boolean isRunning() {
        return state().map(s -> Boolean.TRUE.equals(s.getRunning())).orElse(false);
    }

    @Override
    public boolean isPaused() {
        return state().map(s -> Boolean.TRUE.equals(s.getPaused())).orElse(false);
    }

    /** Docker's health verdict ({@code healthy}, {@code starting}, ...), or {@code none}. */
    public String health() {
        return state().map(s -> s.getHealth() == null ? "none" : s.getHealth().getStatus()).orElse("gone");
    }

    @Override
    public void start() {
        if (isRunning()) {
            return;
        }
        if (wiped) {
            throw new EnvironmentException("start of node '" + name + "': its data directory was wiped: restore it "
                    + "or rebuild it first");
        }
        try {
            engine.client().startContainerCmd(containerId).exec();
        } catch (DockerException e) {
            throw new EnvironmentException("start of node '" + name + "' failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void stop(StopMode mode) {
        if (!signalAndAwaitExit(signalFor(mode), STOP_TIMEOUT)) {
            throw new EnvironmentException("stop -m " + mode.pgCtlName() + " of node '" + name + "': still running after "
                    + STOP_TIMEOUT.toSeconds() + "s; last log lines:\n" + String.join("\n", logTail(10)));
        }
    }

    @Override
    public void kill() {
        if (!signalAndAwaitExit("KILL", Duration.ofSeconds(30))) {
            throw new EnvironmentException("kill of node '" + name + "': container " + containerId.substring(0, 12)
                    + " still running 30s after SIGKILL");
        }
    }

    /** Thaws a running node and sends it {@code signal}; whether it exited within {@code timeout} (true if not running). */
    private boolean signalAndAwaitExit(String signal, Duration timeout) {
        if (!isRunning()) {
            return true;
        }
        resume();
        signal(signal);
        return awaitExit(timeout);
    }

    /** Stops whatever it takes: {@code first} mode, then immediate, then SIGKILL, each with a short deadline. */
    @Override
    public void shutDown(StopMode first, Duration perAttempt) {
        List<String> signals = first == StopMode.IMMEDIATE ? List.of("QUIT", "KILL")
                : List.of(signalFor(first), "QUIT", "KILL");
        for (String signal : signals) {
            if (signalAndAwaitExit(signal, perAttempt)) {
                return;
            }
        }
        throw new EnvironmentException("node '" + name + "' did not stop, even after SIGKILL");
    }

    /** The postmaster's signal for a shutdown mode: SIGTERM smart, SIGINT fast, SIGQUIT immediate. */
    private static String signalFor(StopMode mode) {
        return switch (mode) {
            case SMART -> "TERM";
            case FAST -> "INT";
            case IMMEDIATE -> "QUIT";
        };
    }

    private void signal(String signal) {
        try {
            engine.client().killContainerCmd(containerId).withSignal(signal).exec();
        } catch (DockerException e) {
            if (isRunning()) {
                throw new EnvironmentException("sending SIG" + signal + " to node '" + name + "' failed: "
                        + e.getMessage(), e);
            }
        }
    }

    private boolean awaitExit(Duration timeout) {
        DockerClient client = engine.client();
        try {
            client.waitContainerCmd(containerId).exec(new WaitContainerResultCallback())
                    .awaitStatusCode(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (DockerException | DockerClientException e) { // docker-java's own timeout is a DockerClientException
            // timed out (or the container is gone): decide by its state
        }
        return !isRunning();
    }

    @Override
    public void pause() {
        if (!isRunning()) {
            throw new EnvironmentException("pause of node '" + name + "': the server is not running");
        }
        for (int attempt = 1; !isPaused(); attempt++) {
            try {
                engine.client().pauseContainerCmd(containerId).exec();
            } catch (DockerException e) {
                // runc gives up freezing when a process stays busy in the kernel (a loaded host) and thaws the
                // container again: ask again, a few times, before calling the fault failed
                if (attempt == PAUSE_ATTEMPTS || !isRunning()) {
                    throw new EnvironmentException("pause of node '" + name + "' failed after " + attempt
                            + " attempt(s): " + e.getMessage().strip(), e);
                }
                sleepQuietly(Duration.ofMillis(200L * attempt));
            }
        }
    }

    private static void sleepQuietly(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EnvironmentException("interrupted while pausing", e);
        }
    }

    @Override
    public void resume() {
        if (isPaused()) {
            try {
                engine.client().unpauseContainerCmd(containerId).exec();
            } catch (DockerException e) {
                throw new EnvironmentException("resume of node '" + name + "' failed: " + e.getMessage().strip(), e);
            }
        }
    }

    @Override
    public void wipe() {
        shutDown(StopMode.IMMEDIATE, Duration.ofSeconds(10));
        project.runHelperChecked("wiping node '" + name + "'", dataVolume, false, NodeScripts.WIPE, Map.of(),
                Duration.ofMinutes(1));
        wiped = true;
    }

    /** libpq settings for commands in the node's context (the server trusts its own socket). */
    Map<String, String> clientEnv() {
        Map<String, String> env = new HashMap<>();
        env.put("PGHOST", "/var/run/postgresql");
        env.put("PGPORT", "5432");
        env.put("PGUSER", ADMIN);
        env.put("PGDATABASE", database);
        env.put("PGPASSWORD", password);
        env.put("PGDATA", ProjectContainers.DATA);
        return env;
    }

    @Override
    public ExecResult exec(List<String> command, Map<String, String> env, Duration timeout) {
        Map<String, String> all = clientEnv();
        all.putAll(env);
        return execAs("postgres", command, all, timeout);
    }

    /** Runs in the container when it runs and is not frozen, else in a helper container on the node's volumes. */
    public ExecResult execAs(String user, List<String> command, Map<String, String> env, Duration timeout) {
        if (isRunning() && !isPaused()) {
            return ToolClock.timed(() -> engine.exec(containerId, user, command, env, timeout));
        }
        List<String> args = new ArrayList<>();
        args.add("pgdrill-exec");
        args.addAll(command);
        String script = "root".equals(user) ? "exec \"$@\"" : NodeScripts.AS_POSTGRES;
        return project.runHelper("command on node '" + name + "'", dataVolume, false, script, args, env, timeout);
    }

    /**
     * Runs a bash script in the node's context as {@code user}, {@code args} becoming {@code $0 $1 ...};
     * fails with its output unless it succeeds.
     */
    public ExecResult script(String what, String user, String script, List<String> args, Map<String, String> env,
                      Duration timeout) {
        Map<String, String> all = clientEnv();
        all.putAll(env);
        List<String> command = new ArrayList<>(List.of("bash", "-c", script));
        command.addAll(args);
        ExecResult r = execAs(user, command, all, timeout);
        if (!r.succeeded()) {
            throw new EnvironmentException(what + " on node '" + name + "' failed (exit " + r.exitCode() + "): "
                    + ProjectContainers.tail(r.stderr().isBlank() ? r.stdout() : r.stderr(), 15));
        }
        return r;
    }

    @Override
    public long logPosition() {
        return engine.logLines(containerId).size();
    }

    @Override
    public List<String> logSince(long position) {
        List<String> lines = engine.logLines(containerId);
        return position >= lines.size() ? List.of() : List.copyOf(lines.subList((int) Math.max(0, position), lines.size()));
    }

    @Override
    public List<String> logTail(int lines) {
        List<String> all = engine.logLines(containerId);
        return List.copyOf(all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    @Override
    public String toString() {
        return "node '" + name + "' (container " + containerId.substring(0, 12) + ", 127.0.0.1:" + hostPort + ")";
    }
}
