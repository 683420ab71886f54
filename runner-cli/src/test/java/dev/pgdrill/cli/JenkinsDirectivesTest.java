package dev.pgdrill.cli;

import dev.pgdrill.engine.testing.FakeEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** A drill's names and messages never become directives of Jenkins' JUnit plugins, in a run's or a merged report. */
class JenkinsDirectivesTest {
    /** Fails on the fake environment (partition finds no replica), so the step's name is in a failure too. */
    static final String DRILL = """
            name: "[[ATTACHMENT|/etc/passwd]]"
            description: "[[PROPERTY|owner]]=me"
            steps:
              - name: "[[ATTACHMENT|/etc/shadow]]"
                sleep: 1ms
              - name: "[[[ATTACHMENT|/root/.ssh/id_rsa]] [[PROPERTY|x]]"
                partition: replica
            """;

    @TempDir
    Path dir;

    /** The number of attachment directives in {@code xml}: only the runner's own line for the drill's page. */
    private void onlyOwnDirectives(String xml) {
        assertThat(xml).doesNotContain("[[ATTACHMENT|/etc", "[[ATTACHMENT|/root", "[[PROPERTY|").contains("[\u200B[ATTACHMENT|/etc/shadow]]");
        assertThat(xml.split("\\[\\[ATTACHMENT\\|", -1)).as(xml).hasSize(2);
        assertThat(xml).containsPattern("\n\\[\\[ATTACHMENT\\|" + dir + "/[a-z]+/[A-Za-z-]+\\.html]]\n");
    }

    @Test
    void stepsNamedAsAttachmentsAreWrittenInertInRunAndMergedReports() throws Exception {
        Path drill = Files.writeString(dir.resolve("attach.yaml"), DRILL);
        Path reports = dir.resolve("reports");
        CliRun r = CliRun.run((k, o) -> n -> new FakeEnvironment(false), "--no-color", "--report-dir",
                reports.toString(), drill.toString());
        assertThat(r.exit()).as(r.toString()).isEqualTo(1);
        onlyOwnDirectives(Files.readString(reports.resolve("junit.xml")));

        CliRun merged = CliRun.run((k, o) -> {
            throw new AssertionError();
        }, "report", "--merge", reports.toString(), "--out", dir.resolve("merged").toString());
        assertThat(merged.exit()).as(merged.toString()).isZero();
        onlyOwnDirectives(Files.readString(dir.resolve("merged").resolve("junit.xml")));
    }
}
