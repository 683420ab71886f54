package dev.pgdrill.cli.robustness;

import dev.pgdrill.environment.EnvironmentOptions;
import dev.pgdrill.environment.Environments;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code kill -9} of the runner in the middle of a drill: the reaper removes what the run started,
 * on both backends, within a few seconds, although the runner had no chance to clean up.
 */
class RunnerKilledIT {
    private static final Duration READY = Duration.ofSeconds(180);
    private static final Duration REAPED = Duration.ofSeconds(15);
    private static final String DRILL = "name: %s\nsteps:\n  - sleep: 60s\n    timeout: 90s\n";

    @Test
    void sigkillOfTheRunnerLeavesNoServerAndNoWorkDirectory(@TempDir Path dir) throws Exception {
        ChildRunner.assumePostgres();
        try (ChildRunner r = ChildRunner.startDrill(dir, "killed.yaml", DRILL.formatted("rk-local"))) {
            Path work = r.awaitWorkDir(READY);
            assertThat(Leftovers.processesMentioning(work.toString())).as("servers of the run").isNotEmpty();
            List<Long> postmasters = List.of(ChildRunner.postmasterPid(work.resolve("primary")),
                    ChildRunner.postmasterPid(work.resolve("replica")));
            assertThat(Leftovers.sysvSegmentsCreatedBy(postmasters)).as("the servers' segments").hasSize(2);
            killNine(r);
            awaitGone(r, () -> !work.toFile().exists() && Leftovers.processesMentioning(work.toString()).isEmpty());
            ChildRunner.assertNothingLeft(work, r.console());
            assertThat(Leftovers.sysvSegmentsCreatedBy(postmasters)).as("segments of the SIGKILLed servers").isEmpty();
        }
    }

    /**
     * A process the drill detached from the run (its own session, a command line that names nothing of the
     * run) is in the run's cgroup, which the reaper kills: root only, where a cgroup2 hierarchy is mounted.
     */
    @Test
    void sigkillOfTheRunnerAlsoEndsWhatTheDrillDetached(@TempDir Path dir) throws Exception {
        ChildRunner.assumePostgres();
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "not root: the run has no cgroup, "
                + "its processes are found by their command line only");
        Assumptions.assumeTrue(java.nio.file.Files.readString(Path.of("/proc/self/mountinfo")).contains(" - cgroup2 "),
                "no cgroup2 hierarchy mounted here");
        String marker = "4" + (System.nanoTime() % 100000);
        String drill = "name: rk-detached\nsteps:\n  - exec: { on: primary, command: [sh, -c, \"cd / && setsid sh -c "
                + "'exec sleep " + marker + "' </dev/null >/dev/null 2>&1 &\"] }\n  - sleep: 60s\n    timeout: 90s\n";
        try (ChildRunner r = ChildRunner.startDrill(dir, "killed.yaml", drill)) {
            Path work = r.awaitWorkDir(READY);
            r.awaitThat("the detached process", READY, () -> !detached(marker).isEmpty());
            killNine(r);
            awaitGone(r, () -> !work.toFile().exists() && detached(marker).isEmpty());
            assertThat(detached(marker)).as("the detached process").isEmpty();
            ChildRunner.assertNothingLeft(work, r.console());
        }
    }

    @Test
    void sigkillOfTheRunnerLeavesNoContainerNetworkOrVolume(@TempDir Path dir) throws Exception {
        try {
            Environments.factory("compose", EnvironmentOptions.defaults());
        } catch (RuntimeException e) {
            Assumptions.abort("compose backend unusable here: " + e.getMessage());
        }
        try (ChildRunner r = ChildRunner.start(dir, "--env", "compose",
                java.nio.file.Files.writeString(dir.resolve("killed.yaml"), DRILL.formatted("rk-compose")).toString())) {
            Pattern ready = Pattern.compile("environment ready: Compose project (\\S+) \\(files in (\\S+)\\)");
            r.awaitThat("the Compose environment to be ready", READY, () -> ready.matcher(r.console()).find());
            Matcher m = ready.matcher(r.console());
            assertThat(m.find()).isTrue();
            String project = m.group(1);
            Path files = Path.of(m.group(2));
            assertThat(projectObjects(project)).as("containers of the run").isNotEmpty();
            killNine(r);
            awaitGone(r, () -> projectObjects(project).isEmpty() && !files.toFile().exists());
            assertThat(projectObjects(project)).as("containers, networks, volumes of " + project).isEmpty();
            assertThat(files).doesNotExist();
        }
    }

    @Test
    void sigkillOfTheRunnerLeavesNothingOfATestcontainersRun(@TempDir Path dir) throws Exception {
        try {
            Environments.factory("testcontainers", EnvironmentOptions.defaults());
        } catch (RuntimeException e) {
            Assumptions.abort("testcontainers backend unusable here: " + e.getMessage());
        }
        try (ChildRunner r = ChildRunner.start(dir, "--env", "testcontainers",
                java.nio.file.Files.writeString(dir.resolve("killed.yaml"), DRILL.formatted("rk-tc")).toString())) {
            Pattern ready = Pattern.compile("environment ready: Testcontainers run (\\S+) ");
            r.awaitThat("the Testcontainers environment to be ready", READY, () -> ready.matcher(r.console()).find());
            Matcher m = ready.matcher(r.console());
            assertThat(m.find()).isTrue();
            String project = m.group(1);
            assertThat(projectObjects(project)).as("containers of the run").isNotEmpty();
            killNine(r);
            awaitGone(r, () -> projectObjects(project).isEmpty());
            assertThat(projectObjects(project)).as("containers, networks, volumes of " + project).isEmpty();
        }
    }

    private static List<String> detached(String marker) {
        try {
            return Leftovers.processesMentioning("sleep " + marker);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void killNine(ChildRunner r) throws InterruptedException {
        r.process.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no clean-up by the runner
        assertThat(r.process.waitFor(10, TimeUnit.SECONDS)).as("runner killed").isTrue();
        assertThat(r.process.exitValue()).as("killed by SIGKILL").isEqualTo(128 + 9);
    }

    private interface Check {
        boolean holds() throws Exception;
    }

    private static void awaitGone(ChildRunner r, Check gone) throws Exception {
        Instant until = Instant.now().plus(REAPED);
        while (!gone.holds() && Instant.now().isBefore(until)) {
            Thread.sleep(100);
        }
    }

    /** Every container, network and volume labelled with the Compose project. */
    private static List<String> projectObjects(String project) {
        String filter = "label=com.docker.compose.project=" + project;
        return List.of(docker("ps", "-aq", "--filter", filter), docker("network", "ls", "-q", "--filter", filter),
                docker("volume", "ls", "-q", "--filter", filter)).stream()
                .flatMap(s -> s.lines()).filter(l -> !l.isBlank()).toList();
    }

    private static String docker(String... args) {
        try {
            List<String> cmd = new java.util.ArrayList<>(List.of("docker"));
            cmd.addAll(List.of(args));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("docker " + String.join(" ", args)).isTrue();
            assertThat(p.exitValue()).as("docker " + String.join(" ", args) + ": " + out).isZero();
            return out;
        } catch (IOException | InterruptedException e) {
            throw new AssertionError("docker " + String.join(" ", args) + ": " + e, e);
        }
    }
}
