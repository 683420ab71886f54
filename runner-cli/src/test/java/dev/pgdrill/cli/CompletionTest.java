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
}
