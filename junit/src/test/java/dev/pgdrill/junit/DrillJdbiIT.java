package dev.pgdrill.junit;

import dev.pgdrill.engine.env.ConnectionInfo;
import dev.pgdrill.engine.run.DrillResult;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Java-side checks through a Jdbi per node, before, between and after the YAML steps of a real drill. */
class DrillJdbiIT {
    static final Path DRILL = Path.of("src/test/drills/cases/jdbi.yaml");

    private static int lovelaces(Jdbi jdbi) {
        return jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM customers WHERE lastName = :n")
                .bind("n", "Lovelace").mapTo(Integer.class).one());
    }

    @Test
    void checksSeeTheNodesBeforeBetweenAndAfterTheSteps() {
        List<String> seen = new ArrayList<>();
        DrillResult result = Drill.file(DRILL)
                .before("write", nodes -> seen.add("before write: " + lovelaces(nodes.jdbi("primary"))))
                .after("primary takes a write", nodes -> seen.add("after write: " + lovelaces(nodes.jdbi("primary"))))
                .afterSteps(nodes -> {
                    seen.add("replica at the end: " + lovelaces(nodes.jdbi("replica")));
                    Map<String, Object> row = nodes.jdbi("primary").withHandle(h -> h.createQuery(
                            "SELECT '42'::int AS cast, current_setting('server_version_num')::int >= 150000 AS pg15")
                            .mapToMap().one());
                    seen.add("sql: " + row.get("cast") + " | " + row.get("pg15"));
                    seen.add("nodes: " + nodes.names());
                })
                .run();

        assertThat(result.passed()).isTrue();
        assertThat(seen).containsExactly("before write: 0", "after write: 1", "replica at the end: 1",
                "sql: 42 | true", "nodes: [primary, replica]");
    }

    @Test
    void aFailingCheckStopsTheDrillFailsTheTestAndTheEnvironmentIsCleanedUp() {
        AtomicReference<ConnectionInfo> primary = new AtomicReference<>();
        List<String> later = new ArrayList<>();
        Drill drill = Drill.file(DRILL)
                .after("write", nodes -> {
                    primary.set(nodes.connection("primary"));
                    assertThat(lovelaces(nodes.jdbi("primary"))).as("Lovelaces on the primary").isEqualTo(7);
                })
                .afterSteps(nodes -> later.add("reached the end"));

        assertThatThrownBy(drill::run).isInstanceOf(AssertionError.class)
                .hasMessageContaining("Lovelaces on the primary").hasMessageContaining("7");
        assertThat(later).isEmpty();
        ConnectionInfo c = primary.get();
        assertThatThrownBy(() -> DriverManager.getConnection(c.jdbcUrl(), c.user(), c.password()).close())
                .isInstanceOf(SQLException.class);
    }

    @Test
    void aCheckOnAStepTheDrillDoesNotHaveIsRefusedBeforeAnythingRuns() {
        assertThatThrownBy(() -> Drill.file(DRILL).before("restor", nodes -> { }).run())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("drill 'junit-jdbi' has no step 'restor' (steps: primary takes a write, "
                        + "replica has caught up, the write is on the replica)");
    }

    @Test
    void anInvalidScenarioFailsWithFileLineColumn() {
        assertThatThrownBy(() -> Drill.file(Path.of("src/test/drills/cases/invalid.yaml")).run())
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("src/test/drills/cases/invalid.yaml:5:5: step #2: unknown step type 'restor'");
    }
}
