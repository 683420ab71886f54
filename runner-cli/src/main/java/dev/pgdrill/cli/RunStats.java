package dev.pgdrill.cli;

import com.sun.management.OperatingSystemMXBean;
import dev.pgdrill.engine.env.ToolTime;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Figures for the benchmark ({@code bench/run.sh}): when the environment variable
 * {@value #VARIABLE} names a file, a run writes {@code key=value} lines into it at the end:
 * <ul>
 *   <li>{@code jvm_to_run_ms}: JVM start until the drills began (start-up, class loading, loading the scenarios)</li>
 *   <li>{@code wall_ms}: JVM start until the stats were written</li>
 *   <li>{@code cpu_ms}: CPU time (user + system) of the runner JVM itself; servers and tools are other processes</li>
 *   <li>{@code tools_ms}, {@code tool_runs}: wall time spent waiting for PostgreSQL's programs and other commands</li>
 *   <li>{@code peak_rss_kb}: the JVM's peak resident memory (VmHWM)</li>
 * </ul>
 */
final class RunStats {
    static final String VARIABLE = "PGDRILL_STATS";
    private final long startedMs = ManagementFactory.getRuntimeMXBean().getUptime();

    /** @param tools the backend's time in external programs ({@code EnvironmentFactory.toolTime()}) */
    void write(Path file, ToolTime tools) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("jvm_to_run_ms", startedMs);
        s.put("wall_ms", ManagementFactory.getRuntimeMXBean().getUptime());
        if (ManagementFactory.getOperatingSystemMXBean() instanceof OperatingSystemMXBean os) {
            s.put("cpu_ms", os.getProcessCpuTime() / 1_000_000);
        }
        s.put("tools_ms", tools.millis());
        s.put("tool_runs", tools.runs());
        s.put("peak_rss_kb", peakRssKb());
        StringBuilder text = new StringBuilder();
        s.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            System.err.println("runner: could not write " + VARIABLE + " file " + file + ": " + e.getMessage());
        }
    }

    private static long peakRssKb() {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/self/status"));
            for (String l : lines) {
                if (l.startsWith("VmHWM:")) {
                    return Long.parseLong(l.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux
        }
        return -1;
    }
}
