package dev.pgdrill.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pgdrill.engine.api.DrillException;
import dev.pgdrill.engine.api.ExitCode;
import dev.pgdrill.environment.EnvironmentOptions;
import dev.pgdrill.environment.Environments;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The question before an upgrade: does our recovery still work on the new major version? The PITR and
 * failover drills run on PostgreSQL 17 on the Compose backend ({@code --env compose --pg-version 17},
 * image {@code postgres:17} from {@code .ci/build-images.sh}); each node's server version in the journal
 * proves what they ran on. Only these two, to keep CI's time.
 */
class Postgres17DrillsIT {
    private static final Path SCENARIOS = Path.of("..", "scenarios");

    @Test
    void pitrAndFailoverPassOnPostgres17WithEachNodesVersionInTheJournal(@TempDir Path reports) throws IOException {
        try {
            Environments.factory("compose", EnvironmentOptions.defaults());
        } catch (DrillException e) {
            Assumptions.abort("compose backend unusable here, PostgreSQL 17 drills skipped: " + e.getMessage());
        }
        CliRun r = CliRun.run(Environments::factory, "--no-color", "--env", "compose", "--pg-version", "17",
                "--report-dir", reports.toString(), SCENARIOS.resolve("pitr.yaml").toString(),
                SCENARIOS.resolve("failover-data-loss.yaml").toString());
        assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCode.OK.code());
        assertThat(r.out()).contains("(environment: compose, PostgreSQL 17)").containsPattern("PostgreSQL: primary 17\\.");
        JsonNode journal = new ObjectMapper().readTree(reports.resolve("journal.json").toFile());
        assertThat(journal.get("drills")).hasSize(2);
        for (JsonNode drill : journal.get("drills")) {
            assertThat(drill.get("status").asText()).as(drill.get("name").asText()).isEqualTo("PASSED");
            assertThat(drill.get("serverVersions").asText()).as(drill.get("name").asText())
                    .matches("primary 17\\.\\d+ .*\\[1700\\d\\d\\]; replica 17\\.\\d+ .*\\[1700\\d\\d\\]");
        }
    }

    /**
     * The moves between roles on 17 (cascading and follow across a timeline switch, quorum commit, pg_rewind,
     * a restore along a timeline after a failover): the four topology drills on Compose, each node on 17.
     */
    @Test
    void theTopologyDrillsPassOnPostgres17(@TempDir Path reports) throws IOException {
        try {
            Environments.factory("compose", EnvironmentOptions.defaults());
        } catch (DrillException e) {
            Assumptions.abort("compose backend unusable here, PostgreSQL 17 drills skipped: " + e.getMessage());
        }
        List<String> drills = List.of("cascade-and-follow", "quorum-sync", "rejoin-rewind", "pitr-after-failover");
        List<String> args = new ArrayList<>(List.of("--no-color", "--env", "compose", "--pg-version", "17",
                "--report-dir", reports.toString()));
        drills.forEach(d -> args.add(SCENARIOS.resolve(d + ".yaml").toString()));
        CliRun r = CliRun.run(Environments::factory, args.toArray(String[]::new));
        assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCode.OK.code());
        JsonNode journal = new ObjectMapper().readTree(reports.resolve("journal.json").toFile());
        assertThat(journal.get("drills")).hasSize(drills.size());
        for (JsonNode drill : journal.get("drills")) {
            assertThat(drill.get("status").asText()).as(drill.get("name").asText()).isEqualTo("PASSED");
            assertThat(drill.get("serverVersions").asText()).as(drill.get("name").asText())
                    .matches("primary 17\\.\\d+ .*\\[1700\\d\\d\\](; \\S+ 17\\.\\d+ .*\\[1700\\d\\d\\])+");
        }
        assertThat(r.out()).containsPattern("PostgreSQL: primary 17\\.\\d+ .*; s2 17\\.");
    }

    /**
     * On 17, {@code pg_walfile_name()} of a position exactly on a segment boundary names the next
     * segment: a WAL switch with nothing to switch (a second switch, or archive-first right after
     * capture-target) must still wait for the segment it completed, not for the one being written.
     */
    @Test
    void walSwitchesWithNothingToSwitchEndOnPostgres17(@TempDir Path work) throws IOException {
        try {
            Environments.factory("compose", EnvironmentOptions.defaults());
        } catch (DrillException e) {
            Assumptions.abort("compose backend unusable here, PostgreSQL 17 drills skipped: " + e.getMessage());
        }
        Path drill = Files.writeString(work.resolve("switch-twice.yaml"), """
                name: switch-twice
                description: Two WAL switches in a row, then capture-target and a restore with archive-first.
                steps:
                  - backup: { from: primary, name: base }
                  - sql: { on: primary, run: "CREATE TABLE switch_marks AS SELECT 1 AS id" }
                  - id: first
                    timeout: 30s
                    switch-wal: primary
                  - id: second
                    timeout: 30s
                    switch-wal: primary
                  - id: target
                    timeout: 30s
                    capture-target: { on: primary }
                  - timeout: 60s
                    restore: { node: primary, from: base, target: { name: "${steps.target.name}" }, archive-first: true }
                  - verify: { on: primary, query: "SELECT count(*) FROM switch_marks", equals: 1 }
                """);
        CliRun r = CliRun.run(Environments::factory, "--no-color", "--env", "compose", "--pg-version", "17",
                "--report-dir", work.resolve("reports").toString(), drill.toString());
        assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCode.OK.code());
        assertThat(r.out()).contains("(environment: compose, PostgreSQL 17)");
    }

    @Test
    void theLocalBackendWithoutPostgres17BinariesSaysWhatToInstall(@TempDir Path reports) {
        Assumptions.assumeTrue(!Files.exists(Path.of("/usr/lib/postgresql/17/bin/postgres"))
                && System.getenv("PG_BIN") == null, "PostgreSQL 17 is installed here");
        CliRun r = CliRun.run(Environments::factory, "--no-color", "--pg-version", "17", "--report-dir",
                reports.toString(), SCENARIOS.resolve("pitr.yaml").toString());
        assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCode.ENVIRONMENT.code());
        r.noStackTrace();
        assertThat(r.out() + r.err()).contains("no PostgreSQL 17 server binaries found")
                .contains("apt-get install postgresql-17").contains("--env compose --pg-version 17");
    }
}
