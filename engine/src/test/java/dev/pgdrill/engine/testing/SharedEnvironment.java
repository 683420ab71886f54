package dev.pgdrill.engine.testing;

import dev.pgdrill.engine.env.BackupInfo;
import dev.pgdrill.engine.env.BackupType;
import dev.pgdrill.engine.env.Environment;
import dev.pgdrill.engine.env.Node;
import dev.pgdrill.engine.env.RestoreRequest;
import dev.pgdrill.engine.run.DrillExecutor;
import dev.pgdrill.engine.run.DrillListener;
import dev.pgdrill.engine.run.DrillResult;
import dev.pgdrill.engine.scenario.Scenario;
import dev.pgdrill.engine.step.StepRegistry;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * An environment set up once and reused by several drills of a test class: the executor's
 * set-up and close calls are ignored, the test closes the real one itself. {@link #run(Scenario)}
 * runs a drill on it through the real executor and the step types on the class path.
 */
public final class SharedEnvironment implements Environment {
    private final Environment real;

    public SharedEnvironment(Environment real) {
        this.real = real;
    }

    public Environment real() {
        return real;
    }

    /** Runs {@code scenario} on this environment as a user would, returning the drill's result. */
    public DrillResult run(Scenario scenario) {
        DrillExecutor executor = new DrillExecutor(StepRegistry.load(), name -> this, real.kind(),
                new DrillListener() { }, Duration.ofSeconds(5), false);
        return executor.run(scenario);
    }

    @Override
    public String kind() {
        return real.kind();
    }

    @Override
    public void setUp(Duration deadline) {
        // already set up by the test
    }

    @Override
    public Optional<Node> node(String name) {
        return real.node(name);
    }

    @Override
    public List<String> nodeNames() {
        return real.nodeNames();
    }

    @Override
    public void partition(String node) {
        real.partition(node);
    }

    @Override
    public void heal(String node) {
        real.heal(node);
    }

    @Override
    public void latency(String node, Duration delay) {
        real.latency(node, delay);
    }

    @Override
    public BackupInfo backup(String fromNode, String name, BackupType type) {
        return real.backup(fromNode, name, type);
    }

    @Override
    public String backupTool() {
        return real.backupTool();
    }

    @Override
    public List<String> checkBackups() {
        return real.checkBackups();
    }

    @Override
    public List<String> expireBackups(int retainFull) {
        return real.expireBackups(retainFull);
    }

    @Override
    public List<String> restoreToolLog() {
        return real.restoreToolLog();
    }

    @Override
    public BackupInfo naiveCopy(String fromNode, String name) {
        return real.naiveCopy(fromNode, name);
    }

    @Override
    public BackupInfo naiveCopy(String fromNode, String name, Runnable midway) {
        return real.naiveCopy(fromNode, name, midway);
    }

    @Override
    public List<BackupInfo> backups() {
        return real.backups();
    }

    @Override
    public Node restore(RestoreRequest request) {
        return real.restore(request);
    }

    @Override
    public void prepareStandby(String node, String upstream) {
        real.prepareStandby(node, upstream);
    }

    @Override
    public Node rebuildReplica(String replica, String upstream) {
        return real.rebuildReplica(replica, upstream);
    }

    @Override
    public List<String> archivedWalFiles() {
        return real.archivedWalFiles();
    }

    @Override
    public String location() {
        return real.location();
    }

    @Override
    public void keep(boolean keep) {
        // the test decides
    }

    @Override
    public void close() {
        // the test closes the real environment
    }
}
