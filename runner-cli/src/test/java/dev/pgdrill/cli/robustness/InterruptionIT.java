package dev.pgdrill.cli.robustness;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * SIGTERM and SIGINT (Ctrl-C) at several points of a drill, each in a child runner on local
 * PostgreSQL: during a sleep, during a wait that cannot finish, while a node is frozen, in the
 * middle of a restore. Every time the runner exits non-zero, the console and journal.json say
 * "interrupted", and no server, tool or work directory of the run survives.
 */
class InterruptionIT {
    private static final Duration READY = Duration.ofSeconds(120);
    private static final Duration EXIT = Duration.ofSeconds(90);

    @Test
    void sigtermAbortsTheDrillAndRemovesServersAndWorkDirectory(@TempDir Path dir) throws Exception {
        ChildRunner.assumePostgres();
        try (ChildRunner r = ChildRunner.startDrill(dir, "long.yaml",
                "steps:\n  - sleep: 50s\n    timeout: 60s\n  - sleep: 10ms\n")) {
            Path work = r.awaitWorkDir(READY);
            assertThat(work).exists();
            Thread.sleep(300); // let the sleep step start
            interruptAndCheck(r, "TERM", work);
            assertThat(r.console()).contains("interrupted by signal");
        }
    }

    @Test
    void sigintDuringAWaitThatCannotFinish(@TempDir Path dir) throws Exception {
        ChildRunner.assumePostgres();
        try (ChildRunner r = ChildRunner.startDrill(dir, "waiting.yaml", """
                name: rb-waiting
                steps:
                  - name: a condition that never holds
                    wait: { for: sql, on: primary, query: "SELECT false" }
                    timeout: 80s
                """)) {
            assumeSigintReaches(r);
            Path work = r.awaitWorkDir(READY);
            Thread.sleep(300); // the wait step starts right after "environment ready"; either way the run is interrupted
            interruptAndCheck(r, "INT", work);
        }
    }

    @Test
    void sigtermWhileTheReplicaIsFrozen(@TempDir Path dir) throws Exception {
        ChildRunner.assumePostgres();
        try (ChildRunner r = ChildRunner.startDrill(dir, "frozen.yaml", """
                name: rb-frozen
                steps:
                  - pause: replica
                  - name: hold it frozen
                    sleep: 60s
                    timeout: 80s
                """)) {
            Path work = r.awaitWorkDir(READY);
            r.awaitThat("the replica's postmaster to be stopped (frozen)", Duration.ofSeconds(20),
                    () -> "T".equals(state(postmaster(work.resolve("replica")))));
            interruptAndCheck(r, "TERM", work);
        }
    }

    @Test
    void sigintInTheMiddleOfARestore(@TempDir Path dir) throws Exception {
        ChildRunner.assumePostgres();
        try (ChildRunner r = ChildRunner.startDrill(dir, "restoring.yaml", """
                name: rb-restoring
                steps:
                  - backup: { from: primary, name: base }
                  - name: WAL to replay, so recovery takes a moment
                    sql: { on: primary, run: "CREATE TABLE filler AS SELECT g, md5(g::text) FROM generate_series(1, 150000) g" }
                  - restore: { node: primary, from: base }
                """)) {
            assumeSigintReaches(r);
            Path work = r.awaitWorkDir(READY);
            Path signal = work.resolve("primary").resolve("recovery.signal");
            r.awaitThat("the restore to put recovery.signal into the primary", Duration.ofSeconds(60),
                    () -> Files.exists(signal));
            interruptAndCheck(r, "INT", work);
        }
    }

    @Test
    void sigtermDuringSetUpIsReportedAsInterruptedNotAsAnEnvironmentFailure(@TempDir Path dir) throws Exception {
        ChildRunner.assumePostgres();
        try (ChildRunner r = setUpRunner(dir, "rb-setup-term")) {
            Path work = awaitSetUpStarted(r, "rb-setup-term");
            interruptAndCheck(r, "TERM", work);
            assertThat(r.console()).as("signalled during set-up").doesNotContain("environment ready")
                    .doesNotContain("environment could not be set up").doesNotContain("environment problem");
        }
    }

    @Test
    void sigintDuringSetUpIsReportedAsInterruptedNotAsAnEnvironmentFailure(@TempDir Path dir) throws Exception {
        ChildRunner.assumePostgres();
        try (ChildRunner r = setUpRunner(dir, "rb-setup-int")) {
            assumeSigintReaches(r);
            Path work = awaitSetUpStarted(r, "rb-setup-int");
            interruptAndCheck(r, "INT", work);
            assertThat(r.console()).as("signalled during set-up").doesNotContain("environment ready")
                    .doesNotContain("environment could not be set up").doesNotContain("environment problem");
        }
    }

    /**
     * A runner whose set-up is still going on for a second or more after its primary's server starts: without
     * the template cache (the seed, a base backup and the replica follow); a set-up from the cache can end
     * 0.3s after the primary starts, too soon to signal it reliably.
     */
    private static ChildRunner setUpRunner(Path dir, String name) throws IOException {
        Path drill = Files.writeString(dir.resolve(name + ".yaml"), "name: " + name + "\nsteps:\n  - sleep: 10ms\n");
        return ChildRunner.start(dir, "--no-cache", drill.toString());
    }

    /** The work directory of run {@code name}, once its primary's server runs (set-up goes on for a second then). */
    private static Path awaitSetUpStarted(ChildRunner r, String name) throws Exception {
        Path[] work = new Path[1];
        r.awaitThat("the primary of the set-up to run", READY, () -> {
            try {
                List<Path> dirs = Leftovers.workDirsOf(name);
                work[0] = dirs.isEmpty() ? null : dirs.get(0);
                return work[0] != null && postmaster(work[0].resolve("primary")) > 0;
            } catch (IOException e) {
                return false;
            }
        });
        return work[0];
    }

    private static void interruptAndCheck(ChildRunner r, String signal, Path work) throws Exception {
        r.signal(signal);
        int exit = r.awaitExit(EXIT);
        String console = r.console();
        int expected = signal.equals("INT") ? 130 : 143;
        assertThat(exit).as("exit status after SIG" + signal + "\n" + console).isEqualTo(expected);
        assertThat(console).as("the printed exit code is the exit status").contains("Exit code: " + expected + " (")
                .contains("interrupted by SIG" + signal);
        assertThat(r.journal()).as("journal.json").contains("ABORTED").contains("interrupted by signal");
        ChildRunner.assertNothingLeft(work, console);
    }

    private static long postmaster(Path dataDir) {
        try {
            return ChildRunner.postmasterPid(dataDir);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** The state letter of a process (R, S, T...), or "" when it does not exist. */
    static String state(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return stat.substring(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    /** Skips the calling test, saying why, when SIGINT cannot reach the runner (it inherited "ignore SIGINT"). */
    private static void assumeSigintReaches(ChildRunner r) throws IOException {
        assumeFalse(ignoresSigint(r.process.pid()), "SIGINT is ignored in this process tree (started in the "
                + "background without job control): skipping the SIGINT case");
    }

    private static boolean ignoresSigint(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("SigIgn:")) {
                return (Long.parseLong(line.substring(7).trim(), 16) & 0x2) != 0;
            }
        }
        return false;
    }
}
