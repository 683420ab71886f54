package dev.pgdrill.environment.compose;

import dev.pgdrill.engine.env.EnvironmentException;
import dev.pgdrill.engine.env.ExecResult;
import dev.pgdrill.environment.common.ChildEnvironment;
import dev.pgdrill.environment.common.ChildProcesses;
import dev.pgdrill.environment.common.ToolClock;
import dev.pgdrill.environment.container.DockerEngine;
import dev.pgdrill.environment.container.ProjectContainers;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The Compose command line for one project: {@code docker compose} (v2 plugin) when present,
 * else {@code docker-compose} (v1); {@code PGDRILL_COMPOSE} overrides the choice. Every call has
 * a deadline; a command past it is killed with its children. Its environment is built on purpose
 * ({@link ChildEnvironment#forDocker}): the caller's {@code PG*} and {@code COMPOSE_*} variables do not reach it.
 */
final class ComposeCli {
    private static volatile List<String> detected;
    /** Compose processes still running, so a teardown can end them before it removes the project. */
    private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

    private final List<String> command;
    private final Path projectDir;
    private final String project;
    private final Map<String, String> env;

    ComposeCli(Path projectDir, String project, Map<String, String> env) {
        this.command = detect();
        this.projectDir = projectDir;
        this.project = project;
        this.env = Map.copyOf(env);
    }

    /** The Compose command, e.g. {@code [docker, compose]}; fails naming what to install when none works. */
    static List<String> detect() {
        List<String> known = detected;
        if (known != null) {
            return known;
        }
        List<List<String>> candidates = new ArrayList<>();
        String override = System.getenv("PGDRILL_COMPOSE");
        if (override != null && !override.isBlank()) {
            candidates.add(Arrays.asList(override.trim().split("\\s+")));
        } else {
            if (Files.isExecutable(Path.of("/usr/bin/docker"))) {
                candidates.add(List.of("/usr/bin/docker", "compose"));
            }
            candidates.add(List.of("docker", "compose"));
            candidates.add(List.of("docker-compose"));
        }
        for (List<String> candidate : candidates) {
            List<String> probe = new ArrayList<>(candidate);
            probe.add("version");
            if (run(probe, Map.of(), null, Duration.ofSeconds(20)).succeeded()) {
                detected = List.copyOf(candidate);
                return detected;
            }
        }
        throw new EnvironmentException("neither `docker compose` nor `docker-compose` works here: install Debian's "
                + "docker-compose (apt-get install docker-compose) or the Compose plugin, or set PGDRILL_COMPOSE");
    }

    String describe() {
        return String.join(" ", command) + " -p " + project;
    }

    /** Runs {@code compose -p <project> -f docker-compose.yml <args>} in the project directory. */
    ExecResult run(Duration timeout, String... args) {
        List<String> full = new ArrayList<>(command);
        full.addAll(List.of("-p", project, "-f", projectDir.resolve("docker-compose.yml").toString()));
        full.addAll(List.of(args));
        return run(full, env, projectDir, timeout);
    }

    /** Like {@link #run} but fails with the command's output when it does not succeed. */
    ExecResult runChecked(String what, Duration timeout, String... args) {
        ExecResult r = run(timeout, args);
        if (!r.succeeded()) {
            throw new EnvironmentException(what + " failed (`" + describe() + " " + String.join(" ", args)
                    + "` exited " + r.exitCode() + "):\n" + ProjectContainers.tail(r.stdout() + r.stderr(), 40));
        }
        return r;
    }

    static ExecResult run(List<String> command, Map<String, String> env, Path dir, Duration timeout) {
        return ToolClock.timed(() -> runUntimed(command, env, dir, timeout));
    }

    private static ExecResult runUntimed(List<String> command, Map<String, String> env, Path dir, Duration timeout) {
        Path out = null;
        try {
            out = Files.createTempFile("pgdrill-compose", ".log");
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(out.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            if (dir != null) {
                pb.directory(dir.toFile());
            }
            ChildEnvironment.apply(pb, ChildEnvironment.forDocker(System.getenv()), env);
            Process p = pb.start();
            RUNNING.add(p);
            try {
                if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    ChildProcesses.kill(p, Duration.ofSeconds(10));
                    return new ExecResult(DockerEngine.TIMED_OUT, read(out), "timed out after " + timeout.toSeconds() + "s");
                }
                return new ExecResult(p.exitValue(), read(out), "");
            } finally {
                RUNNING.remove(p);
            }
        } catch (IOException e) {
            return new ExecResult(127, "", "could not run " + command.get(0) + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new ExecResult(130, "", "interrupted");
        } finally {
            if (out != null) {
                try {
                    Files.deleteIfExists(out);
                } catch (IOException ignored) {
                    // a temp file
                }
            }
        }
    }

    /** Ends every Compose process of this project still running (e.g. an {@code up} cut short by Ctrl-C). */
    void endRunning() {
        String marker = "-p " + project + " ";
        for (Process p : RUNNING) {
            String cmd = p.info().arguments().map(a -> String.join(" ", a) + " ").orElse("");
            if (cmd.contains(marker)) {
                ChildProcesses.kill(p, Duration.ofSeconds(10));
            }
        }
    }

    /** Lossy: bytes that are not UTF-8 become U+FFFD instead of failing the command. */
    private static String read(Path file) throws IOException {
        return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    }
}
