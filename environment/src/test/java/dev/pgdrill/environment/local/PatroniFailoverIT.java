package dev.pgdrill.environment.local;

import dev.pgdrill.engine.api.ExitCode;
import dev.pgdrill.engine.run.DrillExecutor;
import dev.pgdrill.engine.run.DrillListener;
import dev.pgdrill.engine.run.DrillResult;
import dev.pgdrill.engine.run.RunPlan;
import dev.pgdrill.engine.run.RunResult;
import dev.pgdrill.engine.run.StepResult;
import dev.pgdrill.engine.run.StepStatus;
import dev.pgdrill.engine.run.TrialSetResult;
import dev.pgdrill.engine.scenario.Scenario;
import dev.pgdrill.engine.scenario.ScenarioLoader;
import dev.pgdrill.engine.step.StepRegistry;
import dev.pgdrill.environment.EnvironmentOptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * scenarios/patroni-failover-trials.yaml on the local backend for real, with two trials: Patroni (with etcd) adopts
 * the seeded primary and its replica, the leader's machine is killed, Patroni elects the replica, the workload on
 * 'leader' writes there, and at most the drill's bound of acknowledged writes is lost; a copy without the kill fails at wait-leader. No Patroni,
 * etcd or PostgreSQL process of the runs is left afterwards, nor their work directories.
 */
class PatroniFailoverIT {
    private static final Path DRILL = Path.of("..", "scenarios", "patroni-failover-trials.yaml");
    private static final StepRegistry REGISTRY = StepRegistry.load();

    @BeforeAll
    static void needsPatroniEtcdAndPostgres() {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/patroni")) && Files.isExecutable(Path.of("/usr/bin/etcd")),
                "patroni and etcd are not installed (apt-get install -y patroni etcd-server)");
        assumeTrue(Files.isDirectory(Path.of("/usr/lib/postgresql")), "PostgreSQL is not installed");
    }

    private static final LocalEnvironmentFactory FACTORY = new LocalEnvironmentFactory(EnvironmentOptions.defaults());

    /** Runs {@code file} with {@code repeat} trials; the work directory of each run goes to {@code locations}. */
    private static RunResult run(Path file, int repeat, List<String> locations) {
        Scenario s = new ScenarioLoader(REGISTRY).load(file, Map.of());
        List<Scenario> trials = RunPlan.trials(s, 4242L, repeat, null);
        DrillListener listener = new DrillListener() {
            @Override
            public void environmentReady(Scenario scenario, String location) {
                locations.add(location);
            }
        };
        DrillExecutor executor = new DrillExecutor(REGISTRY, FACTORY,
                "local", listener, RunPlan.SET_UP_TIMEOUT, false);
        return executor.runAll(trials);
    }

    private static StepResult step(DrillResult d, String id) {
        return d.steps().stream().filter(st -> id.equals(st.spec().id())).findFirst().orElseThrow();
    }

    private static String describe(RunResult r) {
        StringBuilder b = new StringBuilder();
        for (DrillResult d : r.drills()) {
            b.append(d.scenario().name()).append(": ").append(d.status()).append(' ').append(d.message()).append('\n');
            d.steps().forEach(st -> b.append("  ").append(st.spec().label()).append(": ").append(st.status())
                    .append(st.message() == null ? "" : " - " + st.message()).append(" ").append(st.outputs())
                    .append('\n'));
        }
        return b.toString();
    }

    private static void assertNothingLeft(List<String> locations) {
        assertThat(locations).isNotEmpty();
        for (String location : locations) {
            assertThat(ProcTable.withCommandLineContaining(location + "/patroni/")).as("Patroni or etcd of " + location)
                    .isEmpty();
            assertThat(ProcTable.withCommandLineContaining(location)).as("processes of the run in " + location).isEmpty();
            assertThat(Path.of(location)).as("work directory").doesNotExist();
        }
        // every Patroni (its configuration) and etcd (its data directory) of a run names the run's work directory,
        // checked above; other runs on this machine (another drill of the same name) are none of this test's business
    }

    @Test
    void patroniElectsTheReplicaAfterTheLeaderIsKilledAndNothingAcknowledgedIsLost() {
        List<String> locations = new CopyOnWriteArrayList<>();
        RunResult r = run(DRILL, 2, locations);
        assertThat(r.exitCode()).as(describe(r)).isEqualTo(ExitCode.OK);
        TrialSetResult set = r.sets().get(0);
        assertThat(set.passed()).isEqualTo(2);
        for (DrillResult d : r.drills()) {
            assertThat(d.status()).as(describe(r)).isEqualTo(StepStatus.PASSED);
            assertThat(step(d, "before").outputs()).containsEntry("leader", "primary");
            assertThat(Long.parseLong(step(d, "before").outputs().get("timeline"))).as("Patroni's adoption promoted it")
                    .isGreaterThanOrEqualTo(2);
            StepResult elected = step(d, "new");
            assertThat(elected.outputs()).containsEntry("leader", "replica");
            assertThat(Long.parseLong(elected.outputs().get("timeline")))
                    .isGreaterThan(Long.parseLong(step(d, "before").outputs().get("timeline")));
            assertThat(elected.evidence()).anyMatch(e -> e.startsWith("leader: node 'replica' on timeline ")
                    && e.contains("Patroni /cluster"));
            assertThat(step(d, "crash").evidence()).anyMatch(e -> e.equals("'leader' is node 'primary' (Patroni /cluster)"))
                    .anyMatch(e -> e.startsWith("failover manager after the kill: primary: leader, "))
                    .anyMatch(e -> e.startsWith("failover manager after the kill: replica: replica, running"));
            StepResult rpo = d.steps().stream().filter(st -> st.spec().type().equals("rpo")).findFirst().orElseThrow();
            assertThat(rpo.outputs()).containsEntry("ghost", "0");
            assertThat(Long.parseLong(rpo.outputs().get("lost"))).as("asynchronous: at most the drill's bound")
                    .isBetween(0L, 3L);
            assertThat(Long.parseLong(rpo.outputs().get("acknowledged"))).isPositive();
            StepResult rto = d.steps().stream().filter(st -> st.spec().type().equals("rto")).findFirst().orElseThrow();
            assertThat(rto.outputs()).containsEntry("node", "replica");
        }
        assertThat(FACTORY.facts()).as("Patroni's and etcd's versions are run facts")
                .containsKey("patroni").containsKey("etcd");
        assertThat(FACTORY.facts().get("patroni")).matches("\\d+\\.\\d+\\.\\d+");
        assertThat(FACTORY.facts().get("etcd")).matches("3\\.\\d+\\.\\d+");
        assertNothingLeft(locations);
    }

    /**
     * Loopback ports are every local user's: etcd and the REST API must refuse whoever lacks the run's password, since
     * the cluster's configuration (an archive_command, say) is what its servers run as the server user.
     */
    @Test
    void etcdAndTheRestApiRefuseChangesWithoutTheRunsPassword() throws Exception {
        String yaml = "environment:\n  failover-manager: patroni\n  patroni: { ttl: 20, loop-wait: 2, retry-timeout: 5 }\n"
                + "steps:\n  - wait-leader: {}\n";
        Scenario s = new ScenarioLoader(REGISTRY).parse(Path.of("locked.yaml"), yaml.getBytes(StandardCharsets.UTF_8),
                Map.of());
        String location;
        try (LocalEnvironment env = (LocalEnvironment) FACTORY.create("patroni-locked", s.environmentSpec())) {
            location = env.location();
            env.setUp(RunPlan.SET_UP_TIMEOUT);
            PatroniCluster cluster = env.patroni().orElseThrow();
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> put = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + cluster.etcdPort() + "/v3/kv/put")).POST(HttpRequest.BodyPublishers.ofString(
                    "{\"key\": \"L3BnZHJpbGwv\", \"value\": \"eA==\"}")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(put.body()).as("etcd without credentials").contains("user name is empty");
            HttpResponse<String> range = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + cluster.etcdPort() + "/v3/kv/range")).POST(HttpRequest.BodyPublishers.ofString(
                    "{\"key\": \"AA==\", \"range_end\": \"AA==\"}")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(range.body()).as("etcd's keys unread without credentials").contains("user name is empty")
                    .doesNotContain("\"kvs\"");
            for (int port : cluster.restPorts().values()) {
                HttpResponse<String> patch = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/config")).method("PATCH", HttpRequest.BodyPublishers.ofString(
                        "{\"postgresql\": {\"parameters\": {\"archive_command\": \"touch /tmp/owned\"}}}")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(patch.statusCode()).as("PATCH /config without credentials on port " + port).isEqualTo(401);
                HttpResponse<String> cluster200 = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/cluster")).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(cluster200.statusCode()).as("reading /cluster needs no password").isEqualTo(200);
            }
            assertThat(env.leader()).as("Patroni itself still works with its credentials").isPresent();
        }
        assertNothingLeft(List.of(location));
    }

    @Test
    void withoutTheKillNoOtherLeaderIsElectedAndTheDrillFailsAtWaitLeader(@TempDir Path dir) throws IOException {
        String text = Files.readString(DRILL);
        String kill = "kill: { on: leader, after: 0.2s..2s }";
        String patience = "wait-leader: { not: \"${steps.before.leader}\" }\n    timeout: 90s";
        assertThat(text).contains(kill).contains(patience);
        Path copy = Files.writeString(dir.resolve("patroni-failover-trials.yaml"), text.replace(kill, "sleep: 0.2s..2s")
                .replace(patience, "wait-leader: { not: \"${steps.before.leader}\" }\n    timeout: 30s"));
        List<String> locations = new CopyOnWriteArrayList<>();
        RunResult r = run(copy, 1, locations);
        assertThat(r.exitCode()).as(describe(r)).isEqualTo(ExitCode.DRILL_FAILED);
        DrillResult d = r.drills().get(0);
        StepResult waited = step(d, "new");
        assertThat(waited.status()).as(describe(r)).isEqualTo(StepStatus.FAILED);
        assertThat(waited.message()).contains("waiting for a node other than 'primary' to lead").contains("(last: leader: primary)");
        assertNothingLeft(locations);
    }

    @Test
    void aPlannedSwitchoverLosesNothingAndTheOldLeaderFollowsWhileASwitchoverToTheLeaderFails(@TempDir Path dir)
            throws IOException {
        Path drill = Path.of("..", "scenarios", "patroni-switchover.yaml");
        List<String> locations = new CopyOnWriteArrayList<>();
        RunResult r = run(drill, 1, locations);
        assertThat(r.exitCode()).as(describe(r)).isEqualTo(ExitCode.OK);
        DrillResult d = r.drills().get(0);
        StepResult handover = step(d, "handover");
        assertThat(handover.outputs()).containsEntry("leader", "replica").containsEntry("from", "primary");
        assertThat(Long.parseLong(handover.outputs().get("timeline")))
                .isGreaterThan(Long.parseLong(step(d, "before").outputs().get("timeline")));
        StepResult rpo = d.steps().stream().filter(st -> st.spec().type().equals("rpo")).findFirst().orElseThrow();
        assertThat(rpo.outputs()).containsEntry("lost", "0").containsEntry("ghost", "0");
        assertThat(rpo.evidence()).anyMatch(e -> e.contains("'leader' is node 'replica' (Patroni /cluster)"));

        String text = Files.readString(drill);
        assertThat(text).contains("switchover: { to: replica }");
        Path copy = Files.writeString(dir.resolve("patroni-switchover.yaml"),
                text.replace("switchover: { to: replica }", "switchover: { to: primary }"));
        RunResult wrong = run(copy, 1, locations);
        assertThat(wrong.exitCode()).as(describe(wrong)).isEqualTo(ExitCode.DRILL_FAILED);
        StepResult refused = step(wrong.drills().get(0), "handover");
        assertThat(refused.status()).isEqualTo(StepStatus.FAILED);
        assertThat(refused.message()).isEqualTo("node 'primary' leads already: there is nothing to switch over");
        assertNothingLeft(locations);
    }

    @Test
    void aStoppedLeaderGivesUpItsKeyAndStartedAgainFollowsTheNewLeader(@TempDir Path dir) throws IOException {
        Path drill = Files.writeString(dir.resolve("patroni-stop-start.yaml"), """
                name: patroni-stop-start
                environment:
                  failover-manager: patroni
                  patroni: { ttl: 20, loop-wait: 2, retry-timeout: 5 }
                steps:
                  - id: before
                    wait-leader:
                  - id: down
                    stop: { on: leader }
                  - id: after
                    wait-leader: { not: primary }
                    timeout: 60s
                  - sql: { on: leader, run: "INSERT INTO customers (firstName, lastName, email) VALUES ('Stop', 'Start', 's@x.org')" }
                  - id: back
                    start: primary
                    timeout: 90s
                  - wait: { for: lag, on: primary, primary: replica, below-bytes: 0 }
                    timeout: 60s
                  - id: rows
                    verify: { on: primary, query: "SELECT count(*) FROM customers WHERE lastName = 'Start'", equals: 1 }
                  - wait: { for: recovery, on: primary }
                """);
        List<String> locations = new CopyOnWriteArrayList<>();
        RunResult r = run(drill, 1, locations);
        assertThat(r.exitCode()).as(describe(r)).isEqualTo(ExitCode.OK);
        DrillResult d = r.drills().get(0);
        assertThat(step(d, "down").evidence()).contains("'leader' is node 'primary' (Patroni /cluster)")
                .anyMatch(e -> e.startsWith("failover manager after the stop: replica: "));
        assertThat(step(d, "after").outputs()).containsEntry("leader", "replica");
        assertThat(step(d, "rows").status()).isEqualTo(StepStatus.PASSED);
        assertNothingLeft(locations);
    }
}
