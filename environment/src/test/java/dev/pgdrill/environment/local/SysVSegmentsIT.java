package dev.pgdrill.environment.local;

import dev.pgdrill.engine.env.Environment;
import dev.pgdrill.engine.env.Node;
import dev.pgdrill.environment.EnvironmentOptions;
import dev.pgdrill.environment.Environments;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A server a drill kills cannot remove its System V segment; the run's clean-up does, so loops of kill
 * drills do not run into the kernel's limit of segments. Also the parsing of /proc/sysvipc/shm.
 */
class SysVSegmentsIT {
    private static final Path TABLE = Path.of("/proc/sysvipc/shm");

    @TempDir
    Path dir;

    @Test
    void theSegmentOfAKilledPrimaryIsGoneAfterCleanUp() throws Exception {
        Sql.assumePostgresInstalled();
        long pid;
        try (Environment env = Environments.factory("local", EnvironmentOptions.defaults()).create("sysv-it")) {
            env.setUp(Duration.ofSeconds(60));
            Node primary = env.node("primary").orElseThrow();
            Path pidFile = Path.of(env.location()).resolve("primary").resolve("postmaster.pid");
            pid = Long.parseLong(Files.readAllLines(pidFile).get(0).strip());
            primary.kill();
            assertThat(SysVSegments.orphansOf(Set.of(pid), TABLE)).as("the killed postmaster left its segment")
                    .hasSize(1);
        }
        assertThat(SysVSegments.orphansOf(Set.of(pid), TABLE)).as("after clean-up").isEmpty();
    }

    @Test
    void onlyUnattachedSegmentsOfTheGivenPostmastersAreOrphans() throws Exception {
        Path table = Files.writeString(dir.resolve("shm"), String.join("\n",
                "       key      shmid perms                  size  cpid  lpid nattch   uid   gid  cuid  cgid",
                "   2162767    6193152   600                    56  4242  4242      0   104   109   104   109",
                "   2162768    6193153   600                    56  4243  4243      1   104   109   104   109",
                "   2162769    6193154   600                    56  5555  5555      0   104   109   104   109",
                ""));
        assertThat(SysVSegments.orphansOf(List.of(4242L, 4243L), table)).containsExactly("6193152");
        assertThat(SysVSegments.orphansOf(List.of(), table)).isEmpty();
        assertThat(SysVSegments.orphansOf(List.of(4242L), dir.resolve("missing"))).isEmpty();
    }
}
