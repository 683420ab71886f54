package dev.pgdrill.environment.steps;

import dev.pgdrill.engine.env.Node;
import dev.pgdrill.engine.ledger.LedgerEntry;
import dev.pgdrill.engine.ledger.LedgerEntry.Status;
import dev.pgdrill.engine.run.DrillResult;
import dev.pgdrill.engine.run.StepResult;
import dev.pgdrill.engine.testing.SharedEnvironment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static dev.pgdrill.engine.testing.Specs.params;
import static dev.pgdrill.engine.testing.Specs.scenario;
import static dev.pgdrill.engine.testing.Specs.step;
import static dev.pgdrill.engine.testing.Specs.withId;
import static dev.pgdrill.environment.steps.StepsEnvironment.passed;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * RPO and RTO measured with a background workload on real servers: a failover after the replica
 * was cut off loses exactly the writes acknowledged while it was cut off; a clean switchover back
 * loses none.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RpoIT {
    private static final String ROWS_SINCE = "SELECT count(*) >= 20 FROM pgdrill_writes WHERE seq >= :first";
    private static SharedEnvironment env;

    @BeforeAll
    static void setUp() {
        env = StepsEnvironment.start("rpo");
    }

    @AfterAll
    static void tearDown() {
        StepsEnvironment.stop(env);
    }

    @Test
    @Order(1)
    void failoverLosesExactlyTheWritesAcknowledgedWhileTheReplicaWasCutOff() throws Exception {
        DrillResult r = passed(LedgerProbe.run(env, scenario("failover-loss",
                // phase 1: writes that reach the replica; then the writer stops and the replica catches up
                withId("before", "workload", "on", "primary", "serves", List.of("replica"), "rate", 50),
                step("wait", "for", "sql", "on", "replica", "query", ROWS_SINCE,
                        "params", params("first", "${steps.before.first-seq}")),
                step("workload-stop", "name", "workload"),
                step("wait", "for", "lag", "on", "replica", "below-bytes", 0L),
                // phase 2: every write now is made while the replica is cut off
                withId("cut", "partition", "on", "replica"),
                withId("during", "workload", "on", "primary", "serves", List.of("replica"), "rate", 50),
                step("wait", "for", "sql", "on", "primary", "query", ROWS_SINCE,
                        "params", params("first", "${steps.during.first-seq}")),
                withId("crash", "kill", "on", "primary"),
                step("heal", "on", "replica"),
                step("promote", "on", "replica"),
                withId("rto", "rto", "on", "replica", "max-seconds", 30),
                withId("stop", "workload-stop", "name", "workload"),
                withId("rpo", "rpo", "on", "replica", "max-ghost", 0L),
                step("ledger-probe", "name", "workload"))));
        Instant cutDone = stepEnd(r, 4);
        List<LedgerEntry> ledger = LedgerProbe.CAPTURED.get("workload");
        long ackedWhileCut = ledger.stream().filter(e -> e.acknowledged() && e.node().equals("primary")
                && e.sent().isAfter(cutDone)).count();
        long ackedBefore = ledger.stream().filter(e -> e.acknowledged() && e.sent().isBefore(cutDone)).count();
        assertThat(ackedWhileCut).isGreaterThanOrEqualTo(20);
        assertThat(ackedBefore).isGreaterThanOrEqualTo(20);
        StepResult rpo = result(r, "rpo");
        assertThat(rpo.outputs()).containsEntry("lost", String.valueOf(ackedWhileCut)).containsEntry("ghost", "0");
        assertThat(rpo.measurements()).anyMatch(m -> m.name().equals("rpo_lost_writes") && m.value() == ackedWhileCut)
                .anyMatch(m -> m.name().equals("rpo_window_seconds") && m.value() > 0);
        assertThat(rpo.evidence()).anyMatch(l -> l.startsWith("lost: "));

        StepResult rto = result(r, "rto");
        double rtoSeconds = Double.parseDouble(rto.outputs().get("seconds"));
        System.out.println("  measured: " + rpo.outputs() + ", rto " + rtoSeconds + " s");
        Instant killStart = result(r, "crash").start();
        LedgerEntry firstOnReplica = ledger.stream().filter(e -> e.acknowledged() && e.node().equals("replica"))
                .findFirst().orElseThrow();
        assertThat(rtoSeconds).isPositive()
                .isCloseTo(Duration.between(killStart, firstOnReplica.done()).toNanos() / 1e9, org.assertj.core.data.Offset.offset(0.001));
        assertThat(rto.outputs()).containsEntry("fault", "crash");

        // cross-check with the data: the old primary, started alone, holds every write acknowledged while cut off
        Node old = env.node("primary").orElseThrow();
        old.start();
        long onOldPrimary = awaitCount(old, "SELECT count(*) FROM pgdrill_writes WHERE seq >= "
                + result(r, "during").outputs().get("first-seq"));
        long unknown = ledger.stream().filter(e -> e.sent().isAfter(cutDone) && e.status() == Status.UNKNOWN).count();
        assertThat(onOldPrimary).isBetween(ackedWhileCut, ackedWhileCut + unknown);
        old.stop(dev.pgdrill.engine.env.StopMode.FAST);
    }

    @Test
    @Order(2)
    void cleanSwitchoverBackLosesNothing() {
        DrillResult r = passed(env.run(scenario("switchover",
                step("rebuild-replica", "node", "primary", "from", "replica"),
                step("wait", "for", "recovery", "on", "primary"),
                withId("w", "workload", "name", "back", "on", "replica", "serves", List.of("primary"), "rate", 50),
                step("wait", "for", "sql", "on", "primary", "query", ROWS_SINCE,
                        "params", params("first", "${steps.w.first-seq}")),
                withId("stopped", "workload-stop", "name", "back"),
                step("wait", "for", "lag", "on", "primary", "primary", "replica", "below-bytes", 0L),
                step("stop", "on", "replica", "mode", "fast"),
                step("promote", "on", "primary"),
                withId("rpo", "rpo", "name", "back", "on", "primary", "lost", 0L, "ghost", 0L))));
        StepResult rpo = result(r, "rpo");
        assertThat(Long.parseLong(rpo.outputs().get("acknowledged"))).isGreaterThanOrEqualTo(20);
        assertThat(rpo.outputs()).containsEntry("lost", "0");
        assertThat(result(r, "stopped").outputs().get("acknowledged")).isEqualTo(rpo.outputs().get("acknowledged"));
    }

    private static StepResult result(DrillResult r, String id) {
        return r.steps().stream().filter(s -> id.equals(s.spec().id())).findFirst().orElseThrow();
    }

    private static Instant stepEnd(DrillResult r, int index) {
        StepResult s = r.steps().get(index);
        return s.start().plus(s.duration());
    }

    private static long awaitCount(Node node, String sql) throws Exception {
        Instant until = Instant.now().plusSeconds(30);
        while (true) {
            try (Connection c = node.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
                rs.next();
                return rs.getLong(1);
            } catch (java.sql.SQLException e) {
                if (Instant.now().isAfter(until)) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }
}
