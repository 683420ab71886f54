package dev.pgdrill.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

import static dev.pgdrill.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Node and backup names become paths, containers and volumes: a name outside the safe pattern, or
 * one a run keeps for itself ({@code pgpass}, {@code archive}, ...), is refused at validate, with
 * its position and a suggestion, before anything runs.
 */
class NameValidationTest {
    private static final String DRILL = String.join("\n",
            "name: hostile-names",
            "steps:",
            "  - backup: { from: primary, name: \"../x\" }",          // 3
            "  - naive-copy: { from: primary, name: \"a/b\" }",       // 4
            "  - restore: { node: pgpass, from: base }",              // 5
            "  - restore: { node: \"../x\", from: base }",            // 6
            "  - restore: { node: \"a/b\", from: base }",             // 7
            "  - restore: { node: \"PRIMARY \", from: base }",        // 8
            "  - rebuild-replica: { node: archive }",                 // 9
            "  - rebuild-replica: { node: \"${vars.who}\" }",         // 10
            "  - restore: { node: primary, from: \"/etc\" }",         // 11
            "vars:",
            "  who: sock",
            "");

    @Test
    void validateRefusesUnsafeAndReservedNamesWithTheirPositions(@TempDir Path dir) throws IOException {
        Path drill = Files.writeString(dir.resolve("names.yaml"), DRILL);
        CliRun r = run("validate", drill.toString());
        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        r.noStackTrace();
        assertThat(r.out()).isEmpty();
        String at = Pattern.quote(drill.toString());
        assertThat(r.err())
                .containsPattern(at + ":3:\\d+: .*parameter 'name': invalid backup name '\\.\\./x': use a lower-case letter"
                        + ".*e\\.g\\. 'x'")
                .containsPattern(at + ":4:\\d+: .*invalid backup name 'a/b'.*e\\.g\\. 'a-b'")
                .containsPattern(at + ":5:\\d+: .*parameter 'node': node name 'pgpass' is reserved: a run keeps archive, "
                        + "backups, logs, sock, pgpass, pgbackrest, patroni for itself; choose another, e\\.g\\. 'pgpass-node'")
                .containsPattern(at + ":6:\\d+: .*invalid node name '\\.\\./x'")
                .containsPattern(at + ":7:\\d+: .*invalid node name 'a/b'.*e\\.g\\. 'a-b'")
                .containsPattern(at + ":8:\\d+: .*invalid node name 'PRIMARY '.*e\\.g\\. 'primary'")
                .containsPattern(at + ":9:\\d+: .*node name 'archive' is reserved")
                .containsPattern(at + ":10:\\d+: .*node name 'sock' is reserved")
                .containsPattern(at + ":11:\\d+: .*parameter 'from': invalid backup name '/etc'");
    }

    @Test
    void aVariableFromTheCommandLineIsCheckedToo(@TempDir Path dir) throws IOException {
        Path drill = Files.writeString(dir.resolve("names.yaml"), String.join("\n",
                "name: var-name",
                "vars:",
                "  who: restored",
                "steps:",
                "  - restore: { node: \"${vars.who}\", from: latest }",
                ""));
        assertThat(run("validate", drill.toString()).exit()).isZero();
        CliRun r = run("validate", "--var", "who=pgpass", drill.toString());
        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).containsPattern(Pattern.quote(drill.toString()) + ":5:\\d+: .*node name 'pgpass' is reserved");
    }

    @Test
    void safeNamesValidate(@TempDir Path dir) throws IOException {
        Path drill = Files.writeString(dir.resolve("names.yaml"), String.join("\n",
                "name: fine-names",
                "steps:",
                "  - backup: { from: primary, name: nightly_1 }",
                "  - restore: { node: from-backup, from: nightly_1 }",
                "  - rebuild-replica: { node: new-replica }",
                ""));
        CliRun r = run("validate", drill.toString());
        assertThat(r.exit()).as(r.toString()).isZero();
    }
}
