package dev.pgdrill.environment.steps;

import dev.pgdrill.engine.env.Node;
import dev.pgdrill.engine.ledger.LedgerEntry;
import dev.pgdrill.engine.run.DrillResult;
import dev.pgdrill.engine.run.StepResult;
import dev.pgdrill.engine.run.StepStatus;
import dev.pgdrill.engine.testing.SharedEnvironment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static dev.pgdrill.engine.testing.Specs.params;
import static dev.pgdrill.engine.testing.Specs.scenario;
import static dev.pgdrill.engine.testing.Specs.step;
import static dev.pgdrill.engine.testing.Specs.withId;
import static dev.pgdrill.environment.steps.StepsEnvironment.describe;
import static dev.pgdrill.environment.steps.StepsEnvironment.passed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

/**
 * A workload that writes as an application with a multi-host connection string does
 * ({@code on: [primary, replica], target-session-attrs: read-write}) through a failover on the local backend:
 * the driver moves the writes to the promoted replica, {@code rto} without {@code on} measures until the client's
 * writes resume there, and {@code rpo} counts exactly the acknowledged writes the replica lacks.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MultiHostWorkloadIT {
    private static final String ROWS_SINCE = "SELECT count(*) >= 20 FROM pgdrill_writes WHERE seq >= :first";
    private static SharedEnvironment env;

    @BeforeAll
    static void setUp() {
        env = StepsEnvironment.start("multihost-workload");
    }

    @AfterAll
    static void tearDown() {
        StepsEnvironment.stop(env);
    }

    @Test
    @Order(1)
    void theDriverMovesTheWritesToThePromotedReplicaAndRtoMeasuresUntilTheyResumeThere() throws Exception {
        DrillResult r = passed(LedgerProbe.run(env, scenario("multi-host-failover",
                withId("w", "workload", "on", List.of("primary", "replica"), "target-session-attrs", "read-write",
                        "rate", 50),
                step("wait", "for", "sql", "on", "replica", "query", ROWS_SINCE,
                        "params", params("first", "${steps.w.first-seq}")),
                withId("crash", "kill", "on", "primary"),
                step("promote", "on", "replica"),
                withId("rto", "rto", "max-seconds", 30),
                step("wait", "for", "sql", "on", "replica", "query", "SELECT count(*) >= 20 FROM pgdrill_writes "
                        + "WHERE seq > :k", "params", params("k", "${steps.rto.first-key}")),
                withId("stop", "workload-stop"),
                withId("rpo", "rpo", "on", "replica"),
                step("ledger-probe", "name", "workload"))));
        List<LedgerEntry> ledger = LedgerProbe.CAPTURED.get("workload");
        List<LedgerEntry> acked = ledger.stream().filter(LedgerEntry::acknowledged).toList();
        long onPrimary = acked.stream().filter(e -> e.node().equals("primary")).count();
        long onReplica = acked.stream().filter(e -> e.node().equals("replica")).count();
        assertThat(onPrimary).as("writes the primary acknowledged before the crash").isGreaterThanOrEqualTo(20);
        assertThat(onReplica).as("writes the promoted replica acknowledged").isGreaterThanOrEqualTo(20);
        assertThat(acked).allMatch(e -> e.node().equals("primary") || e.node().equals("replica"));

        StepResult rto = result(r, "rto");
        assertThat(rto.outputs()).containsEntry("node", "replica").containsEntry("fault", "crash");
        double seconds = Double.parseDouble(rto.outputs().get("seconds"));
        Instant killStart = result(r, "crash").start();
        Instant killEnd = killStart.plus(result(r, "crash").duration());
        LedgerEntry firstAfter = acked.stream().filter(e -> !e.sent().isBefore(killEnd))
                .min((a, b) -> a.done().compareTo(b.done())).orElseThrow();
        assertThat(firstAfter.node()).isEqualTo("replica");
        assertThat(rto.outputs()).containsEntry("first-key", firstAfter.key());
        assertThat(seconds).isPositive()
                .isCloseTo(Duration.between(killStart, firstAfter.done()).toNanos() / 1e9, offset(0.001));
        assertThat(rto.measurements()).anyMatch(m -> m.name().equals("rto_seconds") && m.value() > 0);

        StepResult stop = result(r, "stop");
        assertThat(stop.outputs().get("by-node")).isEqualTo("primary=" + onPrimary + ",replica=" + onReplica);
        assertThat(stop.evidence()).contains("acknowledged by node: primary=" + onPrimary + ", replica=" + onReplica);

        // cross-check with the data: lost = the acknowledged writes whose rows the promoted replica lacks
        Set<Long> present = rowsOn(env.node("replica").orElseThrow(), acked.stream().map(e -> Long.parseLong(e.key())).toList());
        List<String> missing = acked.stream().filter(e -> !present.contains(Long.parseLong(e.key()))).map(LedgerEntry::key).toList();
        assertThat(missing).as("only writes the old primary acknowledged can be missing on the new one")
                .allMatch(k -> acked.stream().anyMatch(e -> e.key().equals(k) && e.node().equals("primary")));
        StepResult rpo = result(r, "rpo");
        assertThat(rpo.outputs()).containsEntry("lost", String.valueOf(missing.size()))
                .containsEntry("acknowledged", String.valueOf(acked.size()));
        System.out.println("  measured: rto " + seconds + " s on " + rto.outputs().get("node") + ", " + rpo.outputs()
                + ", by node " + stop.outputs().get("by-node"));
    }

    @Test
    @Order(2)
    void rtoWithoutOnNeedsAMultiHostWorkload() {
        DrillResult r = LedgerProbe.run(env, scenario("rto-without-on",
                withId("w", "workload", "name", "single", "on", "replica", "rate", 20),
                withId("rto", "rto", "name", "single")));
        assertThat(r.status()).as(describe(r)).isEqualTo(StepStatus.FAILED);
        StepResult rto = result(r, "rto");
        assertThat(rto.status()).isEqualTo(StepStatus.FAILED);
        assertThat(rto.message()).contains("rto needs 'on', the node that serves after recovery, unless workload "
                + "'single' is a multi-host client");
    }

    private static Set<Long> rowsOn(Node node, List<Long> seqs) throws Exception {
        Set<Long> found = new HashSet<>();
        try (Connection c = node.connect();
             PreparedStatement ps = c.prepareStatement("SELECT seq FROM pgdrill_writes WHERE seq = ANY (?)")) {
            Array array = c.createArrayOf("bigint", seqs.toArray());
            ps.setArray(1, array);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.add(rs.getLong(1));
                }
            }
        }
        return found;
    }

    private static StepResult result(DrillResult r, String id) {
        return r.steps().stream().filter(s -> id.equals(s.spec().id())).findFirst().orElseThrow();
    }
}
