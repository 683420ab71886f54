package dev.pgdrill.environment.local;

import dev.pgdrill.engine.env.EnvironmentException;
import dev.pgdrill.engine.env.ExecResult;
import dev.pgdrill.environment.common.ChildEnvironment;
import dev.pgdrill.environment.common.ChildProcesses;
import dev.pgdrill.environment.common.ToolClock;

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
import java.util.concurrent.TimeUnit;

/**
 * Runs commands as the OS user that owns the servers: the current user, or (when the runner is
 * root, which PostgreSQL refuses) the configured unprivileged user through {@code setpriv} or
 * {@code runuser}. Output goes to files rather than pipes, so a command that leaves a background
 * process behind (pg_ctl starting a postmaster) never blocks the reader.
 */
final class ServerUser {
    private final String name;
    private final boolean switchUser;
    private final List<String> prefix;

    private ServerUser(String name, boolean switchUser, List<String> prefix) {
        this.name = name;
        this.switchUser = switchUser;
        this.prefix = prefix;
    }

    /** The user that runs servers: {@code osUser} when the JVM runs as root, else the current user. */
    static ServerUser forCurrentProcess(String osUser) {
        if (!isRoot()) {
            return new ServerUser(System.getProperty("user.name"), false, List.of());
        }
        String user = osUser == null || osUser.isBlank() ? "postgres" : osUser;
        if (onPath("setpriv")) {
            return new ServerUser(user, true, List.of("setpriv", "--reuid=" + user, "--regid=" + primaryGroup(user),
                    "--init-groups", "--"));
        }
        if (onPath("runuser")) {
            return new ServerUser(user, true, List.of("runuser", "-u", user, "--"));
        }
        throw new EnvironmentException("the runner runs as root, which PostgreSQL refuses, and neither setpriv nor "
                + "runuser is available to start servers as '" + user + "': install util-linux or run as a normal user");
    }

    String name() {
        return name;
    }

    boolean switchesUser() {
        return switchUser;
    }

    /**
     * Makes {@code path} (recursively) owned by this user, when the runner is root. Links are
     * changed themselves, never followed ({@code -P -h}): a planted link cannot give its target away.
     */
    void own(Path path) {
        if (!switchUser) {
            return;
        }
        ExecResult r = runRaw(List.of("chown", "-R", "-P", "-h", name + ":", path.toString()), Map.of(), null,
                Duration.ofSeconds(60));
        if (!r.succeeded()) {
            throw new EnvironmentException("could not give " + path + " to user '" + name + "': " + r.stderr().trim());
        }
    }

    /**
     * Runs {@code command} as this user in {@code workDir}, with {@code env} added to an environment
     * built on purpose ({@link ChildEnvironment}: none of the caller's {@code PG*} variables). At the timeout the command and its descendants are killed and exit code 124
     * is returned with a note in stderr.
     */
    ExecResult run(List<String> command, Map<String, String> env, Path workDir, Duration timeout) {
        List<String> full = new ArrayList<>(prefix);
        full.addAll(command);
        return runRaw(full, env, workDir, timeout);
    }

    /** As {@link #run}, but a non-zero exit becomes an {@link EnvironmentException} naming {@code what}. */
    ExecResult runChecked(String what, List<String> command, Map<String, String> env, Path workDir, Duration timeout) {
        ExecResult r = run(command, env, workDir, timeout);
        if (!r.succeeded()) {
            throw new EnvironmentException(what + " failed (`" + String.join(" ", command) + "` exited with "
                    + r.exitCode() + "): " + tail(r.stderr().isBlank() ? r.stdout() : r.stderr(), 15));
        }
        return r;
    }

    static ExecResult runRaw(List<String> command, Map<String, String> env, Path workDir, Duration timeout) {
        Path out = null;
        Path err = null;
        try {
            out = Files.createTempFile("pgdrill-cmd", ".out");
            err = Files.createTempFile("pgdrill-cmd", ".err");
            ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            if (workDir != null) {
                pb.directory(workDir.toFile());
            }
            ChildEnvironment.apply(pb, ChildEnvironment.forTools(System.getenv(), workDir), env);
            long started = System.nanoTime();
            Process p = pb.start();
            boolean done;
            try {
                done = p.waitFor(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS);
                if (!done) {
                    ChildProcesses.kill(p, Duration.ofSeconds(5));
                }
            } catch (InterruptedException e) {
                // a stopped set-up or step leaves no tool writing into the run's directories
                ChildProcesses.kill(p, Duration.ofSeconds(5));
                throw e;
            } finally {
                ToolClock.add(System.nanoTime() - started);
            }
            // lossy: a command's output need not be UTF-8, and what it printed never decides its outcome
            String stdout = new String(Files.readAllBytes(out), StandardCharsets.UTF_8);
            String stderr = new String(Files.readAllBytes(err), StandardCharsets.UTF_8);
            if (!done) {
                return new ExecResult(124, stdout, stderr + "\n[pgdrill] killed after timeout of " + timeout);
            }
            return new ExecResult(p.exitValue(), stdout, stderr);
        } catch (IOException e) {
            throw new EnvironmentException("could not run `" + String.join(" ", command) + "`: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EnvironmentException("interrupted while running `" + String.join(" ", command) + "`", e);
        } finally {
            deleteQuietly(out);
            deleteQuietly(err);
        }
    }

    static String tail(String text, int lines) {
        String[] all = text.strip().split("\n");
        int from = Math.max(0, all.length - lines);
        return String.join("\n", Arrays.asList(all).subList(from, all.length));
    }

    private static void deleteQuietly(Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // a temp file left behind is harmless
            }
        }
    }

    static boolean isRoot() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    return line.split("\\s+")[1].equals("0");
                }
            }
        } catch (IOException e) {
            // not Linux: fall back to the name
        }
        return "root".equals(System.getProperty("user.name"));
    }

    private static boolean onPath(String program) {
        String path = System.getenv().getOrDefault("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");
        for (String dir : (path + ":/usr/sbin:/usr/bin:/sbin:/bin").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    private static String primaryGroup(String user) {
        try {
            for (String line : Files.readAllLines(Path.of("/etc/passwd"))) {
                String[] f = line.split(":");
                if (f.length > 3 && f[0].equals(user)) {
                    return f[3];
                }
            }
        } catch (IOException e) {
            // fall through
        }
        throw new EnvironmentException("the runner runs as root and PostgreSQL must run as an unprivileged user, but "
                + "user '" + user + "' does not exist: create it (e.g. `useradd --system postgres`, or install the "
                + "postgresql package which creates it) or choose another with the OS user option");
    }
}
