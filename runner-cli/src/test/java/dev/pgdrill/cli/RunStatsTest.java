package dev.pgdrill.cli;

import dev.pgdrill.engine.env.Environment;
import dev.pgdrill.engine.env.EnvironmentFactory;
import dev.pgdrill.engine.env.ToolTime;
import dev.pgdrill.engine.testing.FakeEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

import static dev.pgdrill.cli.CliRun.EXAMPLES;
import static org.assertj.core.api.Assertions.assertThat;

/** PGDRILL_STATS: the figures bench/run.sh reads are written at the end of a run. */
class RunStatsTest {
    @Test
    void writesWallCpuToolTimeAndPeakMemoryWhenAsked(@TempDir Path dir) throws Exception {
        Path stats = dir.resolve("stats.txt");
        Map<String, String> env = Map.of(RunStats.VARIABLE, stats.toString());
        CliRun r = CliRun.run((kind, options) -> runName -> new FakeEnvironment(false), env::get,
                "--no-color", "--report-dir", dir.resolve("reports").toString(), EXAMPLES + "sleepy.yaml");
        assertThat(r.exit()).as(r.toString()).isZero();
        Properties p = new Properties();
        try (var in = Files.newBufferedReader(stats)) {
            p.load(in);
        }
        assertThat(p.stringPropertyNames()).contains("jvm_to_run_ms", "wall_ms", "cpu_ms", "tools_ms", "tool_runs",
                "peak_rss_kb");
        assertThat(Long.parseLong(p.getProperty("wall_ms"))).isGreaterThanOrEqualTo(Long.parseLong(p.getProperty("jvm_to_run_ms")));
        assertThat(Long.parseLong(p.getProperty("cpu_ms"))).isPositive();
        assertThat(Long.parseLong(p.getProperty("peak_rss_kb"))).isGreaterThan(10_000);
    }

    @Test
    void toolTimeIsTheBackendsOwnFigure(@TempDir Path dir) throws Exception {
        Path stats = dir.resolve("stats.txt");
        Map<String, String> env = Map.of(RunStats.VARIABLE, stats.toString());
        EnvironmentFactory backend = new EnvironmentFactory() {
            @Override
            public Environment create(String runName) {
                return new FakeEnvironment(false);
            }

            @Override
            public ToolTime toolTime() {
                return new ToolTime(1234, 7);
            }
        };
        CliRun r = CliRun.run((kind, options) -> backend, env::get,
                "--no-color", "--report-dir", dir.resolve("reports").toString(), EXAMPLES + "sleepy.yaml");
        assertThat(r.exit()).as(r.toString()).isZero();
        Properties p = new Properties();
        try (var in = Files.newBufferedReader(stats)) {
            p.load(in);
        }
        assertThat(p.getProperty("tools_ms")).isEqualTo("1234");
        assertThat(p.getProperty("tool_runs")).isEqualTo("7");
    }

    @Test
    void writesNothingByDefault(@TempDir Path dir) {
        CliRun r = CliRun.run((kind, options) -> runName -> new FakeEnvironment(false), name -> null,
                "--no-color", "--report-dir", dir.resolve("reports").toString(), EXAMPLES + "sleepy.yaml");
        assertThat(r.exit()).isZero();
        assertThat(dir.resolve("stats.txt")).doesNotExist();
    }
}
