package dev.pgdrill.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static dev.pgdrill.cli.CliRun.EXAMPLES;
import static org.assertj.core.api.Assertions.assertThat;

/** On GitHub Actions no command prints text that the runner would take for a workflow command. */
class WorkflowCommandGuardTest {
    /** Text that GitHub's runner would execute if printed as it is. */
    static final String HOSTILE_DESCRIPTION = "  ::error::from the description\n\u3000::add-mask::x\nsee ##[error]legacy\n";

    @TempDir
    Path dir;

    private static final Function<String, String> GITHUB = Map.of("GITHUB_ACTIONS", "true")::get;

    /** Lines GitHub would execute: {@code ::} first after blanks (as .NET's Trim sees them), or {@code ##[} anywhere. */
    private static List<String> commands(String output) {
        return output.lines().filter(l -> l.strip().replaceFirst("^[\\s\u3000\u00A0]+", "").startsWith("::")
                || l.contains("##[")).toList();
    }

    /** The output's commands are exactly the fence: stop with a fresh token first, resume with it last. */
    private static void onlyTheFence(CliRun r) {
        List<String> commands = commands(r.out());
        assertThat(commands).as(r.toString()).hasSize(2);
        assertThat(commands.get(0)).matches("::stop-commands::pgdrill-[0-9a-f-]{36}");
        assertThat(commands.get(1)).isEqualTo("::" + commands.get(0).substring("::stop-commands::".length()) + "::");
        assertThat(r.out().lines().toList()).first().isEqualTo(commands.get(0));
        assertThat(r.out().lines().toList()).last().isEqualTo(commands.get(1));
        assertThat(commands(r.err())).as(r.toString()).isEmpty();
    }

    private Path hostileDrill() throws Exception {
        Path drills = Files.createDirectories(dir.resolve("::warning::dir ##[error]"));
        return Files.writeString(drills.resolve("::notice::x ##[warning]y.yaml"), """
                name: "::error::in the name ##[error]n"
                description: "%s"
                steps:
                  - name: "\\t::set-output name=a::b"
                    sleep: 1ms
                """.formatted(HOSTILE_DESCRIPTION.replace("\n", "\\n").replace("\u3000", "\\u3000")));
    }

    @Test
    void validateAndPlanPrintScenarioTextAndFileNamesInert() throws Exception {
        Path drill = hostileDrill();
        for (String command : List.of("validate", "plan")) {
            CliRun r = CliRun.run((k, o) -> {
                throw new AssertionError();
            }, GITHUB, command, "--no-color", drill.toString());
            assertThat(r.exit()).as(r.toString()).isZero();
            onlyTheFence(r);
            assertThat(r.out()).as("the text is still there, only broken").contains("##\u200B[error]");
            if (command.equals("plan")) {
                assertThat(r.out()).contains(":\u200B:error::from the description", ":\u200B:add-mask::x");
            }
        }
    }

    @Test
    void aRunsValidationErrorsAndShardLinesAreInert() throws Exception {
        Path drill = hostileDrill();
        Path broken = Files.writeString(dir.resolve("::error::broken.yaml"), "name: x\nsteps:\n  - \"::error::bad ##[x]\": 1\n");
        CliRun invalid = CliRun.run((k, o) -> {
            throw new AssertionError();
        }, GITHUB, "--no-color", broken.toString());
        assertThat(invalid.exit()).as(invalid.toString()).isEqualTo(2);
        assertThat(invalid.err()).contains("unknown step type '::error::bad ##\u200B[x]'");
        onlyTheFence(invalid);

        CliRun shard = CliRun.run((k, o) -> n -> new dev.pgdrill.engine.testing.FakeEnvironment(false), GITHUB,
                "--no-color", "--shard", "1/1", "--report-dir", dir.resolve("r").toString(), drill.toString(),
                EXAMPLES + "sleepy.yaml");
        assertThat(shard.out()).as(shard.toString()).contains("shard 1/1");
        onlyTheFence(shard);
    }

    @Test
    void linesAreRewrittenWhereverTheyAreSplitAndOnlyWhereGithubWouldAct() {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        PrintStream rawOut = new PrintStream(raw, true, StandardCharsets.UTF_8);
        WorkflowCommandGuard guard = new WorkflowCommandGuard(rawOut, rawOut);
        for (String piece : List.of(" \t", ":", ":error::x\n", "a::b ok\n", "#", "#", "[x]\r::y\n", "\u00A0", "::z\n",
                "é::fine\n")) {
            guard.out().print(piece);
        }
        guard.command("::error title=t::m");
        guard.err().println("::after");
        guard.close();
        List<String> lines = raw.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines.subList(1, 8)).containsExactly(" \t:\u200B:error::x", "a::b ok", "##\u200B[x]", ":\u200B:y",
                "\u00A0:\u200B:z", "é::fine", lines.get(7));
        assertThat(lines.get(7)).matches("::pgdrill-[0-9a-f-]{36}::");
        assertThat(lines.get(8)).isEqualTo("::error title=t::m");
        assertThat(lines.get(9)).matches("::stop-commands::pgdrill-[0-9a-f-]{36}").isNotEqualTo("::stop-commands::"
                + lines.get(7).substring(2, lines.get(7).length() - 2));
        assertThat(lines.subList(10, 12)).containsExactly(":\u200B:after", "::" + lines.get(9).substring(17) + "::");
    }
}
