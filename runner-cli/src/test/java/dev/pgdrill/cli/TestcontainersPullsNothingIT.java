package dev.pgdrill.cli;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Event;
import dev.pgdrill.environment.container.DockerEngine;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.utility.TestcontainersConfiguration;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code /.dockerenv} present, Testcontainers believes it runs in a container; asked for the Docker host's
 * address it would start an {@code alpine} helper and pull it first, which on a host without a registry waits
 * for minutes (issue 24). The drill runs in a runner process of its own (Testcontainers reads
 * {@code /.dockerenv} once per JVM), must pass long before that wait would end, and nothing may be pulled:
 * the helper image is still absent afterwards and the engine reported no pull while the drill ran.
 */
class TestcontainersPullsNothingIT {
    private static final Path DOCKERENV = Path.of("/.dockerenv");
    private static final long DEADLINE_SECONDS = 100;

    @Test
    void aDrillOnAHostThatLooksLikeAContainerPullsNothing(@TempDir Path reports) throws Exception {
        Path jar = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().getPath()).getParent()
                .resolve("runner.jar");
        Assumptions.assumeTrue(Files.isRegularFile(jar), "the shaded runner.jar is built in the package phase; not found at "
                + jar + ": skipped");
        Assumptions.assumeTrue(DockerEngine.available(), "no Docker engine reachable: skipped");
        @SuppressWarnings("deprecation")
        String helper = TestcontainersConfiguration.getInstance().getTinyImage();
        try (DockerEngine engine = DockerEngine.connect()) {
            Assumptions.assumeTrue(engine.imageExists("postgres:15"), "postgres:15 not built here: skipped");
            Assumptions.assumeFalse(engine.imageExists(helper), "Testcontainers' helper image " + helper
                    + " is on this engine, so a pull of it could not be told apart: skipped");
            boolean created = false;
            if (!Files.exists(DOCKERENV)) {
                Assumptions.assumeTrue("root".equals(System.getProperty("user.name")),
                        "/.dockerenv is absent and only root may create it: skipped");
                Files.createFile(DOCKERENV);
                created = true;
            }
            List<String> pulls = Collections.synchronizedList(new ArrayList<>());
            ResultCallback.Adapter<Event> events = engine.client().eventsCmd().withEventFilter("pull")
                    .exec(new ResultCallback.Adapter<>() {
                        @Override
                        public void onNext(Event e) {
                            pulls.add(e.getId());
                        }
                    });
            try {
                ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-jar", jar.toString(), "--no-color", "--env", "testcontainers", "--report-dir", reports.toString(),
                        Path.of("..", "scenarios", "pitr.yaml").toString()).redirectErrorStream(true)
                        .redirectOutput(reports.resolve("out.txt").toFile());
                pb.environment().remove("TESTCONTAINERS_HOST_OVERRIDE");
                Process p = pb.start();
                boolean ended = p.waitFor(DEADLINE_SECONDS, TimeUnit.SECONDS);
                if (!ended) {
                    p.destroy();
                    if (!p.waitFor(20, TimeUnit.SECONDS)) {
                        p.destroyForcibly().waitFor();
                    }
                }
                String out = Files.readString(reports.resolve("out.txt"), StandardCharsets.UTF_8);
                assertThat(ended).as("the drill still ran after %ss (a pull that waits?):%n%s", DEADLINE_SECONDS, out).isTrue();
                assertThat(p.exitValue()).as(out).isZero();
                assertThat(out).contains("PASS  Bob Johnson is back");
                assertThat(engine.imageExists(helper)).as("Testcontainers pulled its helper image " + helper).isFalse();
                assertThat(pulls).as("images pulled while the drill ran").isEmpty();
            } finally {
                events.close();
                if (created) {
                    Files.deleteIfExists(DOCKERENV);
                }
            }
        }
    }
}
