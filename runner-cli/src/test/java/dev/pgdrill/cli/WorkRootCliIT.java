package dev.pgdrill.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pgdrill.engine.api.ExitCode;
import dev.pgdrill.environment.Environments;
import dev.pgdrill.environment.common.WorkRoots;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Where the local backend puts a drill's work directory: memory by default when there is room, the root
 * named by {@code --work-root} or {@code PGDRILL_WORK_ROOT} otherwise; the journal says which, and the
 * directory is gone after the run.
 */
class WorkRootCliIT {
    @TempDir
    Path dir;

    private JsonNode drill(Function<String, String> env, Path reports, String... options) throws IOException {
        Path drill = Files.writeString(dir.resolve("wr.yaml"), String.join("\n",
                "name: work-root-drill",
                "steps:",
                "  - verify: { on: replica, query: SELECT 1, equals: 1 }",
                ""));
        String[] args = new String[options.length + 4];
        args[0] = "--no-color";
        args[1] = "--report-dir";
        args[2] = reports.toString();
        System.arraycopy(options, 0, args, 3, options.length);
        args[args.length - 1] = drill.toString();
        CliRun r = CliRun.run(Environments::factory, env, args);
        assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCode.OK.code());
        return new ObjectMapper().readTree(reports.resolve("journal.json").toFile());
    }

    @Test
    void byDefaultTheDrillRunsInMemoryWhenThereIsRoom() throws IOException {
        assumeTrue(WorkRoots.automatic().equals(WorkRoots.MEMORY), "skipped: " + WorkRoots.MEMORY
                + " is not a memory file system with " + (WorkRoots.MEMORY_MIN_FREE >> 30) + " GiB free here");
        JsonNode journal = drill(name -> null, dir.resolve("r1"));
        assertThat(journal.path("facts").path("work-root").asText()).isEqualTo(WorkRoots.MEMORY + " (memory)");
        Path location = Path.of(journal.path("drills").path(0).path("location").asText());
        assertThat(location.getParent()).isEqualTo(WorkRoots.MEMORY);
        assertThat(location).as("the work directory is removed").doesNotExist();
    }

    @Test
    void theOptionAndTheVariableChooseTheRoot() throws IOException {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));   // the server user's path
        Path byOption = Files.createDirectory(dir.resolve("by-option"));
        JsonNode journal = drill(name -> null, dir.resolve("r1"), "--work-root", byOption.toString());
        assertThat(journal.path("facts").path("work-root").asText()).isEqualTo(WorkRoots.describe(byOption));
        assertThat(Path.of(journal.path("drills").path(0).path("location").asText()).getParent()).isEqualTo(byOption);

        Path byVariable = Files.createDirectory(dir.resolve("by-variable"));
        journal = drill(Map.of(WorkRoots.VARIABLE, byVariable.toString())::get, dir.resolve("r2"));
        assertThat(Path.of(journal.path("drills").path(0).path("location").asText()).getParent()).isEqualTo(byVariable);
        try (var left = Files.list(byOption)) {
            assertThat(left.toList()).as("nothing left in the chosen root").isEmpty();
        }
    }

    @Test
    void aMissingRootIsRefusedBeforeAnythingRuns() throws IOException {
        Path missing = dir.resolve("no-such-root");
        Path drill = Files.writeString(dir.resolve("d.yaml"), "name: wr-missing\nsteps:\n  - sleep: 10ms\n");
        CliRun r = CliRun.run(Environments::factory, name -> null, "--no-color", "--work-root", missing.toString(),
                drill.toString());
        assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCode.INVALID.code());
        assertThat(r.out() + r.err()).contains("the work root " + missing + " does not exist").contains("--work-root");
        r.noStackTrace();
        assertThat(missing).doesNotExist();
    }
}
