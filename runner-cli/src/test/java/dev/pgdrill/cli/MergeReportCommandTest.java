package dev.pgdrill.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pgdrill.engine.testing.FakeEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static dev.pgdrill.cli.CliRun.EXAMPLES;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code runner report --merge}: several runs' journals joined into one report; bad journals refused. */
class MergeReportCommandTest {
    @TempDir
    Path dir;

    /** A report directory written by a run of the sleepy example (fake environment). */
    private Path run(String name, String... scenarios) {
        Path reports = dir.resolve(name);
        String[] args = new String[scenarios.length + 3];
        args[0] = "--no-color";
        args[1] = "--report-dir";
        args[2] = reports.toString();
        for (int i = 0; i < scenarios.length; i++) {
            args[3 + i] = EXAMPLES + scenarios[i];
        }
        CliRun r = CliRun.run((k, o) -> n -> new FakeEnvironment(false), args);
        assertThat(r.exit()).as(r.toString()).isIn(0, 1);
        return reports;
    }

    /** The journal of {@code reports}, changed by {@code edit}. */
    private static Path edit(Path reports, Consumer<ObjectNode> edit) throws Exception {
        ObjectMapper m = new ObjectMapper();
        Path journal = reports.resolve("journal.json");
        ObjectNode root = (ObjectNode) m.readTree(journal.toFile());
        edit.accept(root);
        Files.writeString(journal, m.writerWithDefaultPrettyPrinter().writeValueAsString(root));
        return journal;
    }

    @Test
    void joinsRunsIntoOneIndexOnePagePerDrillAndOneJunitXml() throws Exception {
        Path a = run("shard-1", "sleepy.yaml");
        Path b = run("shard-2", "sleepy.yaml", "needs-a-node.yaml");
        edit(b, root -> root.putObject("facts").put("postgres", "16").put("backup-tool", "pgbackrest")
                .put("shard", "2/2"));
        Path out = dir.resolve("merged");
        CliRun r = CliRun.run("report", "--merge", a.toString(), b.toString(), "--out", out.toString());
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).isEqualTo("wrote " + out.resolve("index.html").toAbsolutePath() + " (3 drills from 2 runs)\n");

        String index = Files.readString(out.resolve("index.html"));
        assertThat(index).contains("id=\"runs\"", a.toString(), b.toString(),
                "local, backup-tool: pgbackrest, postgres: 16, shard: 2/2", "1 of 2 passed", "2 of 3 passed");
        // the same drill name from two runs: two pages, neither overwritten
        assertThat(index).contains("href=\"sleepy.html\"", "href=\"sleepy-2.html\"");
        assertThat(Files.readString(out.resolve("sleepy.html"))).contains(a.toString()).doesNotContain("pgbackrest");
        assertThat(Files.readString(out.resolve("sleepy-2.html"))).contains(b.toString(), "pgbackrest", "2/2");

        String junit = Files.readString(out.resolve("junit.xml"));
        assertThat(junit).contains("<testsuite name=\"sleepy [" + a + "]\"", "<testsuite name=\"sleepy [" + b + "]\"",
                "<property name=\"run.source\" value=\"" + b + "\"/>", "<property name=\"run.shard\" value=\"2/2\"/>",
                "[[ATTACHMENT|" + out.resolve("sleepy-2.html") + "]]");
        assertThat(out.resolve("journal.json")).doesNotExist();
    }

    /** Each test suite of a JUnit XML file: name, test count, failures and its set verdict property (if any). */
    private static List<String> suites(Path junitXml) throws Exception {
        NodeList suites = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(junitXml.toFile())
                .getElementsByTagName("testsuite");
        List<String> found = new ArrayList<>();
        for (int i = 0; i < suites.getLength(); i++) {
            Element s = (Element) suites.item(i);
            String passed = "";
            NodeList props = s.getElementsByTagName("property");
            for (int j = 0; j < props.getLength(); j++) {
                Element p = (Element) props.item(j);
                if (p.getAttribute("name").equals("passed")) {
                    passed = " passed " + p.getAttribute("value");
                }
            }
            found.add(s.getAttribute("name") + ": " + s.getAttribute("tests") + " tests, "
                    + s.getAttribute("failures") + " failures" + passed);
        }
        return found;
    }

    @Test
    void shardsOfARunWithTrialsMergeIntoTheSuitesTheShardsWrote() throws Exception {
        Path drills = Files.createDirectories(dir.resolve("drills"));
        Files.writeString(drills.resolve("a-nap.yaml"), "name: nap\nsteps:\n  - sleep: 10ms..20ms\n");
        Files.writeString(drills.resolve("b-doze.yaml"), "name: doze\nsteps:\n  - sleep: 5ms..15ms\n  - sleep: 1ms\n");
        Files.writeString(drills.resolve("c-cut.yaml"), "name: cut\nsteps:\n  - partition: replica\n  - sleep: 1ms\n");
        List<String> shardSuites = new ArrayList<>();
        List<String> shards = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            Path reports = dir.resolve("shard-" + i);
            CliRun r = CliRun.run((k, o) -> n -> new FakeEnvironment(false), "--no-color", "--report-dir",
                    reports.toString(), "--repeat", "2", "--seed", "7", "--shard", i + "/3", drills.toString());
            assertThat(r.exit()).as(r.toString()).isIn(0, 1);
            shardSuites.addAll(suites(reports.resolve("junit.xml")));
            shards.add(reports.toString());
        }
        assertThat(shardSuites).hasSize(9).contains("nap [trial 1/2]: 1 tests, 0 failures",
                "nap trials: 3 tests, 0 failures passed 2 of 2", "cut trials: 3 tests, 3 failures passed 0 of 2");

        Path out = dir.resolve("merged");
        List<String> args = new ArrayList<>(List.of("report", "--merge"));
        args.addAll(shards);
        args.addAll(List.of("--out", out.toString()));
        CliRun r = CliRun.run(args.toArray(String[]::new));
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(suites(out.resolve("junit.xml"))).containsExactlyInAnyOrderElementsOf(shardSuites);

        String index = Files.readString(out.resolve("index.html"));
        assertThat(index).contains("id=\"trials-nap\"", "id=\"trials-doze\"", "id=\"trials-cut\"",
                "href=\"nap-trial-1.html\" class=\"trial-link\">trial 1", "href=\"nap-trial-2.html\" class=\"trial-link\">trial 2");
    }

    @Test
    void aDirectoryOfDownloadedArtifactsStandsForEachRunInIt() throws Exception {
        Path artifacts = dir.resolve("artifacts");
        Files.createDirectories(artifacts);
        Path one = run("artifacts/reports-1", "sleepy.yaml");
        Path two = run("artifacts/reports-2", "needs-a-node.yaml");
        Path out = dir.resolve("merged");
        CliRun r = CliRun.run("report", "--merge", artifacts.toString(), "--out", out.toString());
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).endsWith("(2 drills from 2 runs)\n");
        assertThat(Files.readString(out.resolve("index.html"))).contains(one.toString(), two.toString());
    }

    @Test
    void aJournalOfAnotherFormatVersionIsRefusedClearly() throws Exception {
        Path a = run("a", "sleepy.yaml");
        Path b = run("b", "sleepy.yaml");
        Path journal = edit(b, root -> root.put("format", 2));
        Path out = dir.resolve("merged");
        CliRun r = CliRun.run("report", "--merge", a.toString(), b.toString(), "--out", out.toString());
        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).matches("runner report --merge: not a journal this runner can read: " + journal
                .toString().replace(".", "\\.") + ":\\d+:\\d+: journal format 2, this runner reads format 1 only "
                + "\\(the journal was written by another version of pgdrill: render it with that version\\); "
                + "nothing was written\n");
        r.noStackTrace();
        assertThat(out).doesNotExist();
    }

    @Test
    void aFileThatIsNotAJournalIsRefusedAndNothingIsWritten() {
        Path a = run("a", "sleepy.yaml");
        Path out = dir.resolve("merged");
        CliRun r = CliRun.run("report", "--merge", a.toString(), EXAMPLES + "sleepy.yaml", "--out", out.toString());
        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).startsWith("runner report --merge: not a pgdrill journal: " + EXAMPLES + "sleepy.yaml:")
                .endsWith("; nothing was written\n");
        r.noStackTrace();
        assertThat(out).doesNotExist();
    }

    @Test
    void hostileJournalsAreRefusedByTheSchemaAndTheirTextIsShownEscaped() throws Exception {
        Path a = run("a", "sleepy.yaml");
        Path b = run("b", "sleepy.yaml");
        Path journal = edit(b, root -> ((ObjectNode) root.get("drills").get(0)).put("page", "../../escaped.html"));
        Path out = dir.resolve("merged");
        CliRun r = CliRun.run("report", "--merge", a.toString(), b.toString(), "--out", out.toString());
        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains(journal + ":").contains("at $.drills[0].page: does not match the regex pattern");
        assertThat(out).doesNotExist();
        assertThat(dir.resolve("escaped.html")).doesNotExist();

        edit(b, root -> {
            ((ObjectNode) root.get("drills").get(0)).remove("page");
            ((ObjectNode) root.get("drills").get(0)).put("name", "../../<script>x</script>\u001b[31m");
            root.putObject("facts").put("shard", "<img src=x onerror=alert(1)>");
        });
        r = CliRun.run("report", "--merge", a.toString(), b.toString(), "--out", out.toString());
        assertThat(r.exit()).as(r.toString()).isZero();
        String index = Files.readString(out.resolve("index.html"));
        assertThat(index).doesNotContain("<script>x", "<img src=x", "\u001b").contains("&lt;img src=x");
        try (var files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".html")))
                    .allMatch(n -> n.matches("[A-Za-z0-9][A-Za-z0-9._-]*\\.html"));
        }
        assertThat(dir.resolve("script")).doesNotExist();
    }

    @Test
    void usageErrorsEndWithExitTwoAndWriteNothing() throws Exception {
        Path a = run("a", "sleepy.yaml");
        Path out = dir.resolve("merged");
        CliRun noOut = CliRun.run("report", "--merge", a.toString());
        assertThat(noOut.exit()).isEqualTo(2);
        assertThat(noOut.err()).isEqualTo("runner report --merge: --out DIR is required (where the merged report goes)\n");
        CliRun missing = CliRun.run("report", "--merge", a.toString(), dir.resolve("nope").toString(), "--out", out.toString());
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).isEqualTo("runner report --merge: " + dir.resolve("nope")
                + ": no such file or directory; nothing was written\n");
        CliRun twice = CliRun.run("report", "--merge", a.toString(), a.resolve("journal.json").toString(),
                "--out", out.toString());
        assertThat(twice.exit()).isEqualTo(2);
        assertThat(twice.err()).contains("are the same journal; name each run once");
        Files.createDirectories(dir.resolve("empty").resolve("sub"));
        CliRun empty = CliRun.run("report", "--merge", dir.resolve("empty").toString(), "--out", out.toString());
        assertThat(empty.exit()).isEqualTo(2);
        assertThat(empty.err()).contains("no journal.json in it or in its subdirectories");
        CliRun nothing = CliRun.run("report");
        assertThat(nothing.exit()).isEqualTo(2);
        assertThat(nothing.err()).contains("runner report --merge DIR_OR_JOURNAL... --out DIR");
        assertThat(out).doesNotExist();
    }
}
