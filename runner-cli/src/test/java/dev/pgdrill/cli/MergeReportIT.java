package dev.pgdrill.cli;

import dev.pgdrill.environment.Environments;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code runner report --merge} on the journals of two real runs of the same drill on the local
 * backend (as two CI shards or versions would write them): one passes, one fails; the merged report
 * keeps both, apart.
 */
class MergeReportIT {
    /** A short real drill; {@code --var answer=41} makes its second step (line 6) fail. */
    static final String DRILL = """
            name: example
            vars: { answer: 42 }
            steps:
              - name: the primary answers
                verify: { on: primary, query: "SELECT 1", equals: 1 }
              - name: the answer is right
                verify: { on: primary, query: "SELECT CAST(:a AS int)", params: { a: "${vars.answer}" }, equals: 42 }
              - name: the replica answers
                verify: { on: replica, query: "SELECT 1", equals: 1 }
            """;

    @Test
    void joinsThePassingAndTheFailingRunOfTheSameDrill(@TempDir Path dir) throws Exception {
        Path drill = Files.writeString(dir.resolve("example.yaml"), DRILL);
        Path good = dir.resolve("pg15-good");
        Path bad = dir.resolve("pg15-bad");
        CliRun passed = CliRun.run(Environments::factory, "--no-color", "--report-dir", good.toString(),
                drill.toString());
        assertThat(passed.exit()).as(passed.toString()).isZero();
        CliRun failed = CliRun.run(Environments::factory, "--no-color", "--report-dir", bad.toString(),
                "--var", "answer=41", drill.toString());
        assertThat(failed.exit()).as(failed.toString()).isEqualTo(1);

        Path out = dir.resolve("merged");
        CliRun r = CliRun.run("report", "--merge", good.toString(), bad.toString(), "--out", out.toString());
        assertThat(r.exit()).as(r.toString()).isZero();

        String index = Files.readString(out.resolve("index.html"));
        assertThat(index).contains(good.toString(), bad.toString(), "1 of 2 passed", "href=\"example.html\"",
                "href=\"example-2.html\"");
        assertThat(Files.readString(out.resolve("example.html"))).contains(good.toString(), "PASSED");
        assertThat(Files.readString(out.resolve("example-2.html"))).contains(bad.toString(), "Why it failed");

        Document junit = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(out.resolve("junit.xml").toFile());
        NodeList suites = junit.getElementsByTagName("testsuite");
        assertThat(suites.getLength()).isEqualTo(2);
        Element first = (Element) suites.item(0);
        Element second = (Element) suites.item(1);
        assertThat(first.getAttribute("name")).isEqualTo("example [" + good + "]");
        assertThat(first.getAttribute("failures")).isEqualTo("0");
        assertThat(second.getAttribute("name")).isEqualTo("example [" + bad + "]");
        assertThat(second.getAttribute("failures")).isEqualTo("1");
        String failure = second.getElementsByTagName("failure").item(0).getTextContent();
        assertThat(failure.strip().lines().findFirst().orElseThrow())
                .startsWith(drill + ":6:5: step failed: ");
        assertThat(second.getElementsByTagName("system-out").item(0).getTextContent())
                .contains("[[ATTACHMENT|" + out.resolve("example-2.html") + "]]");
        // test case names of both runs are the same, so a CI's history lines them up
        assertThat(((Element) first.getElementsByTagName("testcase").item(2)).getAttribute("name"))
                .isEqualTo("the replica answers")
                .isEqualTo(((Element) second.getElementsByTagName("testcase").item(2)).getAttribute("name"));
    }
}
