package dev.pgdrill.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static dev.pgdrill.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code runner completion}: a bash script that, loaded into bash, completes commands and options. */
class CompletionTest {
    @TempDir
    Path dir;

    /** What bash's completion offers for {@code words} (the last one being completed) with the script loaded. */
    private List<String> complete(Path script, String... words) throws Exception {
        String line = String.join(" ", words);
        // compopt works only inside a completion that bash started; the probe calls the function itself
        String probe = "source '" + script + "'\ncompopt() { :; }\n"
                + "COMP_WORDS=(" + line + "); COMP_CWORD=" + (words.length - 1) + "; COMP_LINE='" + line + "'; "
                + "COMP_POINT=${#COMP_LINE}\n"
                + "_complete_runner runner\n"
                + "printf '%s\\n' \"${COMPREPLY[@]}\"\n";
        Process p = new ProcessBuilder("bash", "--norc", "--noprofile", "-c", probe).redirectErrorStream(true).start();
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).as("bash finished").isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(out).isZero();
        return out.lines().map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    @Test
    void printsABashScriptThatCompletesCommandsAndOptions() throws Exception {
        CliRun r = run("completion");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).contains("complete -F _complete_runner", "runner");
        Path script = Files.writeString(dir.resolve("runner-completion.bash"), r.out());

        assertThat(complete(script, "runner", "val")).containsExactly("validate");
        assertThat(complete(script, "runner", "--sh")).containsExactly("--shard");
        assertThat(complete(script, "runner", "--ta")).containsExactly("--tags");
        assertThat(complete(script, "runner", "--fail")).containsExactly("--fail-fast");
        assertThat(complete(script, "runner", "validate", "--var-")).containsExactly("--var-file");
        assertThat(complete(script, "runner", "co")).contains("completion");
    }

    /** Runs {@code probe} in bash, in {@code cwd}, with the script loaded; returns its output lines. */
    private static List<String> bash(Path script, Path cwd, String probe) throws Exception {
        Process p = new ProcessBuilder("bash", "--norc", "--noprofile", "-c",
                "source '" + script + "'\ncompopt() { :; }\n" + probe).directory(cwd.toFile()).redirectErrorStream(true).start();
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).as("bash finished").isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(out).isZero();
        return out.lines().toList();
    }

    @Test
    void fileNamesAreOfferedAsTheyAreAndNeverRun() throws Exception {
        Path script = Files.writeString(dir.resolve("runner-completion.bash"), run("completion").out());
        Path cwd = Files.createDirectories(dir.resolve("drills"));
        Files.writeString(cwd.resolve("$(touch PWNED)"), "");
        Files.writeString(cwd.resolve("`touch PWNED2`.yaml"), "");
        Files.writeString(cwd.resolve("*"), "");
        Files.writeString(cwd.resolve("pitr.yaml"), "");
        String call = "_complete_runner runner\nprintf '<%s>\\n' \"${COMPREPLY[@]}\"\n";

        // a drill file: top-level positional parameters
        List<String> offered = bash(script, cwd, "COMP_WORDS=(runner ''); COMP_CWORD=1; COMP_LINE='runner '; "
                + "COMP_POINT=7\n" + call);
        nothingRan(cwd);
        assertThat(offered).contains("<$(touch PWNED)>", "<`touch PWNED2`.yaml>", "<*>", "<pitr.yaml>", "<validate>");
        // an option that takes a file
        List<String> forOption = bash(script, cwd, "COMP_WORDS=(runner --report-dir ''); COMP_CWORD=2; "
                + "COMP_LINE='runner --report-dir '; COMP_POINT=20\n" + call);
        assertThat(forOption).containsExactlyInAnyOrder("<$(touch PWNED)>", "<`touch PWNED2`.yaml>", "<*>", "<pitr.yaml>");
        // a prefix narrows the files as before
        assertThat(bash(script, cwd, "COMP_WORDS=(runner '$('); COMP_CWORD=1; COMP_LINE='runner $('; COMP_POINT=9\n"
                + call)).containsExactly("<$(touch PWNED)>");

        nothingRan(cwd);
    }

    private static void nothingRan(Path cwd) throws Exception {
        try (var files = Files.list(cwd)) {
            assertThat(files.map(f -> f.getFileName().toString())).as("nothing ran").doesNotContain("PWNED", "PWNED2");
        }
    }
}
