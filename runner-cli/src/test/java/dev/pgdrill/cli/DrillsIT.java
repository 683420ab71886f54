package dev.pgdrill.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import dev.pgdrill.engine.api.DrillException;
import dev.pgdrill.engine.api.ExitCode;
import dev.pgdrill.environment.EnvironmentOptions;
import dev.pgdrill.environment.Environments;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs every shipped drill in scenarios/ on the local backend through the CLI, then a copy of each
 * with one expectation made wrong, to show that each drill's assertions bite: the copy must fail with
 * exit 1 at the step whose expectation was changed.
 */
class DrillsIT {
    private static final Path SCENARIOS = Path.of("..", "scenarios");

    /** Per drill: the text to change, its wrong replacement, and the step that must then fail. */
    private static final Map<String, Mutation> MUTATIONS = Map.ofEntries(
            Map.entry("replication-lag", new Mutation("equals: 102", "equals: 103",
                    "replica has every row the primary took")),
            Map.entry("pitr", new Mutation("rows: [[Bob Johnson]]", "rows: [[Bob Jonson]]", "Bob Johnson is back")),
            Map.entry("failover-data-loss", new Mutation("lost: 1", "lost: 0", "measure what the failover lost")),
            Map.entry("failover-sync", new Mutation("lost: 0", "lost: 1", "measure what the failover lost")),
            Map.entry("naive-backup", new Mutation("expect: consistent", "expect: damaged",
                    "the pg_basebackup restore is consistent")),
            Map.entry("full-recovery", new Mutation("SELECT count(*) FROM products\", equals: 4",
                    "SELECT count(*) FROM products\", equals: 5", "products are back")),
            Map.entry("failover-async-trials", new Mutation("equals: 2 }", "equals: 3 }",
                    "everything before the workload survived")),
            Map.entry("failover-sync-trials", new Mutation("lost: 0, max-ghost: 1", "lost: 1, max-ghost: 1",
                    "measure what the failover lost")),
            Map.entry("pgbackrest-chain", new Mutation("equals: \"after-full,after-diff,after-incr\" }",
                    "equals: \"after-full,after-diff\" }", "every write up to the target is back, none after it")),
            Map.entry("incremental-backup", new Mutation("from: monday\n      target: { immediate: true }",
                    "from: sunday\n      target: { immediate: true }",
                    "the incremental backup itself holds the write made after the full one")),
            // without the follow step, s3 (streaming only) keeps waiting for its stopped upstream
            Map.entry("cascade-and-follow", new Mutation("follow: { node: s3, upstream: s1 }", "sleep: 1ms",
                    "s3 has both rows")),
            // along the newest timeline, the second restore brings back timeline 2's rows instead
            Map.entry("pitr-after-failover", new Mutation("target: { latest: true, timeline: current }",
                    "target: { latest: true, timeline: latest }",
                    "the old timeline's branch holds timeline 1's rows, none of timeline 2's")),
            // with both standbys required, the commit with one of them cut off waits until the step's timeout
            Map.entry("quorum-sync", new Mutation("\"ANY 1 (s1, s2)\"", "\"ANY 2 (s1, s2)\"",
                    "a commit goes on with one standby cut off (s1 confirms it)")),
            // started as it was instead of rewound, the old primary still holds its diverged write
            // without the kill, Patroni keeps its leader: no other node is elected before the (shortened) timeout
            Map.entry("patroni-failover-trials", new Mutation("kill: { on: leader, after: 0.2s..2s }\n  - id: new\n"
                    + "    name: Patroni elects another leader once the dead one's key expires\n"
                    + "    wait-leader: { not: \"${steps.before.leader}\" }\n    timeout: 90s",
                    "sleep: 0.2s..2s\n  - id: new\n    name: Patroni elects another leader once the dead one's key expires\n"
                    + "    wait-leader: { not: \"${steps.before.leader}\" }\n    timeout: 30s",
                    "Patroni elects another leader once the dead one's key expires")),
            Map.entry("patroni-switchover", new Mutation("max-lost: 0, max-ghost: 0", "lost: 1, max-ghost: 0",
                    "a planned switchover loses nothing acknowledged")),
            Map.entry("rejoin-rewind", new Mutation("rejoin: { node: primary, upstream: replica, method: rewind }",
                    "start: primary", "its diverged write is gone")));
    /** The drills that back up and restore, run again with {@code --backup-tool pgbackrest}. */
    private static final List<String> BACKUP_DRILLS = List.of("full-recovery.yaml", "naive-backup.yaml", "pitr.yaml");

    private record Mutation(String find, String replace, String failingStep) {
    }

    @Test
    void everyShippedDrillPassesOnTheLocalBackend(@TempDir Path reports) throws IOException {
        // --repeat 1: the trial drills once each here (TrialsDrillIT runs their trials)
        List<String> files = localDrills();
        List<String> args = new ArrayList<>(List.of("--no-color", "--repeat", "1", "--report-dir", reports.toString()));
        files.forEach(f -> args.add(SCENARIOS.resolve(f).toString()));
        CliRun r = runner(args.toArray(String[]::new));
        assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCode.OK.code());
        JsonNode journal = journal(reports);
        assertThat(journal.get("drills")).hasSize(files.size());
        for (JsonNode drill : journal.get("drills")) {
            assertThat(drill.get("status").asText()).as(drill.get("name").asText()).isEqualTo("PASSED");
        }
    }

    @Test
    void theReadmeExampleDrillPasses(@TempDir Path work) throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        int section = readme.indexOf("## Writing a drill");
        assertThat(section).as("README has a 'Writing a drill' section").isPositive();
        int start = readme.indexOf("```yaml\n", section) + "```yaml\n".length();
        String yaml = readme.substring(start, readme.indexOf("```", start));
        Path file = Files.writeString(work.resolve("readme-example.yaml"), yaml);
        CliRun r = runner("--no-color", "--report-dir", work.resolve("reports").toString(), file.toString());
        assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCode.OK.code());
        assertThat(r.out()).contains("PASS  the order's items are back");
    }

    @Test
    void everyShippedDrillPassesOnTheComposeBackendToo(@TempDir Path reports) throws IOException {
        try {
            Environments.factory("compose", EnvironmentOptions.defaults());
        } catch (DrillException e) {
            Assumptions.abort("compose backend unusable here, compose drills skipped: " + e.getMessage());
        }
        // pgbackrest-chain too: the Compose images carry pgBackRest; the PostgreSQL 17 drills run in IncrementalBackupIT
        // the drills that declare nodes of their own too: Compose clones each standby that is not its file's replica
        List<String> files = yamlFiles(SCENARIOS).stream().filter(f -> !needsPostgres17(f) && !needsLocalManager(f))
                .map(f -> SCENARIOS.resolve(f).toString()).toList();
        List<String> args = new ArrayList<>(List.of("--no-color", "--env", "compose", "--repeat", "1", "--report-dir",
                reports.toString()));
        args.addAll(files);
        CliRun r = runner(args.toArray(String[]::new));
        assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCode.OK.code());
        JsonNode journal = journal(reports);
        assertThat(journal.get("drills")).hasSize(files.size());
        for (JsonNode drill : journal.get("drills")) {
            assertThat(drill.get("environment").asText()).isEqualTo("compose");
            assertThat(drill.get("status").asText()).as(drill.get("name").asText()).isEqualTo("PASSED");
        }
    }

    @Test
    void theBackupDrillsPassWithPgBackRestOnTheComposeBackendAndShowItsEvidence(@TempDir Path reports)
            throws IOException {
        assumeCompose();
        JsonNode journal = backupDrillsPassWithPgBackRest(reports, "--env", "compose");
        for (JsonNode drill : journal.get("drills")) {
            assertThat(drill.get("environment").asText()).as(drill.get("name").asText()).isEqualTo("compose");
        }
    }

    /**
     * Runs the backup drills with {@code --backup-tool pgbackrest} (and {@code envArgs}): every one passes, names
     * pgBackRest and its version, and pitr's restore shows pgBackRest's and PostgreSQL's own log lines.
     */
    private static JsonNode backupDrillsPassWithPgBackRest(Path reports, String... envArgs) throws IOException {
        List<String> args = new ArrayList<>(List.of("--no-color"));
        args.addAll(List.of(envArgs));
        args.addAll(List.of("--backup-tool", "pgbackrest", "--report-dir", reports.toString()));
        BACKUP_DRILLS.forEach(f -> args.add(SCENARIOS.resolve(f).toString()));
        CliRun r = runner(args.toArray(String[]::new));
        assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCode.OK.code());
        JsonNode journal = journal(reports);
        assertThat(journal.get("drills")).hasSize(BACKUP_DRILLS.size());
        for (JsonNode drill : journal.get("drills")) {
            String name = drill.get("name").asText();
            assertThat(drill.get("status").asText()).as(name).isEqualTo("PASSED");
            assertThat(drill.get("backupTool").asText()).as(name).matches("pgbackrest 2\\.\\d+");
        }
        assertThat(pitrRestoreEvidence(journal)).anyMatch(e -> e.matches("pgbackrest 2\\.\\d+: INFO: repo1: restore backup set \\S+F, .*"))
                .anyMatch(e -> e.matches("pgbackrest 2\\.\\d+: INFO: found 0000000\\w+ in the repo1: .*"))
                .anyMatch(e -> e.contains("recovery stopping before commit"));
        return journal;
    }

    @Test
    void theBackupDrillsWithAWrongExpectationFailAtThatStepWithPgBackRestOnTheComposeBackend(@TempDir Path work)
            throws IOException {
        assumeCompose();
        mutatedCopiesFail(work, BACKUP_DRILLS, "--env", "compose", "--backup-tool", "pgbackrest");
    }

    private static void assumeCompose() {
        try {
            Environments.factory("compose", EnvironmentOptions.defaults());
        } catch (DrillException e) {
            Assumptions.abort("compose backend unusable here: " + e.getMessage());
        }
    }

    /** The evidence of pitr's restore to the recorded time. */
    private static List<String> pitrRestoreEvidence(JsonNode journal) {
        JsonNode pitr = journal.get("drills").findParents("type").stream()
                .filter(s -> s.get("type").asText().equals("restore") && s.path("label").asText().contains("recorded time"))
                .findFirst().orElseThrow();
        List<String> evidence = new ArrayList<>();
        pitr.get("evidence").forEach(e -> evidence.add(e.asText()));
        return evidence;
    }

    @Test
    void theBackupDrillsPassWithPgBackRestAndShowItsEvidence(@TempDir Path reports) throws IOException {
        backupDrillsPassWithPgBackRest(reports);
        assertThat(Files.readString(reports.resolve("junit.xml"))).contains("name=\"backup-tool\" value=\"pgbackrest 2.");
    }

    @Test
    void theBackupDrillsWithAWrongExpectationFailAtThatStepWithPgBackRest(@TempDir Path work) throws IOException {
        mutatedCopiesFail(work, BACKUP_DRILLS, "--backup-tool", "pgbackrest");
    }

    @Test
    void everyDrillWithAWrongExpectationFailsAtThatStep(@TempDir Path work) throws IOException {
        mutatedCopiesFail(work, localDrills());
    }

    /**
     * The shipped drills the local backend runs here: all but those that need PostgreSQL 17 when its
     * server binaries are not installed (IncrementalBackupIT runs them on Compose).
     */
    private static List<String> localDrills() throws IOException {
        boolean has17 = Files.exists(Path.of("/usr/lib/postgresql/17/bin/postgres")) || System.getenv("PG_BIN") != null;
        List<String> drills = new ArrayList<>();
        for (String f : yamlFiles(SCENARIOS)) {
            if (has17 || !needsPostgres17(f)) {
                drills.add(f);
            }
        }
        return drills;
    }

    /** Whether drill {@code file} has a failover manager, which runs on the local backend only for now. */
    static boolean needsLocalManager(String file) {
        try {
            return Files.readString(SCENARIOS.resolve(file)).contains("failover-manager: patroni");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether drill {@code file} states that it needs PostgreSQL 17 ({@code postgres: ">= 17"}). */
    private static boolean needsPostgres17(String file) {
        try {
            return Files.readString(SCENARIOS.resolve(file)).contains("postgres: \">= 17\"");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs a copy of each of {@code drills} with its expectation made wrong: each must fail at that step. */
    private static void mutatedCopiesFail(Path work, List<String> drills, String... options) throws IOException {
        Path copies = Files.createDirectories(work.resolve("mutated"));
        Map<String, Mutation> applied = new LinkedHashMap<>();
        for (String file : drills) {
            String name = file.replaceAll("\\.yaml$", "");
            Mutation m = MUTATIONS.get(name);
            assertThat(m).as("a mutation for every shipped drill (missing for " + file + ")").isNotNull();
            String text = Files.readString(SCENARIOS.resolve(file));
            assertThat(text).as(file + " contains the text to mutate").contains(m.find);
            Files.writeString(copies.resolve(file), text.replace(m.find, m.replace));
            applied.put(name, m);
        }
        Path reports = work.resolve("reports");
        List<String> args = new ArrayList<>(List.of(options));
        args.addAll(List.of("--no-color", "--repeat", "1", "--report-dir", reports.toString(), copies.toString()));
        CliRun r = runner(args.toArray(String[]::new));
        assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCode.DRILL_FAILED.code());
        for (JsonNode drill : journal(reports).get("drills")) {
            String name = drill.get("name").asText();
            Mutation m = applied.get(name);
            assertThat(drill.get("status").asText()).as(name).isEqualTo("FAILED");
            assertThat(drill.get("message").asText()).as(name).contains("step '" + m.failingStep + "'");
            assertThat(r.out()).contains("FAIL  " + m.failingStep);
        }
    }

    private static List<String> yamlFiles(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml")).sorted().toList();
        }
    }

    /** The run's journal, which must match the shipped journal schema (what `runner report` accepts). */
    private static JsonNode journal(Path reports) throws IOException {
        JsonNode journal = new ObjectMapper().readTree(reports.resolve("journal.json").toFile());
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7)
                .getSchema(Files.readString(SCENARIOS.resolve("schema/journal.schema.json")));
        assertThat(schema.validate(journal)).as("journal.json against scenarios/schema/journal.schema.json").isEmpty();
        return journal;
    }

    private static CliRun runner(String... args) {
        return CliRun.run(Environments::factory, args);
    }
}
