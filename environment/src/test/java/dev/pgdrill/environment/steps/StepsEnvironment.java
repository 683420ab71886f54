package dev.pgdrill.environment.steps;

import dev.pgdrill.engine.env.Environment;
import dev.pgdrill.engine.env.EnvironmentFactory;
import dev.pgdrill.engine.env.EnvironmentSpec;
import dev.pgdrill.engine.run.DrillResult;
import dev.pgdrill.engine.run.StepResult;
import dev.pgdrill.engine.run.StepStatus;
import dev.pgdrill.engine.testing.SharedEnvironment;
import dev.pgdrill.environment.EnvironmentOptions;
import dev.pgdrill.environment.Environments;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** A real local environment (primary, replica, archive) shared by the drills of one test class. */
final class StepsEnvironment {
    private StepsEnvironment() {
    }

    /** Sets up a local environment, or skips the test class (with a message) when PostgreSQL is not installed. */
    static SharedEnvironment start(String runName) {
        return start(runName, null);
    }

    /** As {@link #start(String)}, with the environment block {@code spec} (null: every default). */
    static SharedEnvironment start(String runName, EnvironmentSpec spec) {
        assumeTrue(postgresInstalled(), "PostgreSQL server binaries not found (PG_BIN, pg_config, "
                + "/usr/lib/postgresql/*/bin): install postgresql-15 to run the step integration tests");
        EnvironmentFactory factory = Environments.factory("local", EnvironmentOptions.defaults());
        Environment env = spec == null ? factory.create(runName) : factory.create(runName, spec);
        try {
            env.setUp(Duration.ofMinutes(2));
        } catch (RuntimeException e) {
            env.close();
            throw e;
        }
        return new SharedEnvironment(env);
    }

    static void stop(SharedEnvironment env) {
        if (env != null) {
            env.real().close();
        }
    }

    static boolean postgresInstalled() {
        String pgBin = System.getenv("PG_BIN");
        if (pgBin != null && Files.isExecutable(Path.of(pgBin, "postgres"))) {
            return true;
        }
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            return versions.anyMatch(v -> Files.isExecutable(v.resolve("bin/postgres")));
        } catch (Exception e) {
            return false;
        }
    }

    /** Asserts the drill passed; otherwise fails showing every step's status, message and log tail. */
    static DrillResult passed(DrillResult r) {
        r.steps().forEach(s -> System.out.printf("  %-28s %-8s %6d ms%n", s.spec().label(), s.status(),
                s.duration().toMillis()));
        assertThat(r.status()).as(describe(r)).isEqualTo(StepStatus.PASSED);
        return r;
    }

    static String describe(DrillResult r) {
        List<String> lines = new ArrayList<>();
        lines.add("drill '" + r.scenario().name() + "': " + r.status() + (r.message() == null ? "" : " - " + r.message()));
        for (StepResult s : r.steps()) {
            lines.add("  " + s.spec().label() + ": " + s.status() + (s.message() == null ? "" : " - " + s.message())
                    + " outputs=" + s.outputs());
            if (!s.logTail().isEmpty()) {
                s.logTail().forEach(l -> lines.add("      | " + l));
            }
        }
        return String.join("\n", lines);
    }
}
