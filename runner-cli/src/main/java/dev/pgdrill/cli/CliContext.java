package dev.pgdrill.cli;

import dev.pgdrill.engine.env.EnvironmentFactory;
import dev.pgdrill.engine.step.StepRegistry;
import dev.pgdrill.environment.EnvironmentOptions;
import dev.pgdrill.environment.Environments;

import java.io.PrintStream;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What the commands use from the outside world, injected so tests can capture output and replace
 * the environment backends.
 *
 * @param out          results (plans, listings, console progress)
 * @param err          problems and errors
 * @param registry     the step types (loaded once, on first use)
 * @param environment  environment variables, for {@code ${env.X}}
 * @param environments chooses the backend for {@code --env}
 */
public record CliContext(PrintStream out, PrintStream err, Supplier<StepRegistry> registry,
                         Function<String, String> environment, Backends environments) {

    /** {@code Environments::factory} in production. */
    @FunctionalInterface
    public interface Backends {
        EnvironmentFactory factory(String kind, EnvironmentOptions options);
    }

    public CliContext {
        registry = memoize(registry);
    }

    public static CliContext system() {
        return new CliContext(System.out, System.err, StepRegistry::load, System::getenv, Environments::factory);
    }

    /** The same context writing to other streams. */
    public static CliContext of(PrintStream out, PrintStream err) {
        return new CliContext(out, err, StepRegistry::load, System::getenv, Environments::factory);
    }

    /**
     * Whether output may have colours and live indicators: only on a terminal, and never with
     * {@code --no-color} ({@code noColor}) or {@code NO_COLOR} set, nor on a dumb terminal.
     */
    public boolean colorEnabled(boolean noColor) {
        return !noColor && environment.apply("NO_COLOR") == null && System.console() != null && out == System.out
                && !"dumb".equals(environment.apply("TERM"));
    }

    private static Supplier<StepRegistry> memoize(Supplier<StepRegistry> s) {
        StepRegistry[] cell = new StepRegistry[1];
        return () -> {
            synchronized (cell) {
                if (cell[0] == null) {
                    cell[0] = s.get();
                }
                return cell[0];
            }
        };
    }
}
