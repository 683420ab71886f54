package dev.pgdrill.engine.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A journal is untrusted input: it never decides where files go or what pages link to, and a bad one is refused. */
class HostileJournalTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path dir;

    /** A journal a run wrote, changed by {@code edit}, as the file {@code dir/in/journal.json}. */
    private Path journal(Consumer<ObjectNode> edit) throws Exception {
        Path live = dir.resolve("live");
        ReportFilesListener.writeAll(ReportModel.of(ReportFixtures.T0, ReportFixtures.run(), Map.of()), live);
        ObjectNode root = (ObjectNode) JSON.readTree(live.resolve(JsonJournal.FILE).toFile());
        edit.accept(root);
        Path file = dir.resolve("in").resolve(JsonJournal.FILE);
        Files.createDirectories(file.getParent());
        Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root));
        return file;
    }

    private static ObjectNode drill(ObjectNode root, int i) {
        return (ObjectNode) root.get("drills").get(i);
    }

    private List<Path> everyFileUnder(Path top) throws Exception {
        try (Stream<Path> s = Files.walk(top)) {
            return s.filter(Files::isRegularFile).toList();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"../../escaped.html", "/tmp/pgdrill-escaped.html", "javascript:alert(1)", "sub/dir.html",
            ".hidden.html", "a..html"})
    void aPageFieldThatIsNotAPlainNameIsRefusedWithWhereItIs(String page) throws Exception {
        Path file = journal(root -> drill(root, 1).put("page", page));
        Path out = dir.resolve("in").resolve("out");
        assertThatThrownBy(() -> Reports.renderHtml(file, out))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a pgdrill journal: " + file)
                .hasMessageContaining("journal.schema.json")
                .hasMessageMatching("(?s).*" + java.util.regex.Pattern.quote(file.toString()) + ":\\d+:\\d+: at \\$\\.drills\\[1]\\.page: .*");
        assertThat(out).doesNotExist();
        assertThat(dir.resolve("escaped.html")).doesNotExist();
        assertThat(Path.of("/tmp/pgdrill-escaped.html")).doesNotExist();
    }

    @Test
    void pageNamesAndLinksAreDerivedNeverTakenFromTheJournal() throws Exception {
        Path file = journal(root -> {
            drill(root, 0).put("name", "../../../etc/evil\"><script>x</script>");
            drill(root, 0).put("page", "index.html");      // plain, so the schema lets it through: still ignored
            drill(root, 1).put("name", "javascript:alert(1)");
            drill(root, 1).put("page", "elsewhere.html");
        });
        Path out = dir.resolve("in").resolve("out");
        Reports.renderHtml(file, out);
        assertThat(everyFileUnder(dir.resolve("in"))).allSatisfy(p -> assertThat(p.getParent()).isIn(out, file.getParent()));
        assertThat(out.resolve("elsewhere.html")).doesNotExist();
        var links = Jsoup.parse(out.resolve("index.html").toFile()).select("a.drill-link");
        assertThat(links.eachAttr("href")).containsExactly("etc-evil-script-x-script-.html", "javascript-alert-1-.html",
                "failover-data-loss.html", "naive-backup.html");
        assertThat(out.resolve("etc-evil-script-x-script-.html")).isRegularFile();
        assertThat(Files.readString(out.resolve("index.html"))).doesNotContain("<script>x</script>");
        assertThat(JsonJournal.read(file).drills().get(1).page()).isEqualTo("javascript-alert-1-.html");
    }

    @Test
    void aLinkPlantedWhereAPageGoesIsRefusedAndItsTargetUntouched() throws Exception {
        Path file = journal(root -> { });
        Path out = Files.createDirectories(dir.resolve("out"));
        Path victim = Files.writeString(dir.resolve("victim.txt"), "untouched");
        Files.createSymbolicLink(out.resolve("pitr.html"), victim);
        assertThatThrownBy(() -> Reports.renderHtml(file, out)).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("cannot write report file " + out.resolve("pitr.html").toAbsolutePath())
                .hasMessageContaining("symbolic link");
        assertThat(Files.readString(victim)).isEqualTo("untouched");
        Files.createSymbolicLink(out.resolve(".index.html.tmp"), victim); // a planted temporary is removed, not followed
        Files.delete(out.resolve("pitr.html"));
        Reports.renderHtml(file, out);
        assertThat(Files.readString(victim)).isEqualTo("untouched");
        assertThat(out.resolve("index.html")).isRegularFile();
    }

    @Test
    void reportFileNamesMustBePlainNames() {
        for (String name : List.of("../x.html", "/etc/passwd", "a/b.html", ".x", "", "a..b", "index.html\0")) {
            assertThatThrownBy(() -> ReportPaths.confined(dir, name)).as(name).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(ReportPaths.confined(dir, "pitr.html")).isEqualTo(dir.toAbsolutePath().resolve("pitr.html"));
    }

    @Test
    void aJournalNestedTooDeepIsRefusedWithWhereItIs() throws Exception {
        Path file = dir.resolve("deep.json");
        Files.writeString(file, "{\"format\": 1, \"drills\": [{\"steps\": [{\"params\": {\"x\": " + "[".repeat(100_000)
                + "]".repeat(100_000) + "}}]}]}");
        assertThatThrownBy(() -> JsonJournal.read(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("not a pgdrill journal: " + file + ":1:")
                .hasMessageEndingWith(": nested deeper than the 64 levels a journal may have");
    }

    @Test
    void aJournalTooBigIsRefusedBeforeItIsRead() throws Exception {
        Path file = dir.resolve("huge.json");
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(JournalSchema.MAX_BYTES + 1); // sparse: costs no disk
        }
        assertThatThrownBy(() -> JsonJournal.read(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a pgdrill journal: " + file + " is " + (JournalSchema.MAX_BYTES + 1)
                        + " bytes, more than the 64 MiB a journal may have");
    }

    @Test
    void malformedJournalsAreRefusedWithFileLineColumnAndPath() throws Exception {
        Path unknown = journal(root -> drill(root, 0).put("pgae", "x.html"));
        assertThatThrownBy(() -> JsonJournal.read(unknown)).hasMessageMatching(
                "(?s).*journal\\.json:\\d+:\\d+: at \\$\\.drills\\[0]: property 'pgae' is not defined in the schema.*");
        Path type = journal(root -> drill(root, 2).put("durationMs", "soon"));
        assertThatThrownBy(() -> JsonJournal.read(type)).hasMessageMatching(
                "(?s).*journal\\.json:\\d+:\\d+: at \\$\\.drills\\[2]\\.durationMs: string found, integer expected.*");
        Path status = journal(root -> drill(root, 0).put("status", "<b>PASSED</b>"));
        assertThatThrownBy(() -> JsonJournal.read(status)).hasMessageContaining("at $.drills[0].status:");
        Path missing = journal(root -> root.remove("drills"));
        assertThatThrownBy(() -> JsonJournal.read(missing)).hasMessageContaining("journal.json:1:1: at $: required property 'drills' not found");
        Path format = journal(root -> root.put("format", 2));
        assertThatThrownBy(() -> JsonJournal.read(format)).hasMessageMatching("not a journal this runner can read: "
                + "\\S*journal\\.json:\\d+:\\d+: journal format 2, this runner reads format 1 only \\(.*");
        Path dup = dir.resolve("dup.json");
        Files.writeString(dup, "{\"format\": 1,\n \"format\": 1}");
        assertThatThrownBy(() -> JsonJournal.read(dup)).hasMessageStartingWith("not a pgdrill journal: " + dup + ":2:")
                .hasMessageContaining("Duplicate field 'format'");
    }
}
