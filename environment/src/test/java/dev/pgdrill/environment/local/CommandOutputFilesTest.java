package dev.pgdrill.environment.local;

import dev.pgdrill.engine.env.ExecResult;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A command's output files have no name while it runs: a runner killed with -9 in the middle leaves nothing in
 * the temporary directory, and the output still comes back whole.
 */
class CommandOutputFilesTest {

    @Test
    void theOutputFilesAreUnlinkedWhileTheCommandRunsAndTheOutputComesBackWhole() {
        // the shell asks the kernel where its own stdout goes, until the name is gone (or 10 s passed)
        String script = "for i in $(seq 200); do l=$(readlink /proc/$$/fd/1); case \"$l\" in *' (deleted)') break;; "
                + "esac; sleep 0.05; done; echo \"$l\"; echo to-stderr >&2; head -c 100000 /dev/zero | tr '\\0' x";
        ExecResult r = ServerUser.runRaw(List.of("bash", "-c", script), Map.of(), null, Duration.ofSeconds(30));
        assertThat(r.exitCode()).isZero();
        String first = r.stdout().lines().findFirst().orElseThrow();
        assertThat(first).contains("pgdrill-cmd").endsWith(".out (deleted)");
        assertThat(r.stdout()).endsWith("x".repeat(100)).hasSize(first.length() + 1 + 100_000);
        assertThat(r.stderr()).isEqualTo("to-stderr\n");
    }
}
