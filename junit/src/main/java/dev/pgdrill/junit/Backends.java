package dev.pgdrill.junit;

import dev.pgdrill.engine.api.DrillException;
import dev.pgdrill.engine.env.BackupTool;
import dev.pgdrill.engine.env.Environment;
import dev.pgdrill.engine.env.EnvironmentFactory;
import dev.pgdrill.engine.env.EnvironmentSpec;
import dev.pgdrill.engine.env.ToolTime;
import dev.pgdrill.engine.scenario.EnvAllowlist;
import dev.pgdrill.engine.scenario.ScenarioLoader;
import dev.pgdrill.engine.step.StepRegistry;
import dev.pgdrill.environment.EnvironmentOptions;
import dev.pgdrill.environment.Environments;

import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** What the test engine and {@link Drill} share: step types, the loader, the backend. */
final class Backends {
    /** System property (and configuration parameter) naming the backend: {@code local}, {@code compose} or {@code testcontainers}. */
    static final String ENV_KEY = "pgdrill.env";
    static final String DEFAULT_ENV = "local";
    /** System property (and configuration parameter) listing the environment variables drills may read. */
    static final String ALLOW_ENV_KEY = "pgdrill.allow-env";

    private static volatile StepRegistry registry;

    private Backends() {
    }

    static StepRegistry registry() {
        StepRegistry r = registry;
        if (r == null) {
            r = StepRegistry.load();
            registry = r;
        }
        return r;
    }

    /**
     * A loader for which {@code ${env.X}} reads only the variables {@code allowEnv} names, and those of
     * {@code PGDRILL_ALLOW_ENV} (as the CLI's {@code --allow-env}).
     */
    static ScenarioLoader loader(EnvAllowlist allowEnv) {
        return new ScenarioLoader(registry(), System::getenv,
                allowEnv.plus(EnvAllowlist.parse(System.getenv(EnvAllowlist.VARIABLE))));
    }

    /** The allowlist of {@value #ALLOW_ENV_KEY} (comma-separated names or globs such as {@code APP_*}). */
    static EnvAllowlist allowEnv(Optional<String> value) {
        return EnvAllowlist.parse(value.orElse(null));
    }

    /**
     * The backend's factory, reporting every environment it creates to {@code created} (so a caller can
     * reach the nodes of the drill that runs).
     *
     * @throws DrillException for an unknown kind or a backend unusable here
     */
    static EnvironmentFactory factory(String kind, Consumer<Environment> created) {
        EnvironmentFactory base = Environments.factory(kind, EnvironmentOptions.defaults());
        return new EnvironmentFactory() {
            @Override
            public Environment create(String runName) {
                Environment e = base.create(runName);
                created.accept(e);
                return e;
            }

            @Override
            public Environment create(String runName, EnvironmentSpec spec) {
                Environment e = base.create(runName, spec);
                created.accept(e);
                return e;
            }

            @Override
            public boolean supports(BackupTool tool) {
                return base.supports(tool);
            }

            @Override
            public String unsupported(EnvironmentSpec spec) {
                return base.unsupported(spec);
            }

            @Override
            public String unavailable(EnvironmentSpec spec) {
                return base.unavailable(spec);
            }

            @Override
            public Map<String, String> facts() {
                return base.facts();
            }

            @Override
            public ToolTime toolTime() {
                return base.toolTime();
            }
        };
    }
}
