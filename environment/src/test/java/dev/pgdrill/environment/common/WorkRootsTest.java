package dev.pgdrill.environment.common;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Which work root a run gets: the chosen one, else memory with room, else the temporary directory. */
class WorkRootsTest {
    @TempDir
    Path dir;

    @Test
    void theVariableWinsOverTheTemporaryDirectory() {
        assertThat(WorkRoots.chosen(Map.of(WorkRoots.VARIABLE, "/srv/drills")::get, "/var/tmp"))
                .isEqualTo(Path.of("/srv/drills"));
    }

    @Test
    void aTemporaryDirectorySetOnTheCommandLineIsAChoiceTheJvmDefaultIsNot() {
        assertThat(WorkRoots.chosen(name -> null, "/var/tmp")).isEqualTo(Path.of("/var/tmp"));
        assertThat(WorkRoots.chosen(name -> null, "/tmp")).isNull();
        assertThat(WorkRoots.chosen(name -> null, "/tmp/")).isNull();
        assertThat(WorkRoots.chosen(Map.of(WorkRoots.VARIABLE, " ")::get, "/tmp")).as("a blank variable").isNull();
    }

    @Test
    void memoryWithRoomIsUsedAndDescribedAsMemory() {
        assumeTrue(WorkRoots.isMemory(WorkRoots.MEMORY), "skipped: " + WorkRoots.MEMORY + " is not a memory file "
                + "system on this machine");
        assertThat(WorkRoots.automatic(WorkRoots.MEMORY, 1, dir)).isEqualTo(WorkRoots.MEMORY);
        assertThat(WorkRoots.describe(WorkRoots.MEMORY)).isEqualTo(WorkRoots.MEMORY + " (memory)");
    }

    @Test
    void memoryWithoutRoomFallsBack() {
        assumeTrue(WorkRoots.isMemory(WorkRoots.MEMORY), "skipped: " + WorkRoots.MEMORY + " is not a memory file "
                + "system on this machine");
        assertThat(WorkRoots.automatic(WorkRoots.MEMORY, Long.MAX_VALUE, dir)).isEqualTo(dir);
    }

    @Test
    void aDiskDirectoryOrAMissingOneIsNotMemory() {
        assumeTrue(!WorkRoots.isMemory(dir), "skipped: the test's temporary directory " + dir + " is itself in memory");
        assertThat(WorkRoots.automatic(dir, 1, Path.of("/fallback"))).isEqualTo(Path.of("/fallback"));
        assertThat(WorkRoots.automatic(dir.resolve("missing"), 1, Path.of("/fallback"))).isEqualTo(Path.of("/fallback"));
        assertThat(WorkRoots.describe(dir)).isEqualTo(dir.toString());
    }
}
