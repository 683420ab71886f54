package dev.pgdrill.engine.report;

import dev.pgdrill.engine.api.ExitCode;
import dev.pgdrill.engine.model.Location;
import dev.pgdrill.engine.model.Measurement;
import dev.pgdrill.engine.model.Sample;
import dev.pgdrill.engine.model.StepSpec;
import dev.pgdrill.engine.run.DrillListener;
import dev.pgdrill.engine.run.DrillResult;
import dev.pgdrill.engine.run.RunResult;
import dev.pgdrill.engine.run.StepResult;
import dev.pgdrill.engine.run.StepStatus;
import dev.pgdrill.engine.scenario.Scenario;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A realistic run built in code: a passing lag drill (samples, evidence, a pause window), a failing
 * PITR (message, log tail, skipped step, finally step, a password and HTML in its text), an
 * interrupted failover (RPO/RTO, kill + partition windows) and a drill whose environment failed.
 */
final class ReportFixtures {
    static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");
    static final String SECRET = "hunter2";
    static final String INJECTION = "<script>alert('x')</script><img src=x onerror=alert(1)>";

    private ReportFixtures() {
    }

    /** Builds steps one after another on a clock. */
    private static final class Drill {
        final String name;
        final Path file;
        final List<StepResult> steps = new ArrayList<>();
        final List<StepResult> fin = new ArrayList<>();
        final List<StepSpec> specs = new ArrayList<>();
        final List<StepSpec> finSpecs = new ArrayList<>();
        final Instant start;
        Instant clock;
        int line = 5;

        Drill(String name, Instant start, long setUpMs) {
            this.name = name;
            this.file = Path.of("scenarios/" + name + ".yaml");
            this.start = start;
            this.clock = start.plusMillis(setUpMs);
        }

        StepSpec spec(boolean finallyBlock, String id, String label, String type, Map<String, Object> params) {
            List<StepSpec> list = finallyBlock ? finSpecs : specs;
            StepSpec s = new StepSpec(list.size(), finallyBlock ? "finally" : "steps", id, label, type, params, null,
                    new Location(file, line, 5), Map.of());
            line += 3;
            list.add(s);
            return s;
        }

        Step step(String id, String label, String type, Map<String, Object> params) {
            return new Step(this, spec(false, id, label, type, params), false);
        }

        Step fin(String label, String type, Map<String, Object> params) {
            return new Step(this, spec(true, null, label, type, params), true);
        }

        void skip(String label, String type, Map<String, Object> params, String why) {
            StepSpec s = spec(false, null, label, type, params);
            steps.add(new StepResult(s, params, StepStatus.SKIPPED, clock, Duration.ZERO, Map.of(), List.of(),
                    List.of(), List.of(), why, List.of()));
        }

        DrillResult done(StepStatus status, String message, ExitCode exit, long cleanUpMs) {
            Instant end = clock.plusMillis(cleanUpMs);
            Scenario sc = new Scenario(file, name, "Drill " + name + " as the exercise describes it.",
                    Map.of("victim", "Johnson"), specs, finSpecs, Duration.ofMinutes(5));
            return new DrillResult(sc, "local", status, start, Duration.between(start, end), steps, fin, message,
                    exit);
        }
    }

    private static final class Step {
        final Drill d;
        final StepSpec spec;
        final boolean fin;
        final Map<String, String> outputs = new LinkedHashMap<>();
        final List<Measurement> measurements = new ArrayList<>();
        final List<Sample> samples = new ArrayList<>();
        final List<String> evidence = new ArrayList<>();

        Step(Drill d, StepSpec spec, boolean fin) {
            this.d = d;
            this.spec = spec;
            this.fin = fin;
        }

        Step out(String k, String v) {
            outputs.put(k, v);
            return this;
        }

        Step measure(String name, double v, String unit) {
            measurements.add(new Measurement(name, v, unit));
            return this;
        }

        Step samples(String series, long everyMs, double... values) {
            long t = d.clock.toEpochMilli();
            for (double v : values) {
                t += everyMs;
                samples.add(new Sample(series, t, v));
            }
            return this;
        }

        Step evidence(String... lines) {
            evidence.addAll(List.of(lines));
            return this;
        }

        void end(StepStatus status, long ms, String message, List<String> tail) {
            StepResult r = new StepResult(spec, spec.params(), status, d.clock, Duration.ofMillis(ms), outputs,
                    measurements, samples, evidence, message, tail);
            (fin ? d.fin : d.steps).add(r);
            d.clock = d.clock.plusMillis(ms + 15);
        }

        void pass(long ms) {
            end(StepStatus.PASSED, ms, null, List.of());
        }
    }

    static DrillResult lagDrill() {
        Drill d = new Drill("replication-lag", T0, 1_800);
        d.step("healthy", "lag while healthy", "lag", Map.of("replica", "replica"))
                .samples("replay_lag_bytes", 100, 0, 0, 0).measure("replay_lag_bytes", 0, "bytes").pass(320);
        d.step(null, "hold the replica back", "pause", Map.of("node", "replica")).pass(140);
        d.step(null, "write on the primary", "sql", Map.of("on", "primary",
                "run", "INSERT INTO customers (firstName, lastName) SELECT 'x', 'y' FROM generate_series(1, 500)"))
                .out("rows", "500").pass(260);
        d.step("held", "lag while held back", "lag", Map.of("replica", "replica"))
                .samples("replay_lag_bytes", 200, 24_576, 49_152, 81_920, 98_304)
                .samples("write_lag_seconds", 200, 0.2, 0.4, 0.6, 0.8)
                .measure("replay_lag_bytes", 98_304, "bytes").measure("replay_lag_seconds", 0.8, "s").pass(900);
        d.step(null, "release the replica", "resume", Map.of("node", "replica")).pass(120);
        d.step(null, "lag returns to zero", "wait", Map.of("for", "lag", "below", 0L, "on", "replica"))
                .samples("replay_lag_bytes", 150, 65_536, 16_384, 0)
                .evidence("replica: LOG:  started streaming WAL from primary at 0/3000000 on timeline 1")
                .pass(480);
        return d.done(StepStatus.PASSED, null, ExitCode.OK, 600);
    }

    /** One acknowledged write lost in a failover, and one lag reading before it. */
    static DrillResult lostWriteDrill() {
        Drill d = new Drill("lost-write", T0.plusSeconds(300), 900);
        d.step(null, "lag before the crash", "lag", Map.of("replica", "replica"))
                .samples("replay_lag_bytes", 100, 8_192).measure("replay_lag_bytes", 8_192, "bytes").pass(200);
        d.step(null, "crash the primary", "kill", Map.of("node", "primary")).pass(80);
        d.step(null, "writes kept", "rpo", Map.of("workload", "app", "on", "replica", "max-lost", 0L))
                .measure("rpo_lost_writes", 1, "writes").measure("rpo_ghost_writes", 0, "writes")
                .out("lost", "1").out("lost-keys", "app-17")
                .end(StepStatus.FAILED, 150, "1 acknowledged write lost (max-lost 0): app-17", List.of());
        return d.done(StepStatus.FAILED, "step 'writes kept': 1 acknowledged write lost", ExitCode.DRILL_FAILED, 100);
    }

    static DrillResult pitrDrill() {
        Drill d = new Drill("pitr", T0.plusSeconds(60), 1_500);
        d.step("before", "capture-target before", "capture-target", Map.of("on", "primary"))
                .out("time", "2024-05-01 10:01:02.123+00").out("lsn", "0/3000148").out("name", "before")
                .pass(410);
        d.step(null, "accidental delete", "sql", Map.of("on", "primary",
                "run", "DELETE FROM customers WHERE lastName = :victim", "params", Map.of("victim", "Johnson"),
                "password", SECRET, "dsn", "postgresql://app:" + SECRET + "@127.0.0.1:5433/statelessCommerce"))
                .out("rows", "1").pass(95);
        d.step(null, "restore primary", "restore", Map.of("node", "primary", "from", "latest-backup",
                "target", Map.of("time", "2024-05-01 10:01:02.123+00")))
                .evidence("primary: LOG:  starting point-in-time recovery to 2024-05-01 10:01:02.123+00",
                        "primary: LOG:  restored log file \"000000010000000000000003\" from archive",
                        "primary: LOG:  recovery stopping before commit of transaction 745, time 2024-05-01 10:01:03.5+00",
                        "primary: LOG:  last completed transaction was at log time 2024-05-01 10:01:01.9+00",
                        "primary: LOG:  selected new timeline ID: 2")
                .pass(1_850);
        d.step(null, "Johnson is back " + INJECTION, "verify", Map.of("on", "primary",
                "query", "SELECT count(*) FROM customers WHERE lastName = 'Johnson' AND note <> '" + INJECTION + "'",
                "equals", 1L))
                .end(StepStatus.FAILED, 230, "expected 1 row(s), found 0 on node 'primary' (password=" + SECRET
                        + ") " + INJECTION, List.of(
                        "2024-05-01 10:01:08.120 UTC [811] LOG:  database system is ready to accept connections",
                        "2024-05-01 10:01:08.340 UTC [830] LOG:  connection authorized: user=postgres",
                        "2024-05-01 10:01:08.360 UTC [830] STATEMENT:  SELECT count(*) FROM customers"));
        d.skip("nothing else changed", "verify", Map.of("on", "primary", "query", "SELECT count(*) FROM orders"),
                "not run: an earlier step did not pass");
        d.fin("drop helper table", "sql", Map.of("on", "primary", "run", "DROP TABLE IF EXISTS scratch")).pass(40);
        return d.done(StepStatus.FAILED, "step 'Johnson is back' (scenarios/pitr.yaml:14:5): expected 1 row(s), found 0",
                ExitCode.DRILL_FAILED, 700);
    }

    static DrillResult failoverDrill() {
        Drill d = new Drill("failover-data-loss", T0.plusSeconds(120), 1_600);
        d.step(null, "cut the replica off", "partition", Map.of("node", "replica")).pass(60);
        d.step(null, "insert Charlie Davis", "sql", Map.of("on", "primary",
                "run", "INSERT INTO customers (firstName, lastName) VALUES ('Charlie', 'Davis')"))
                .out("rows", "1").pass(70);
        d.step(null, "fail the primary", "kill", Map.of("node", "primary")).pass(90);
        d.step(null, "reconnect the replica", "heal", Map.of("node", "replica")).pass(50);
        d.step(null, "promote the replica", "promote", Map.of("node", "replica"))
                .measure("rto_seconds", 2.4, "s")
                .evidence("replica: LOG:  received promote request", "replica: LOG:  selected new timeline ID: 2",
                        "replica: LOG:  database system is ready to accept connections")
                .pass(2_400);
        d.step(null, "Charlie is lost", "verify", Map.of("on", "replica",
                "query", "SELECT count(*) FROM customers WHERE lastName = 'Davis'", "equals", 0L))
                .measure("rpo_transactions", 1, "transactions").pass(80);
        d.step(null, "rebuild a replica", "rebuild-replica", Map.of("node", "primary"))
                .end(StepStatus.ABORTED, 700, "interrupted by signal", List.of());
        d.skip("replication works again", "wait", Map.of("for", "lag", "on", "primary"),
                "not run: interrupted by signal");
        return d.done(StepStatus.ABORTED, "interrupted by signal", ExitCode.INTERRUPTED, 300);
    }

    static DrillResult environmentFailedDrill() {
        Drill d = new Drill("naive-backup", T0.plusSeconds(180), 0);
        d.skip("copy the live data directory", "naive-copy", Map.of("node", "primary"),
                "not run: an earlier step did not pass");
        d.skip("wipe the primary", "wipe", Map.of("node", "primary"), "not run: an earlier step did not pass");
        d.clock = d.clock.plusMillis(2_000);
        return d.done(StepStatus.ABORTED, "environment could not be set up: initdb failed: could not create directory",
                ExitCode.ENVIRONMENT, 0);
    }

    static List<DrillResult> drills() {
        return List.of(lagDrill(), pitrDrill(), failoverDrill(), environmentFailedDrill());
    }

    static RunResult run() {
        List<DrillResult> drills = drills();
        return new RunResult(drills, Duration.ofMillis(190_000), RunResult.worst(drills));
    }

    /** Feeds {@code run} to {@code l} in the documented event order, with progress while steps wait. */
    static void drive(DrillListener l, RunResult run) {
        l.runStarted(run.drills().stream().map(DrillResult::scenario).toList());
        for (DrillResult d : run.drills()) {
            Scenario s = d.scenario();
            l.drillStarted(s, d.environment());
            if (d.exitCode() != ExitCode.ENVIRONMENT) {
                l.environmentReady(s, "/tmp/pgdrill/" + s.name());
            }
            for (StepResult r : d.steps()) {
                step(l, s, r);
            }
            for (StepResult r : d.finallySteps()) {
                step(l, s, r);
            }
            l.drillFinished(d);
        }
        l.runFinished(run);
    }

    private static void step(DrillListener l, Scenario s, StepResult r) {
        if (r.status() != StepStatus.SKIPPED) {
            l.stepStarted(s, r.spec());
            for (Sample p : r.samples()) {
                l.stepProgress(s, r.spec(), "lag <= 0 bytes on replica", (long) p.value() + " bytes");
            }
        }
        l.stepFinished(s, r);
    }
}
