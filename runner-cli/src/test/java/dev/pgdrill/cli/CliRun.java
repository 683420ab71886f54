package dev.pgdrill.cli;

import dev.pgdrill.engine.api.DrillException;
import dev.pgdrill.engine.api.ExitCode;
import dev.pgdrill.engine.step.StepRegistry;
import dev.pgdrill.engine.testing.FakeEnvironment;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs the CLI in-process with captured stdout/stderr; the outcome of one invocation. */
record CliRun(int exit, String out, String err) {
    static final String EXAMPLES = "src/test/resources/examples/";

    /** Runs with the real step registry and an environment backend that must not be reached. */
    static CliRun run(String... args) {
        return run((kind, options) -> {
            throw new AssertionError("the environment must not be created for: " + String.join(" ", args));
        }, args);
    }

    /**
     * Runs with this process's environment variables, except GitHub Actions' own: the tests run on
     * GitHub too, and must neither see its workflow-command output nor append to its job summary.
     */
    static CliRun run(CliContext.Backends backends, String... args) {
        return run(backends, name -> name.startsWith("GITHUB_") ? null : System.getenv(name), args);
    }

    static CliRun run(CliContext.Backends backends, Function<String, String> environment, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        int code = Cli.execute(new CliContext(o, e, StepRegistry::load, environment, backends), args);
        return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** A backend that gives every drill a new {@link FakeEnvironment} (set-up succeeds), adding it to {@code created}. */
    static CliContext.Backends fakes(List<FakeEnvironment> created) {
        return (kind, options) -> FakeEnvironment.factory(created);
    }

    /** A backend that cannot be set up here (as when no PostgreSQL or Docker is installed). */
    static CliContext.Backends unavailable(String why) {
        return (kind, options) -> {
            throw new DrillException(ExitCode.ENVIRONMENT, why);
        };
    }

    /** Asserts nothing on stderr looks like a Java stack trace. */
    CliRun noStackTrace() {
        assertThat(err).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("Caused by");
        return this;
    }

    @Override
    public String toString() {
        return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
}
