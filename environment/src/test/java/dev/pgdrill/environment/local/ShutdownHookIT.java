package dev.pgdrill.environment.local;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A runner terminated with SIGTERM leaves no postgres process and no work directory of its run behind. */
class ShutdownHookIT {

    @Test
    void sigtermToTheRunnerStopsEveryServerOfTheRun() throws Exception {
        Sql.assumePostgresInstalled();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                HoldEnvironmentMain.class.getName()).redirectErrorStream(true).start();
        Path location = null;
        StringBuilder output = new StringBuilder();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                output.append(line).append('\n');
                if (line.startsWith("LOCATION ")) {
                    location = Path.of(line.substring("LOCATION ".length()));
                }
                if (line.startsWith("READY ")) {
                    break;
                }
            }
            assertThat(line).as("child output:\n" + output).isNotNull();
            assertThat(ProcTable.withCommandLineContaining(location.toString())).hasSizeGreaterThanOrEqualTo(2);

            child.destroy(); // SIGTERM
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("child exits after SIGTERM").isTrue();
        } finally {
            child.destroyForcibly();
            if (location != null) {
                // never leave servers behind even when the assertions below fail
                ProcTable.signal("KILL", ProcTable.withCommandLineContaining(location.toString()));
            }
        }
        assertThat(ProcTable.withCommandLineContaining(location.toString())).as("processes of " + location).isEmpty();
        assertThat(location).doesNotExist();
    }
}
