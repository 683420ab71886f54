package dev.pgdrill.engine.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonJournalTest {
    @TempDir
    Path dir;

    private RunReport live() {
        return ReportModel.of(ReportFixtures.T0, ReportFixtures.run(), Map.of("scenarios/pitr.yaml", "/tmp/pgdrill/pitr"));
    }

    @Test
    void journalReadsBackToTheSameModel() {
        RunReport live = live();
        Path file = dir.resolve("journal.json");
        JsonJournal.write(live, file);
        RunReport back = JsonJournal.read(file);
        assertThat(JsonJournal.toJson(back)).isEqualTo(JsonJournal.toJson(live));
        assertThat(HtmlReport.render(back)).isEqualTo(HtmlReport.render(live));
    }

    @Test
    void journalHoldsEveryStepWithTimingOutputsSamplesAndEvidence() throws Exception {
        Path file = dir.resolve("journal.json");
        JsonJournal.write(live(), file);
        JsonNode root = new ObjectMapper().readTree(file.toFile());
        assertThat(root.get("exitCode").asInt()).isEqualTo(130);
        assertThat(root.get("environment").asText()).isEqualTo("local");
        assertThat(root.get("drills")).hasSize(4);
        JsonNode pitr = root.get("drills").get(1);
        assertThat(pitr.get("status").asText()).isEqualTo("FAILED");
        assertThat(pitr.get("location").asText()).isEqualTo("/tmp/pgdrill/pitr");
        JsonNode first = pitr.get("steps").get(0);
        assertThat(first.get("start").asText()).isEqualTo("2024-05-01T10:01:01.500Z");
        assertThat(first.get("durationMs").asLong()).isEqualTo(410);
        assertThat(first.get("outputs").get("lsn").asText()).isEqualTo("0/3000148");
        assertThat(pitr.get("steps").get(2).get("evidence").toString()).contains("recovery stopping before commit");
        assertThat(pitr.get("steps").get(3).get("logTail")).hasSize(3);
        assertThat(pitr.get("steps").get(4).get("status").asText()).isEqualTo("SKIPPED");
        JsonNode lag = root.get("drills").get(0).get("steps").get(3);
        assertThat(lag.get("samples")).hasSize(8);
        assertThat(lag.get("measurements").get(0).get("name").asText()).isEqualTo("replay_lag_bytes");
        assertThat(Files.readString(file)).doesNotContain(ReportFixtures.SECRET);
    }

    @Test
    void renderHtmlFromJournalMatchesTheLiveReportFileForFile() throws Exception {
        Path liveDir = dir.resolve("live");
        ReportFilesListener.writeAll(live(), liveDir);
        Path again = dir.resolve("again");
        Path index = Reports.renderHtml(liveDir.resolve("journal.json"), again);
        assertThat(index).isEqualTo(again.resolve("index.html"));
        try (var files = Files.list(liveDir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".html")).toList()) {
                assertThat(Files.readString(again.resolve(f.getFileName()))).as(f.getFileName().toString())
                        .isEqualTo(Files.readString(f));
            }
        }
    }

    @Test
    void rejectsAFileThatIsNotAJournalWithItsName() throws Exception {
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"drills\": 3");
        assertThatThrownBy(() -> JsonJournal.read(bad)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a pgdrill journal: " + bad);
        assertThatThrownBy(() -> JsonJournal.read(dir.resolve("missing.json")))
                .hasMessageContaining("no journal at");
    }
}
