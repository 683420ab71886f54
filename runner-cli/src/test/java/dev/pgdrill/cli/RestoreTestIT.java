package dev.pgdrill.cli;

import dev.pgdrill.engine.api.ExitCode;
import dev.pgdrill.environment.Environments;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The restore-test drills against a "production" made outside pgdrill by examples/restore-test/make-production.sh (a
 * plain PostgreSQL, its WAL archive, pg_basebackups plain and tar, a pgBackRest stanza): both pass, and a damaged
 * copy (a missing WAL segment, a truncated one) fails at the restore step with the reason. The whole tree of the
 * source (repository, archive, backups, configuration, the stopped cluster) has the same SHA-256 after every run,
 * passing or failing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RestoreTestIT {
    private static final Path BASEBACKUP_DRILL = Path.of("..", "scenarios", "examples", "restore-test-basebackup.yaml");
    private static final Path PGBACKREST_DRILL = Path.of("..", "scenarios", "examples", "restore-test-pgbackrest.yaml");

    private Path root;
    private Path prod;
    private Map<String, String> facts;

    @BeforeAll
    void makeProduction() throws Exception {
        root = Files.createTempDirectory("pgdrill-restore-it");
        Production made = Production.make(root);
        prod = made.dir();
        facts = made.facts();
    }

    @AfterAll
    void removeProduction() throws IOException {
        if (root != null) {
            try (Stream<Path> all = Files.walk(root)) {
                all.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    @Test
    void aPlainAndATarBaseBackupRestoreToTheTargetAndTheSourceStaysByteForByteTheSame(@TempDir
                                                                                     Path reports) throws Exception {
        for (String base : List.of(facts.get("BASE"), facts.get("BASE_TAR"))) {
            String before = treeHash(prod);
            CliRun r = basebackupDrill(reports, base, facts.get("WAL"));
            assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCode.OK.code());
            assertThat(r.out()).contains("PASS  every order up to the target is there, none after")
                    .contains("PASS  the restored cluster is consistent").contains("PASS  the archive has no gap")
                    .contains("PASS  the sandbox listens on no TCP address and trusts only its private socket");
            String journal = Files.readString(reports.resolve("journal.json"));
            assertThat(journal).contains("recovery stopping before commit").contains("objective-rto\" : \"pass: ")
                    .contains("objective-max-wal-age\" : \"pass: ").contains("\"label\" : \"nightly-");
            assertThat(treeHash(prod)).as("the source after the drill on " + base).isEqualTo(before);
        }
    }

    @Test
    void thePgBackRestStanzaRestoresToTheTargetAndItsRepositoryStaysByteForByteTheSame(
            @TempDir Path reports) throws Exception {
        String before = treeHash(prod);
        Path history = reports.resolve("history").resolve("restores.jsonl");
        CliRun r = pgbackrestDrill(reports, facts.get("PGBACKREST_CONF"), "--history", history.toString());
        assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCode.OK.code());
        List<String> lines = Files.readAllLines(history);
        assertThat(lines).singleElement().asString().startsWith("{\"format\":1,").contains(
                "\"drill\":\"restore-test-pgbackrest\"", "\"verdict\":\"PASSED\"", "\"source\":\"pgBackRest stanza prod",
                "\"objective-rto\":\"pass: ").containsPattern("\"backup\":\"\\d{8}-\\d{6}F\"")
                .contains(facts.get("TARGET_TIME"));
        assertThat(r.out()).contains("PASS  every order up to the target is there, none after")
                .contains("PASS  the sandbox listens on no TCP address and trusts only its private socket");
        String journal = Files.readString(reports.resolve("journal.json"));
        assertThat(journal).contains("recovery stopping before commit").contains("restore backup set ")
                .containsPattern("\"backup\" : \"\\d{8}-\\d{6}F\"").contains("objective-max-backup-age\" : \"pass: ");
        assertThat(treeHash(prod)).isEqualTo(before);
    }

    @Test
    void aMissingWalSegmentIsRefusedBeforeAnythingIsRestoredAndTheSourceStaysTheSame(
            @TempDir Path reports) throws Exception {
        Path copy = damagedCopy("missing");
        String segment = segmentAfterTheBackups(copy.resolve("wal"));
        Files.delete(copy.resolve("wal").resolve(segment));
        try (Stream<Path> repo = Files.walk(copy.resolve("pgbackrest/repo/archive"))) {
            for (Path f : repo.filter(f -> f.getFileName().toString().startsWith(segment + "-")).toList()) {
                Files.delete(f);
            }
        }
        String before = treeHash(copy);
        CliRun base = basebackupDrill(reports, facts.get("BASE"), copy.resolve("wal").toString());
        assertThat(base.exit()).as(base.toString()).isEqualTo(ExitCode.DRILL_FAILED.code());
        assertThat(base.out()).contains("FAIL  restore the newest backup to the target")
                .contains("preflight: the source's WAL archive misses segment " + segment)
                .contains("(nothing was restored)");
        CliRun rest = pgbackrestDrill(reports, copy.resolve("pgbackrest/pgbackrest.conf").toString());
        assertThat(rest.exit()).as(rest.toString()).isEqualTo(ExitCode.DRILL_FAILED.code());
        assertThat(rest.out()).contains("FAIL  restore the backup set to the target")
                .contains("preflight: the source's WAL archive misses segment " + segment);
        assertThat(treeHash(copy)).isEqualTo(before);
    }

    @Test
    void aTruncatedWalSegmentFailsTheRestoreWithTheReasonAndTheSourceStaysTheSame(
            @TempDir Path reports) throws Exception {
        Path copy = damagedCopy("truncated");
        String segment = segmentAfterTheBackups(copy.resolve("wal"));
        truncate(copy.resolve("wal").resolve(segment));
        try (Stream<Path> repo = Files.walk(copy.resolve("pgbackrest/repo/archive"))) {
            for (Path f : repo.filter(f -> f.getFileName().toString().startsWith(segment + "-")).toList()) {
                truncate(f);
            }
        }
        String before = treeHash(copy);
        CliRun base = basebackupDrill(reports, facts.get("BASE_TAR"), copy.resolve("wal").toString());
        assertThat(base.exit()).as(base.toString()).isEqualTo(ExitCode.DRILL_FAILED.code());
        assertThat(base.out()).contains("FAIL  restore the newest backup to the target")
                .contains("preflight: the source's WAL archive holds damaged files: segment " + segment + " is 100 bytes");
        // pgBackRest's compressed segments have no fixed size: archive-get fails on it, and recovery ends short
        CliRun rest = pgbackrestDrill(reports, copy.resolve("pgbackrest/pgbackrest.conf").toString());
        assertThat(rest.exit()).as(rest.toString()).isEqualTo(ExitCode.DRILL_FAILED.code());
        assertThat(rest.out()).contains("FAIL  restore the backup set to the target")
                .contains("FATAL:  recovery ended before configured recovery target was reached");
        assertThat(Files.readString(reports.resolve("journal.json"))).contains("pgbackrest 2.")
                .contains(segment);
        assertThat(treeHash(copy)).isEqualTo(before);
    }

    /**
     * The backup's roles are trusted without a password, so no local user may reach the sandbox: it listens on no
     * TCP address (a client on 127.0.0.1 at its port is refused), its pg_hba has local lines only, and the runner's
     * own connections (and a command's psql) go through the run's private socket.
     */
    @Test
    void theSandboxAnswersOnlyThroughTheRunsPrivateSocketNeverOverTcp(@TempDir Path reports) throws Exception {
        Path drill = reports.resolve("sandbox-socket-only.yaml");
        Files.writeString(drill, String.join("\n",
                "name: sandbox-socket-only",
                "description: The sandbox answers through the run's socket only, never over TCP.",
                "vars: { base: /nowhere, wal: /nowhere, target: \"2026-12-07T00:00:00+00:00\" }",
                "environment:",
                "  source:",
                "    basebackup: { dir: \"${vars.base}\", wal: \"${vars.wal}\" }",
                "steps:",
                "  - restore: { node: restored, from: latest, target: { time: \"${vars.target}\" } }",
                "  - id: socket",
                "    exec: { on: restored, command: [psql, -X, -At, -c, \"SELECT inet_server_addr() IS NULL\"] }",
                "  - id: dir",
                "    exec: { on: restored, command: \"stat -c 'mode %a of %U' \\\"$PGHOST\\\"\" }",
                "  - id: tcp",
                "    exec: { on: restored, command: \"psql -X -At -h 127.0.0.1 -p \\\"$PGPORT\\\" -c 'SELECT 1'\", expect-exit: 2 }",
                "  - id: server",
                "    sql:",
                "      on: restored",
                "      query: >-",
                "        SELECT current_setting('listen_addresses') AS listen, inet_server_addr() IS NULL AS unix,",
                "               (SELECT count(*) FROM pg_hba_file_rules WHERE type IS DISTINCT FROM 'local') AS host_lines",
                "      capture: true",
                ""));
        String before = treeHash(prod);
        CliRun r = CliRun.run(Environments::factory, "--no-color", "--report-dir", reports.resolve("r").toString(),
                "--var", "base=" + facts.get("BASE"), "--var", "wal=" + facts.get("WAL"), "--var",
                "target=" + facts.get("TARGET_TIME"), drill.toString());
        assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCode.OK.code());
        String journal = Files.readString(reports.resolve("r").resolve("journal.json"));
        assertThat(journal).contains("\"stdout\" : \"t\"").contains("\"stdout\" : \"mode 700 of "
                        + ("root".equals(System.getProperty("user.name")) ? "postgres" : System.getProperty("user.name")) + "\"")
                .contains("connection to server at \\\"127.0.0.1\\\", port").contains("Connection refused")
                .contains("\"listen\" : \"\"").contains("\"unix\" : \"true\"").contains("\"host_lines\" : \"0\"");
        assertThat(treeHash(prod)).isEqualTo(before);
    }

    @Test
    void aSetTheRepositoryNoLongerHoldsAndATargetBeforeTheBackupAreRefusedBeforeAnythingIsRestored(@TempDir Path reports)
            throws Exception {
        String before = treeHash(prod);
        CliRun gone = pgbackrestDrill(reports, facts.get("PGBACKREST_CONF"), "--var", "set=20200101-000000F");
        assertThat(gone.exit()).as(gone.toString()).isEqualTo(ExitCode.DRILL_FAILED.code());
        assertThat(gone.out()).contains("FAIL  restore the backup set to the target")
                .contains("no backup named '20200101-000000F' in the catalogue of pgbackrest");
        CliRun early = CliRun.run(Environments::factory, "--no-color", "--report-dir", reports.toString(), "--var",
                "config=" + facts.get("PGBACKREST_CONF"), "--var", "stanza=" + facts.get("STANZA"), "--var",
                "target=2000-01-01T00:00:00+00:00", "--var", "rows=0", PGBACKREST_DRILL.toString());
        assertThat(early.exit()).as(early.toString()).isEqualTo(ExitCode.DRILL_FAILED.code());
        assertThat(early.out()).contains("preflight: backup '").contains("not before the target time "
                + "2000-01-01T00:00:00+00:00").contains("(nothing was touched)");
        assertThat(treeHash(prod)).isEqualTo(before);
    }

    @Test
    void aPlainBackupWithATablespaceIsRefusedRatherThanRestoredOverItsLink(@TempDir Path reports) throws Exception {
        Path withTablespace = root.resolve("with-tablespace");
        Process copy = new ProcessBuilder("cp", "-a", facts.get("BASE"), withTablespace.toString()).inheritIO().start();
        assertThat(copy.waitFor(60, TimeUnit.SECONDS) && copy.exitValue() == 0).as("cp -a base").isTrue();
        Files.createSymbolicLink(withTablespace.resolve("pg_tblspc").resolve("16384"), prod.resolve("pgdata"));
        String before = treeHash(prod);
        CliRun r = basebackupDrill(reports, withTablespace.toString(), facts.get("WAL"));
        assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCode.DRILL_FAILED.code());
        assertThat(r.out()).contains("FAIL  restore the newest backup to the target").contains("backup "
                + withTablespace + " has tablespaces (pg_tblspc: 16384): restoring tablespaces from a source is not "
                + "supported yet");
        assertThat(treeHash(prod)).isEqualTo(before);
    }

    @Test
    void missedObjectivesFailTheRestoreWithTheirMeasuredValuesAfterARestoreThatWorked(@TempDir Path reports)
            throws Exception {
        Path drill = reports.resolve("strict.yaml");
        Files.writeString(drill, Files.readString(BASEBACKUP_DRILL).replace("name: restore-test-basebackup",
                "name: strict").replace("objectives: { rto: 15m, max-backup-age: 26h, max-wal-age: 26h }",
                "objectives: { rto: 15m, max-backup-age: 1s, max-wal-age: 2s }"));
        String before = treeHash(prod);
        CliRun r = CliRun.run(Environments::factory, "--no-color", "--report-dir", reports.resolve("r").toString(),
                "--var", "base=" + facts.get("BASE"), "--var", "wal=" + facts.get("WAL"), "--var",
                "target=" + facts.get("TARGET_TIME"), "--var", "rows=" + facts.get("ROWS_AT_TARGET"), drill.toString());
        assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCode.DRILL_FAILED.code());
        assertThat(r.out()).contains("FAIL  restore the newest backup to the target")
                .containsPattern("objectives missed: max-backup-age \\(the newest backup stopped \\d+\\.\\ds ago, "
                        + "allowed 1(\\.0)?s\\); max-wal-age \\(the newest WAL segment \\([0-9A-F]{24}\\) was archived "
                        + "\\d+\\.\\ds ago, allowed 2(\\.0)?s\\)");
        String journal = Files.readString(reports.resolve("r").resolve("journal.json"));
        assertThat(journal).contains("\"objective-rto\" : \"pass: ").contains("\"objective-max-backup-age\" : \"fail: ")
                .contains("recovery stopping before commit");
        assertThat(treeHash(prod)).isEqualTo(before);
    }

    @Test
    void aSourceThatIsNotThereOrOfAnotherMajorStopsTheSetUpWithExit3(@TempDir Path reports) throws Exception {
        CliRun r = basebackupDrill(reports, root.resolve("no-such-backup").toString(), facts.get("WAL"));
        assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCode.ENVIRONMENT.code());
        assertThat(r.out() + r.err()).contains("the backup directory " + root.resolve("no-such-backup")
                + " is not a readable directory for the server user");
        CliRun rest = pgbackrestDrill(reports, root.resolve("no-such.conf").toString());
        assertThat(rest.exit()).as(rest.toString()).isEqualTo(ExitCode.ENVIRONMENT.code());
        assertThat(rest.out() + rest.err()).contains("pgBackRest's configuration " + root.resolve("no-such.conf")
                + " is not a file the server user");
        Path sixteen = root.resolve("sixteen");
        Process copy = new ProcessBuilder("cp", "-a", facts.get("BASE"), sixteen.toString()).inheritIO().start();
        assertThat(copy.waitFor(60, TimeUnit.SECONDS) && copy.exitValue() == 0).as("cp -a base").isTrue();
        Files.writeString(sixteen.resolve("PG_VERSION"), "16\n");
        CliRun other = basebackupDrill(reports, sixteen.toString(), facts.get("WAL"));
        assertThat(other.exit()).as(other.toString()).isEqualTo(ExitCode.ENVIRONMENT.code());
        assertThat(other.out() + other.err()).contains("backup " + sixteen + " is of PostgreSQL 16, but this run's "
                + "servers are PostgreSQL ").contains("(environment: postgres: 16) or with --pg-version 16");
    }

    private CliRun basebackupDrill(Path reports, String base, String wal) {
        return CliRun.run(Environments::factory, "--no-color", "--report-dir", reports.toString(), "--var", "base=" + base,
                "--var", "wal=" + wal, "--var", "target=" + facts.get("TARGET_TIME"), "--var",
                "rows=" + facts.get("ROWS_AT_TARGET"), BASEBACKUP_DRILL.toString());
    }

    private CliRun pgbackrestDrill(Path reports, String config, String... more) {
        List<String> args = new ArrayList<>(List.of("--no-color", "--report-dir", reports.toString(), "--var",
                "config=" + config, "--var", "stanza=" + facts.get("STANZA"), "--var", "target=" + facts.get("TARGET_TIME"),
                "--var", "rows=" + facts.get("ROWS_AT_TARGET")));
        args.addAll(List.of(more));
        args.add(PGBACKREST_DRILL.toString());
        return CliRun.run(Environments::factory, args.toArray(String[]::new));
    }

    /** A copy of the WAL archive and of the pgBackRest directory (its config pointing at the copy), as root made them. */
    private Path damagedCopy(String name) throws Exception {
        Path copy = root.resolve(name);
        Files.createDirectory(copy);
        Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rwxr-xr-x"));
        for (String dir : List.of("wal", "pgbackrest")) {
            Process p = new ProcessBuilder("cp", "-a", prod.resolve(dir).toString(), copy.toString()).inheritIO().start();
            assertThat(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0).as("cp -a " + dir).isTrue();
        }
        Path conf = copy.resolve("pgbackrest/pgbackrest.conf");
        Files.writeString(conf, Files.readString(conf).replace(prod.resolve("pgbackrest").toString(),
                copy.resolve("pgbackrest").toString()));
        return copy;
    }

    /** The last segment before the newest: written after every backup, needed to reach the target. */
    private static String segmentAfterTheBackups(Path wal) throws IOException {
        try (Stream<Path> files = Files.list(wal)) {
            List<String> segments = files.map(f -> f.getFileName().toString()).filter(f -> f.matches("[0-9A-F]{24}"))
                    .sorted().toList();
            return segments.get(segments.size() - 2);
        }
    }

    private static void truncate(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(100);
        }
    }

    private static String treeHash(Path dir) throws Exception {
        return Production.treeHash(dir);
    }
}
