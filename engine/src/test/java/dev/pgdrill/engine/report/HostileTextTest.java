package dev.pgdrill.engine.report;

import dev.pgdrill.engine.api.ExitCode;
import dev.pgdrill.engine.model.Location;
import dev.pgdrill.engine.model.Redactor;
import dev.pgdrill.engine.model.StepSpec;
import dev.pgdrill.engine.run.DrillResult;
import dev.pgdrill.engine.run.RunResult;
import dev.pgdrill.engine.run.StepResult;
import dev.pgdrill.engine.run.StepStatus;
import dev.pgdrill.engine.scenario.Scenario;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scenario text, values and query results holding terminal controls and secret values: the console
 * (in colour too) shows the controls escaped and never the secrets; JUnit XML stays valid XML and
 * HTML shows the controls escaped.
 */
class HostileTextTest {
    private static final String SECRET = "Tr0ub4dor&3";
    private static final String CLEAR = "\u001B[2J\u001B[H";
    private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");

    private static RunResult run() {
        Path file = Path.of("hostile.yaml");
        StepSpec spec = new StepSpec(0, "steps", "q", "evil\nname" + CLEAR + "\u0007", "sql",
                Map.of("params", Map.of("p", SECRET)), null, new Location(file, 3, 5), Map.of());
        StepResult r = new StepResult(spec, spec.params(), StepStatus.FAILED, T0, Duration.ofMillis(20),
                Map.of("col", "value " + SECRET + "\u0000"), List.of(), List.of(), List.of("evidence \u009b31m"),
                "expected 'x', found '" + SECRET + "'\u0000" + CLEAR + "\u202Egnp.exe", List.of("log \u001B]0;title\u0007"));
        Redactor secrets = new Redactor().with("db_password", SECRET);
        Scenario s = new Scenario(file, "drill" + CLEAR, "line one\u0007\nline two", Map.of(), List.of(spec), List.of(),
                Duration.ofMinutes(1), secrets, null);
        DrillResult d = new DrillResult(s, "local", StepStatus.FAILED, T0, Duration.ofMillis(900), List.of(r), List.of(),
                "step failed: " + SECRET, ExitCode.DRILL_FAILED);
        return new RunResult(List.of(d), Duration.ofSeconds(1), ExitCode.DRILL_FAILED);
    }

    @Test
    void consoleShowsControlsEscapedAndNoSecretEvenInColour() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ConsoleListener l = ConsoleListener.reporting(new PrintStream(bytes, true, StandardCharsets.UTF_8), true, null);
        ReportFixtures.drive(l, run());
        String t = bytes.toString(StandardCharsets.UTF_8);
        assertThat(t).doesNotContain(SECRET).contains(Redactor.MASK);
        assertThat(t).contains("drill\\x1b[2J\\x1b[H").contains("evil\\nname").contains("\\x07")
                .contains("'\\x00\\x1b[2J").contains("\\u202egnp.exe").contains("\\x1b]0;title");
        String ours = t.replace(Ansi.CLEAR_LINE, "").replaceAll("\u001B\\[\\d+m", "");
        assertThat(ours.codePoints().filter(Printable::unsafe).toArray()).as(ours).isEmpty();
        assertThat(ours).contains("      expected 'x', found '" + Redactor.MASK + "'");
    }

    @Test
    void reportsAreValidAndShowControlsEscapedWithoutSecrets(@TempDir Path dir) throws Exception {
        ReportFilesListener.writeAll(ReportModel.of(T0, run(), Map.of()), dir);
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.toList();
        }
        for (Path f : files) {
            String text = Files.readString(f);
            assertThat(text).as(f.toString()).doesNotContain(SECRET);
            if (!f.toString().endsWith(".json")) {
                assertThat(text.codePoints().filter(cp -> Printable.unsafe(cp) && cp != '\r').toArray()).as(f.toString())
                        .isEmpty();
            }
        }
        Path junit = dir.resolve(JunitXmlWriter.FILE);
        DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(junit.toFile());
        assertThat(Files.readString(junit)).contains("\\x00").contains("\\x1b[2J");
        String page = html(files);
        assertThat(page).contains("\\x1b[2J").contains("\\u009b31m").contains("\\u202egnp.exe")
                .contains("value " + Redactor.MASK + "\\x00");
    }

    private static String html(List<Path> files) throws IOException {
        StringBuilder b = new StringBuilder();
        for (Path f : files) {
            if (f.toString().endsWith(".html") && !f.getFileName().toString().equals("index.html")) {
                b.append(Files.readString(f));
            }
        }
        return b.toString();
    }
}
