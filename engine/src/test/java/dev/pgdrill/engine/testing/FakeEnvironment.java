package dev.pgdrill.engine.testing;

import dev.pgdrill.engine.env.BackupInfo;
import dev.pgdrill.engine.env.BackupType;
import dev.pgdrill.engine.env.Environment;
import dev.pgdrill.engine.env.EnvironmentException;
import dev.pgdrill.engine.env.EnvironmentFactory;
import dev.pgdrill.engine.env.Node;
import dev.pgdrill.engine.env.RestoreRequest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An environment with no servers, for pure engine tests (executor, listeners): it records the
 * calls made to it. Anything touching a database is not supported and throws.
 */
public final class FakeEnvironment implements Environment {
    public final List<String> calls = new ArrayList<>();
    private final boolean failSetUp;
    public volatile boolean closed;
    /** What {@link #secrets()} reports (a backend's generated passwords). */
    public final List<String> secrets = new ArrayList<>();
    /** How long {@link #setUp} takes (an interrupt ends it with an exception, as real set-ups do). */
    public volatile Duration setUpTakes = Duration.ZERO;

    public FakeEnvironment(boolean failSetUp) {
        this.failSetUp = failSetUp;
    }

    /** A factory giving every run a new fake environment (whose set-up succeeds), added to {@code created}. */
    public static EnvironmentFactory factory(List<FakeEnvironment> created) {
        return runName -> {
            FakeEnvironment env = new FakeEnvironment(false);
            created.add(env);
            return env;
        };
    }

    @Override
    public String kind() {
        return "fake";
    }

    @Override
    public void setUp(Duration deadline) {
        calls.add("setUp");
        try {
            Thread.sleep(setUpTakes.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EnvironmentException("set-up interrupted (fake)");
        }
        if (failSetUp) {
            throw new EnvironmentException("no PostgreSQL here (fake)");
        }
    }

    @Override
    public Optional<Node> node(String name) {
        return Optional.empty();
    }

    @Override
    public List<String> nodeNames() {
        return List.of("primary", "replica");
    }

    @Override
    public void partition(String node) {
        calls.add("partition " + node);
    }

    @Override
    public void heal(String node) {
        calls.add("heal " + node);
    }

    @Override
    public void latency(String node, Duration delay) {
        calls.add("latency " + node + " " + delay);
    }

    @Override
    public BackupInfo backup(String fromNode, String name, BackupType type) {
        throw new UnsupportedOperationException("fake environment");
    }

    @Override
    public BackupInfo naiveCopy(String fromNode, String name) {
        throw new UnsupportedOperationException("fake environment");
    }

    @Override
    public List<BackupInfo> backups() {
        return List.of();
    }

    @Override
    public Node restore(RestoreRequest request) {
        throw new UnsupportedOperationException("fake environment");
    }

    @Override
    public Node rebuildReplica(String replica, String upstream) {
        throw new UnsupportedOperationException("fake environment");
    }

    @Override
    public List<String> archivedWalFiles() {
        return List.of();
    }

    @Override
    public List<String> secrets() {
        return List.copyOf(secrets);
    }

    @Override
    public String location() {
        return "fake://";
    }

    @Override
    public void keep(boolean keep) {
    }

    @Override
    public void close() {
        calls.add("close");
        closed = true;
    }
}
