package dev.pgdrill.cli;

import dev.pgdrill.engine.api.ExitCode;
import dev.pgdrill.environment.Environments;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real drill on the local backend with a secret-named {@code --var} and a {@code --secret}: the
 * values go through bind parameters, are captured as outputs and echoed by a failing verify, and
 * are printed by {@code plan}; neither value may appear on the console or in any report file.
 */
class SecretMaskingIT {
    private static final String PASSWORD = "S3cretValue";
    private static final String TOKEN = "Other123";
    private static final String DRILL = """
            name: secrets-stay-secret
            vars:
              password: placeholder
              tok: placeholder
            steps:
              - id: echo
                name: echo the secrets through bind parameters
                sql:
                  on: primary
                  query: "SELECT CAST(:p AS text) AS pw, CAST(:t AS text) AS tk"
                  params: { p: "${vars.password}", t: "${vars.tok}" }
                  capture: true
              - name: a verify that fails and shows the values it found
                verify:
                  on: primary
                  query: "SELECT CAST(:pw AS text) || '/' || CAST(:tk AS text)"
                  params: { pw: "${steps.echo.pw}", tk: "${steps.echo.tk}" }
                  equals: nothing
            """;

    @Test
    void secretValuesNeverReachConsoleOrReports(@TempDir Path work) throws IOException {
        Path file = Files.writeString(work.resolve("secrets.yaml"), DRILL);
        Path reports = work.resolve("reports");
        CliRun run = CliRun.run(Environments::factory, "--no-color", "--var", "password=" + PASSWORD,
                "--secret", "tok=" + TOKEN, "--report-dir", reports.toString(), file.toString());
        assertThat(run.exit()).as(run.toString()).isEqualTo(ExitCode.DRILL_FAILED.code());
        assertThat(run.out()).as(run.toString()).contains("FAIL").contains("********");
        assertNoSecret("console", run.out() + run.err());

        List<Path> files;
        try (Stream<Path> s = Files.walk(reports)) {
            files = s.filter(Files::isRegularFile).toList();
        }
        assertThat(files.stream().map(p -> p.getFileName().toString()))
                .contains("journal.json", "junit.xml", "index.html");
        for (Path f : files) {
            assertNoSecret(f.toString(), Files.readString(f));
        }
        assertThat(Files.readString(reports.resolve("journal.json"))).contains("********");

        CliRun plan = CliRun.run("plan", "--var", "password=" + PASSWORD, "--secret", "tok=" + TOKEN, file.toString());
        assertThat(plan.exit()).as(plan.toString()).isEqualTo(ExitCode.OK.code());
        assertThat(plan.out()).contains("p: ********");
        assertNoSecret("plan", plan.out() + plan.err());
    }

    private static void assertNoSecret(String where, String text) {
        assertThat(text).as(where).doesNotContain(PASSWORD).doesNotContain(TOKEN);
    }
}
