package dev.pgdrill.cli.robustness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A server killed from outside (kill -9 of the primary's postmaster) while a step polls it: that
 * step fails with context (the node, what was awaited, the server log tail), the finally steps
 * still run, and clean-up leaves nothing behind.
 */
class ServerKilledIT {
    @Test
    void killedPrimaryFailsThePollingStepWithContextAndCleanUpStillRuns(@TempDir Path dir) throws Exception {
        ChildRunner.assumePostgres();
        try (ChildRunner r = ChildRunner.startDrill(dir, "killed.yaml", """
                name: rb-killed
                steps:
                  - name: wait for a row that only a live primary could give
                    wait: { for: sql, on: primary, query: "SELECT count(*) > 2 FROM customers" }
                    timeout: 4s
                finally:
                  - name: the replica still answers
                    verify: { on: replica, query: "SELECT count(*) FROM customers", equals: 2 }
                """)) {
            Path work = r.awaitWorkDir(Duration.ofSeconds(120));
            long pid = ChildRunner.postmasterPid(work.resolve("primary"));
            ProcessHandle postmaster = ProcessHandle.of(pid).orElseThrow();
            assertThat(postmaster.destroyForcibly()).as("kill -9 " + pid).isTrue();
            int exit = r.awaitExit(Duration.ofSeconds(90));
            String console = r.console();
            assertThat(exit).as(console).isEqualTo(1);
            assertThat(console).contains("FAIL").contains("on 'primary'").contains("timed out after")
                    .contains("server log tail:");
            JsonNode d = new ObjectMapper().readTree(r.journal()).path("drills").get(0);
            JsonNode step = d.path("steps").get(0);
            assertThat(step.path("status").asText()).isEqualTo("FAILED");
            assertThat(step.path("message").asText()).contains("count(*) > 2").contains("primary");
            assertThat(step.path("logTail")).as("server log tail in the journal").isNotEmpty();
            assertThat(d.path("finallySteps").get(0).path("status").asText()).as("finally step").isEqualTo("PASSED");
            ChildRunner.assertNothingLeft(work, console);
        }
    }
}
