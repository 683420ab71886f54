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
import java.util.List;

import static dev.pgdrill.engine.testing.Specs.params;
import static dev.pgdrill.engine.testing.Specs.scenario;
import static dev.pgdrill.engine.testing.Specs.step;
import static dev.pgdrill.engine.testing.Specs.withId;
import static dev.pgdrill.environment.steps.StepsEnvironment.passed;
import static org.assertj.core.api.Assertions.assertThat;

/** The background writer gives up on a frozen primary, is always stopped, and leaves no thread or connection behind. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WorkloadIT {
    private static SharedEnvironment env;

    @BeforeAll
    static void setUp() {
        env = StepsEnvironment.start("workload");
    }

    @AfterAll
    static void tearDown() {
        StepsEnvironment.stop(env);
    }

    @Test
    @Order(1)
    void aWriteToAFrozenPrimaryIsGivenUpAfterTheWriteTimeoutAndRecordedUnknown() throws Exception {
        DrillResult r = passed(LedgerProbe.run(env, scenario("frozen-primary",
                withId("w", "workload", "name", "frozen", "on", "primary", "rate", 20, "write-timeout", "500ms"),
                step("wait", "for", "sql", "on", "primary", "query", "SELECT count(*) >= 5 FROM pgdrill_writes WHERE seq >= :first",
                        "params", params("first", "${steps.w.first-seq}")),
                step("pause", "on", "primary"),
                // with the primary frozen, writes hang until the write timeout: wait until one was given up
                step("sleep", "for", "700ms"),
                withId("stop", "workload-stop", "name", "frozen"),
                step("resume", "on", "primary"),
                step("ledger-probe", "name", "frozen"))));
        StepResult stop = r.steps().stream().filter(s -> "stop".equals(s.spec().id())).findFirst().orElseThrow();
        assertThat(stop.duration().toMillis()).as("stop waits at most the write timeout plus grace").isLessThan(3_000);
        assertThat(Long.parseLong(stop.outputs().get("unknown"))).isGreaterThanOrEqualTo(1);
        List<LedgerEntry> ledger = LedgerProbe.CAPTURED.get("frozen");
        assertThat(ledger).filteredOn(e -> e.status() == Status.UNKNOWN).isNotEmpty()
                .allMatch(e -> e.error() != null);
        assertThat(ledger).noneMatch(e -> e.status() == Status.IN_FLIGHT);
        assertNoWriterLeft();
    }

    @Test
    @Order(2)
    void aWorkloadNeverStoppedIsStoppedWhenTheDrillEnds() throws Exception {
        DrillResult r = passed(env.run(scenario("not-stopped",
                withId("w", "workload", "name", "left", "on", "primary", "rate", 50),
                step("wait", "for", "sql", "on", "primary", "query", "SELECT count(*) >= 5 FROM pgdrill_writes WHERE seq >= :first",
                        "params", params("first", "${steps.w.first-seq}")))));
        assertThat(r.steps().get(0).outputs()).containsEntry("name", "left").containsEntry("table", "pgdrill_writes");
        assertNoWriterLeft();
    }

    private static void assertNoWriterLeft() throws Exception {
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().startsWith("workload-") && t.isAlive());
        Node primary = env.node("primary").orElseThrow();
        // a backend whose client went away while it was frozen notices only when it next talks to it
        java.time.Instant until = java.time.Instant.now().plusSeconds(10);
        long left;
        do {
            try (Connection c = primary.connect(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE pid <> pg_backend_pid() "
                         + "AND backend_type = 'client backend' AND query LIKE 'INSERT INTO pgdrill_writes%'")) {
                rs.next();
                left = rs.getLong(1);
            }
            if (left > 0) {
                Thread.sleep(100);
            }
        } while (left > 0 && java.time.Instant.now().isBefore(until));
        assertThat(left).as("writer connections left open on the primary").isZero();
    }
}
