package dev.pgdrill.environment.steps;

import dev.pgdrill.engine.env.Node;
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

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

import static dev.pgdrill.engine.testing.Specs.params;
import static dev.pgdrill.engine.testing.Specs.scenario;
import static dev.pgdrill.engine.testing.Specs.step;
import static dev.pgdrill.engine.testing.Specs.withId;
import static dev.pgdrill.environment.steps.StepsEnvironment.passed;
import static org.assertj.core.api.Assertions.assertThat;

/** A restore whose target the backup or the archive cannot reach is refused before the node is touched. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RestorePreflightIT {
    private static SharedEnvironment env;

    @BeforeAll
    static void setUp() {
        env = StepsEnvironment.start("preflight");
        passed(env.run(scenario("base", step("backup", "from", "primary", "name", "base"))));
    }

    @AfterAll
    static void tearDown() {
        StepsEnvironment.stop(env);
    }

    @Test
    @Order(1)
    void aTimeTargetBeyondTheArchiveIsRefusedAndThePrimaryKeepsRunningUnchanged() throws Exception {
        String before = fingerprint();
        String future = OffsetDateTime.now(ZoneOffset.UTC).plusHours(1).format(DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ssx"));
        StepResult refused = refused(env.run(scenario("time-beyond-archive",
                step("restore", "node", "primary", "from", "base", "target", params("time", future)))));
        assertThat(refused.message()).startsWith("preflight: the WAL archive does not reach the target time " + future)
                .contains("was archived at").contains("nothing was touched");
        assertThat(fingerprint()).isEqualTo(before);
    }

    @Test
    @Order(2)
    void anLsnTargetBeyondTheArchiveIsRefusedAndThePrimaryKeepsRunningUnchanged() throws Exception {
        String before = fingerprint();
        StepResult refused = refused(env.run(scenario("lsn-beyond-archive",
                step("restore", "node", "primary", "from", "base", "target", params("lsn", "F/0")))));
        assertThat(refused.message()).startsWith("preflight: the WAL archive does not reach the target LSN F/0")
                .contains("is not archived (newest archived segment: 0000000100000000000000");
        assertThat(fingerprint()).isEqualTo(before);
    }

    @Test
    @Order(2)
    void anLsnTargetAtTheTopOfTheUnsignedRangeIsBeyondTheArchiveNotBeforeTheBackup() throws Exception {
        String before = fingerprint();
        for (String lsn : List.of("FFFFFFFF/FFFFFFFF", "80000000/0")) {
            StepResult refused = refused(env.run(scenario("lsn-top-" + lsn.charAt(0),
                    step("restore", "node", "primary", "from", "base", "target", params("lsn", lsn)))));
            assertThat(refused.message()).as(lsn)
                    .startsWith("preflight: the WAL archive does not reach the target LSN " + lsn + ": its segment ")
                    .doesNotContain("after the target LSN");
        }
        assertThat(fingerprint()).isEqualTo(before);
    }

    @Test
    @Order(3)
    void aBackupTakenAfterTheTargetIsRefused() throws Exception {
        String before = fingerprint();
        DrillResult r = env.run(scenario("backup-after-target",
                withId("t", "capture-target", "on", "primary"),
                step("backup", "from", "primary", "name", "later"),
                step("restore", "node", "primary", "from", "later", "target", params("time", "${steps.t.time}"))));
        StepResult refused = refused(r);
        assertThat(refused.message()).startsWith("preflight: backup 'later' ended at").contains("not before the target time");
        assertThat(fingerprint()).isEqualTo(before);
    }

    @Test
    @Order(4)
    void aReachableTargetPassesThePreflightAndRestores() {
        DrillResult r = passed(env.run(scenario("reachable",
                withId("t", "capture-target", "on", "primary"),
                step("sql", "on", "primary", "run", "DELETE FROM orderItems"),
                withId("restore", "restore", "node", "primary", "from", "base", "target", params("lsn", "${steps.t.lsn}")),
                step("verify", "on", "primary", "query", "SELECT count(*) FROM orderItems", "equals", 4L))));
        assertThat(r.steps().get(2).evidence()).anyMatch(l -> l.startsWith("preflight: backup 'base' ends at"))
                .anyMatch(l -> l.startsWith("stopped at the target: ") && l.contains("recovery stopping after WAL location"));
    }

    private static StepResult refused(DrillResult r) {
        StepResult restore = r.steps().stream().filter(s -> s.spec().type().equals("restore")).findFirst().orElseThrow();
        assertThat(restore.status()).as(StepsEnvironment.describe(r)).isEqualTo(StepStatus.FAILED);
        return restore;
    }

    /** The primary's postmaster start time, recovery state and data: equal before and after means untouched. */
    private static String fingerprint() throws Exception {
        Node primary = env.node("primary").orElseThrow();
        assertThat(primary.isRunning()).isTrue();
        try (Connection c = primary.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT pg_postmaster_start_time()::text, pg_is_in_recovery()::text, "
                     + "(SELECT md5(string_agg(t::text, '|' ORDER BY customerId)) FROM customers t), "
                     + "(SELECT count(*) FROM orderItems)::text")) {
            rs.next();
            return String.join(" ", List.of(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)));
        }
    }
}
