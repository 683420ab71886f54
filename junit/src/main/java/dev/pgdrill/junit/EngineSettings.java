package dev.pgdrill.junit;

import dev.pgdrill.engine.run.RunPlan;
import org.junit.platform.engine.ConfigurationParameters;

import java.nio.file.Path;

/**
 * The engine's configuration parameters (JUnit's {@code junit-platform.properties}, a suite's
 * {@code @ConfigurationParameter}, or {@code -D} system properties):
 * <ul>
 *   <li>{@code pgdrill.env}: the backend, {@code local} (default: PostgreSQL processes, no Docker) or
 *       {@code compose};</li>
 *   <li>{@code pgdrill.report-dir}: where the HTML, JUnit XML and JSON reports go (default
 *       {@code target/drill-reports}; {@code none} writes none);</li>
 *   <li>{@code pgdrill.parallel}: how many drills run at once, each in its own environment (default 1);</li>
 *   <li>{@code pgdrill.allow-env}: the environment variables drills may read with {@code ${env.X}},
 *       comma-separated names or globs such as {@code APP_*} (default none; as the CLI's {@code --allow-env},
 *       read at discovery).</li>
 * </ul>
 */
record EngineSettings(String env, Path reportDir, int parallel) {
    static final String REPORT_DIR_KEY = "pgdrill.report-dir";
    static final String PARALLEL_KEY = "pgdrill.parallel";

    static EngineSettings from(ConfigurationParameters p) {
        String env = p.get(Backends.ENV_KEY).map(String::strip).orElse(Backends.DEFAULT_ENV);
        String dir = p.get(REPORT_DIR_KEY).map(String::strip).orElse("target/drill-reports");
        int parallel = p.get(PARALLEL_KEY, s -> {
            try {
                return Integer.parseInt(s.strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(PARALLEL_KEY + " must be a whole number, found '" + s + "'");
            }
        }).orElse(1);
        if (parallel < 1 || parallel > RunPlan.MAX_PARALLEL) {
            throw new IllegalArgumentException(PARALLEL_KEY + " must be between 1 and " + RunPlan.MAX_PARALLEL + ", found " + parallel);
        }
        return new EngineSettings(env, "none".equals(dir) || dir.isEmpty() ? null : Path.of(dir), parallel);
    }
}
