package dev.pgdrill.engine.report;

import dev.pgdrill.engine.api.ExitCode;
import dev.pgdrill.engine.run.DrillResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Each node's exact server version is evidence: journal (and back), JUnit properties, HTML page, console. */
class ServerVersionEvidenceTest {
    private static final String VERSIONS = "primary 17.12 (Debian 17.12-0+deb13u1) [170012]; "
            + "replica 17.12 (Debian 17.12-0+deb13u1) [170012]";

    @TempDir
    Path dir;

    private static DrillResult withVersions(DrillResult d) {
        return new DrillResult(d.scenario(), d.environment(), d.status(), d.start(), d.duration(), d.steps(),
                d.finallySteps(), d.message(), d.exitCode(), "pg_basebackup", VERSIONS);
    }

    @Test
    void everyReportShowsEachNodesServerVersion() throws Exception {
        DrillResult d = withVersions(ReportFixtures.pitrDrill());
        RunReport run = ReportModel.of(ReportFixtures.T0, List.of(d), Duration.ofSeconds(5), ExitCode.DRILL_FAILED,
                true, Map.of());
        ReportFilesListener.writeAll(run, dir);
        assertThat(Files.readString(dir.resolve("journal.json"))).contains("\"serverVersions\" : \"" + VERSIONS + "\"");
        assertThat(JsonJournal.read(dir.resolve("journal.json")).drills().get(0).serverVersions()).isEqualTo(VERSIONS);
        assertThat(Files.readString(dir.resolve("junit.xml")))
                .contains("<property name=\"server-versions\" value=\"" + VERSIONS + "\"/>");
        String page = Files.readString(dir.resolve(run.drills().get(0).page()));
        assertThat(page).contains("PostgreSQL</dt><dd>" + VERSIONS + "</dd>");
    }

    @Test
    void theConsoleShowsThemWhenTheEnvironmentIsReady() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ConsoleListener l = new ConsoleListener(new PrintStream(bytes, true, StandardCharsets.UTF_8), false, null,
                () -> 0L);
        DrillResult d = ReportFixtures.pitrDrill();
        l.drillStarted(d.scenario(), "compose");
        l.environmentReady(d.scenario(), "Compose project p");
        l.serverVersions(d.scenario(), VERSIONS);
        assertThat(bytes.toString(StandardCharsets.UTF_8))
                .contains("  environment ready: Compose project p\n  PostgreSQL: " + VERSIONS + "\n");
    }

    @Test
    void aJournalWithoutThemStillReads() throws Exception {
        RunReport run = ReportModel.of(ReportFixtures.T0, List.of(ReportFixtures.pitrDrill()), Duration.ofSeconds(5),
                ExitCode.DRILL_FAILED, true, Map.of());
        ReportFilesListener.writeAll(run, dir);
        assertThat(Files.readString(dir.resolve("journal.json"))).doesNotContain("serverVersions");
        assertThat(JsonJournal.read(dir.resolve("journal.json")).drills().get(0).serverVersions()).isNull();
    }
}
