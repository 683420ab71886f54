package dev.pgdrill.cli.robustness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code --parallel 3}: three drills really run at the same time, each in its own environment:
 * distinct work directories, ports and data directories, all pass, nothing left behind.
 */
class ParallelRunIT {
    @Test
    void threeDrillsAtOnceUseDistinctPortsAndDirectoriesAndAllPass(@TempDir Path dir) throws Exception {
        ChildRunner.assumePostgres();
        List<String> args = new ArrayList<>(List.of("--parallel", "3"));
        for (int i = 1; i <= 3; i++) {
            args.add(Files.writeString(dir.resolve("par" + i + ".yaml"), """
                    name: rb-par%d
                    steps:
                      - id: where
                        sql: { on: primary, query: "SELECT current_setting('port') AS port, current_setting('data_directory') AS datadir", capture: true }
                      - sql: { on: primary, run: "INSERT INTO customers (firstName, lastName, email) VALUES ('P', 'Drill%d', 'p%d@example.com')" }
                      - wait: { for: lag, on: replica, below-bytes: 0 }
                        timeout: 30s
                      - verify: { on: replica, query: "SELECT count(*) FROM customers WHERE lastName LIKE 'Drill%%'", equals: 1 }
                    """.formatted(i, i, i)).toString());
        }
        try (ChildRunner r = ChildRunner.start(dir, args.toArray(String[]::new))) {
            int exit = r.awaitExit(Duration.ofMinutes(4));
            String console = r.console();
            assertThat(exit).as(console).isZero();
            JsonNode drills = new ObjectMapper().readTree(r.journal()).path("drills");
            assertThat(drills).hasSize(3);
            Set<String> locations = new HashSet<>();
            Set<String> ports = new HashSet<>();
            Set<String> dataDirs = new HashSet<>();
            Instant lastStart = Instant.MIN;
            Instant firstEnd = Instant.MAX;
            for (JsonNode d : drills) {
                assertThat(d.path("status").asText()).as(d.path("name").asText()).isEqualTo("PASSED");
                locations.add(d.path("location").asText());
                JsonNode where = d.path("steps").get(0).path("outputs");
                ports.add(where.path("port").asText());
                dataDirs.add(where.path("datadir").asText());
                Instant start = Instant.parse(d.path("start").asText());
                Instant end = start.plusMillis(d.path("durationMs").asLong());
                lastStart = start.isAfter(lastStart) ? start : lastStart;
                firstEnd = end.isBefore(firstEnd) ? end : firstEnd;
            }
            assertThat(locations).as("work directories").hasSize(3);
            assertThat(ports).as("primary ports").hasSize(3);
            assertThat(dataDirs).as("data directories").hasSize(3);
            assertThat(lastStart).as("the three drills overlapped in time").isBefore(firstEnd);
            assertThat(console).contains("[rb-par1]", "[rb-par2]", "[rb-par3]", "Drills: 3 of 3 passed");
            for (String location : locations) {
                ChildRunner.assertNothingLeft(Path.of(location), console);
            }
        }
    }
}
