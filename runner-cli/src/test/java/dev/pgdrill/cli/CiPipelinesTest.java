package dev.pgdrill.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.pgdrill.engine.model.Redactor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * The shipped pipelines ({@code .github/workflows/drills.yml}, {@code ci/gitlab-ci.yml}) are what
 * the issue asks for, and every {@code runner} command line in them, with each matrix value
 * filled in, is accepted by the real command line of the CLI (options, values and subcommands).
 */
class CiPipelinesTest {
    static final Path GITHUB = Path.of("..", ".github", "workflows", "drills.yml");
    static final Path GITLAB = Path.of("..", "ci", "gitlab-ci.yml");
    private static final Pattern EXPRESSION = Pattern.compile("\\$\\{\\{\\s*([^}]*?)\\s*}}");
    private static final Pattern VARIABLE = Pattern.compile("\\$(?:\\{([A-Za-z_][A-Za-z0-9_]*)}|([A-Za-z_][A-Za-z0-9_]*))");

    /** One runner command line of a pipeline with one combination of matrix values filled in. */
    record Command(Path file, int line, String job, Map<String, String> matrix, List<String> args) {
        @Override
        public String toString() {
            return file.getFileName() + ":" + line + " " + job + " " + matrix + ": runner " + String.join(" ", args);
        }
    }

    static Stream<Command> commands() throws IOException {
        List<Command> all = new ArrayList<>();
        all.addAll(github());
        all.addAll(gitlab());
        return all.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commands")
    void everyRunnerCommandLineParsesWithTheCli(Command c) {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        PrintStream p = new PrintStream(sink);
        CliContext ctx = CliContext.of(p, p);
        String[] args = c.args().toArray(String[]::new);
        assertThatCode(() -> Cli.commandLine(ctx, new Redactor(), args).parseArgs(args)).as(c.toString())
                .doesNotThrowAnyException();
    }

    @Test
    void bothPipelinesHaveRunnerCommandsForEveryShard() throws IOException {
        for (List<Command> found : List.of(github(), gitlab())) {
            Set<String> shards = new LinkedHashSet<>();
            for (Command c : found) {
                int i = c.args().indexOf("--shard");
                if (i >= 0) {
                    shards.add(c.args().get(i + 1));
                }
            }
            assertThat(shards).containsExactlyInAnyOrder("1/3", "2/3", "3/3");
            assertThat(found).anySatisfy(c -> assertThat(c.args()).startsWith("report", "--merge"));
        }
    }

    @Test
    void theGithubWorkflowSetsUpJavaCachesMavenUploadsReportsPublishesJunitAndMerges() throws IOException {
        JsonNode wf = new YAMLMapper().readTree(GITHUB.toFile());
        JsonNode drills = wf.at("/jobs/drills");
        JsonNode matrix = drills.at("/strategy/matrix");
        assertThat(matrix.at("/shard").size()).isEqualTo(3);
        assertThat(texts(matrix.at("/postgres"))).contains("15", "17");
        assertThat(texts(matrix.at("/backup-tool"))).contains("pg_basebackup", "pgbackrest");
        assertThat(combinations(matrix)).as("every shard of every version and tool").hasSize(12);
        assertThat(step(drills, "actions/setup-java").at("/with/cache").asText()).isEqualTo("maven");
        assertThat(step(drills, "actions/upload-artifact").at("/if").asText()).isEqualTo("always()");
        JsonNode report = wf.at("/jobs/report");
        assertThat(report.at("/needs").asText()).isEqualTo("drills");
        assertThat(report.at("/if").asText()).isEqualTo("always()");
        assertThat(step(report, "actions/download-artifact").at("/with/pattern").asText()).isEqualTo("drill-reports-*");
        assertThat(step(report, "action-junit-report").at("/with/report_paths").asText()).isEqualTo("merged/junit.xml");
    }

    @Test
    void theGitlabExampleReportsJunitAndExposesTheHtml() throws IOException {
        JsonNode ci = new YAMLMapper().readTree(GITLAB.toFile());
        assertThat(ci.at("/drills/artifacts/reports/junit").asText()).isEqualTo("reports/*/junit.xml");
        assertThat(ci.at("/drills/artifacts/when").asText()).isEqualTo("always");
        assertThat(ci.at("/drills/artifacts/expose_as").asText()).isNotBlank();
        assertThat(ci.at("/drills:report/artifacts/expose_as").asText()).isNotBlank();
        assertThat(texts(ci.at("/drills:report/needs"))).containsExactly("drills");
        assertThat(ci.at("/cache/paths/0").asText()).isEqualTo(".m2/repository");
    }

    private static List<Command> github() throws IOException {
        JsonNode wf = new YAMLMapper().readTree(GITHUB.toFile());
        List<String> raw = Files.readAllLines(GITHUB);
        List<Command> out = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> jobs = wf.path("jobs").fields(); jobs.hasNext(); ) {
            Map.Entry<String, JsonNode> job = jobs.next();
            for (Map<String, String> m : combinations(job.getValue().at("/strategy/matrix"))) {
                UnaryOperator<String> expr = text -> replace(EXPRESSION, text, g -> {
                    String[] ref = g.group(1).split("\\.", 2);
                    String v = ref[0].equals("matrix") ? m.get(ref[1]) : null;
                    if (v == null && ref[0].equals("env")) {
                        v = env(wf, job.getValue()).get(ref[1]);
                    }
                    return v;
                });
                Map<String, String> env = new LinkedHashMap<>();
                env(wf, job.getValue()).forEach((k, v) -> env.put(k, expr.apply(v)));
                for (JsonNode step : job.getValue().path("steps")) {
                    if (step.has("run")) {
                        runnerLines(expr.apply(step.get("run").asText()), env::get)
                                .forEach(args -> out.add(new Command(GITHUB, lineOf(raw, args), job.getKey(), m, args)));
                    }
                }
            }
        }
        return out;
    }

    private static List<Command> gitlab() throws IOException {
        JsonNode ci = new YAMLMapper().readTree(GITLAB.toFile());
        List<String> raw = Files.readAllLines(GITLAB);
        List<Command> out = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> jobs = ci.fields(); jobs.hasNext(); ) {
            Map.Entry<String, JsonNode> job = jobs.next();
            if (!job.getValue().has("script")) {
                continue;
            }
            JsonNode matrix = job.getValue().at("/parallel/matrix");
            List<Map<String, String>> combos = new ArrayList<>();
            if (matrix.isArray()) {
                matrix.forEach(entry -> combos.addAll(combinations(entry)));
            } else {
                combos.add(Map.of());
            }
            for (Map<String, String> m : combos) {
                Map<String, String> vars = new LinkedHashMap<>(m);
                ci.path("variables").fields().forEachRemaining(e -> vars.put(e.getKey(), e.getValue().asText()));
                job.getValue().path("variables").fields().forEachRemaining(e -> vars.put(e.getKey(), e.getValue().asText()));
                UnaryOperator<String> lookup = name -> vars.containsKey(name)
                        ? replace(VARIABLE, vars.get(name), g -> vars.get(g.group(1) != null ? g.group(1) : g.group(2)))
                        : null;
                for (JsonNode line : job.getValue().path("script")) {
                    runnerLines(line.asText(), lookup)
                            .forEach(args -> out.add(new Command(GITLAB, lineOf(raw, args), job.getKey(), m, args)));
                }
            }
        }
        return out;
    }

    private static Map<String, String> env(JsonNode wf, JsonNode job) {
        Map<String, String> env = new LinkedHashMap<>();
        wf.path("env").fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
        job.path("env").fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
        return env;
    }

    /** Every combination of a matrix's lists (GitHub's {@code exclude} applied); one empty one without a matrix. */
    static List<Map<String, String>> combinations(JsonNode matrix) {
        List<Map<String, String>> combos = new ArrayList<>();
        combos.add(new LinkedHashMap<>());
        for (Iterator<Map.Entry<String, JsonNode>> keys = matrix.fields(); keys.hasNext(); ) {
            Map.Entry<String, JsonNode> key = keys.next();
            if (key.getKey().equals("exclude") || key.getKey().equals("include")) {
                continue;
            }
            List<Map<String, String>> next = new ArrayList<>();
            for (Map<String, String> c : combos) {
                for (String v : texts(key.getValue())) {
                    Map<String, String> more = new LinkedHashMap<>(c);
                    more.put(key.getKey(), v);
                    next.add(more);
                }
            }
            combos = next;
        }
        for (JsonNode ex : matrix.path("exclude")) {
            combos.removeIf(c -> {
                for (Iterator<Map.Entry<String, JsonNode>> f = ex.fields(); f.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = f.next();
                    if (!e.getValue().asText().equals(c.get(e.getKey()))) {
                        return false;
                    }
                }
                return true;
            });
        }
        return combos;
    }

    private static List<String> texts(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(n -> out.add(n.asText()));
        } else if (!node.isMissingNode()) {
            out.add(node.asText());
        }
        return out;
    }

    private static JsonNode step(JsonNode job, String uses) {
        for (JsonNode s : job.path("steps")) {
            if (s.path("uses").asText().contains(uses)) {
                return s;
            }
        }
        throw new AssertionError("no step uses " + uses);
    }

    /**
     * The arguments of every {@code runner} or {@code ./runner} command in a shell script: lines
     * joined at a trailing backslash, commands split at {@code &&}, {@code ||} and {@code ;},
     * leading {@code NAME=value} assignments skipped, words split as the shell does (quotes,
     * {@code $NAME} and {@code ${NAME}} expanded with {@code lookup}; an unknown variable fails).
     */
    static List<List<String>> runnerLines(String script, UnaryOperator<String> lookup) {
        List<List<String>> out = new ArrayList<>();
        for (String line : script.replace("\\\n", " ").split("\n")) {
            for (String command : line.split("&&|\\|\\||;")) {
                List<String> words = words(command, lookup);
                while (!words.isEmpty() && words.get(0).matches("[A-Za-z_][A-Za-z0-9_]*=.*")) {
                    words.remove(0);
                }
                if (!words.isEmpty() && words.get(0).matches("(\\./)?runner")) {
                    out.add(new ArrayList<>(words.subList(1, words.size())));
                }
            }
        }
        return out;
    }

    private static List<String> words(String command, UnaryOperator<String> lookup) {
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        char quote = 0;
        for (int i = 0; i < command.length(); i++) {
            char ch = command.charAt(i);
            if (quote == 0 && ch == '#' && word == null) {
                break;
            }
            if (quote == 0 && Character.isWhitespace(ch)) {
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                }
                continue;
            }
            word = word == null ? new StringBuilder() : word;
            if (ch == quote) {
                quote = 0;
            } else if (quote == 0 && (ch == '\'' || ch == '"')) {
                quote = ch;
            } else if (ch == '$' && quote != '\'') {
                Matcher m = VARIABLE.matcher(command).region(i, command.length());
                if (!m.lookingAt()) {
                    word.append(ch);
                    continue;
                }
                String name = m.group(1) != null ? m.group(1) : m.group(2);
                String value = lookup.apply(name);
                assertThat(value).as("variable $%s in: %s", name, command).isNotNull();
                i = m.end() - 1;
                if (quote != 0) {
                    word.append(value);
                    continue;
                }
                // unquoted: the value is split into words, and an empty one leaves no word, as in the shell
                String[] parts = value.strip().split("\\s+");
                word.append(parts[0]);
                for (int k = 1; k < parts.length; k++) {
                    words.add(word.toString());
                    word = new StringBuilder(parts[k]);
                }
                if (word.length() == 0) {
                    word = null;
                }
            } else {
                word.append(ch);
            }
        }
        if (word != null) {
            words.add(word.toString());
        }
        return words;
    }

    private static String replace(Pattern p, String text, Function<Matcher, String> value) {
        Matcher m = p.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String v = value.apply(m);
            assertThat(v).as("%s in: %s", m.group(), text).isNotNull();
            m.appendReplacement(out, Matcher.quoteReplacement(v));
        }
        return m.appendTail(out).toString();
    }

    /** The line of the raw file where the command's subcommand or first option appears after "runner". */
    private static int lineOf(List<String> raw, List<String> args) {
        String first = args.isEmpty() ? "" : args.get(0);
        for (int i = 0; i < raw.size(); i++) {
            String l = raw.get(i);
            if (l.matches(".*(\\./)?runner " + Pattern.quote(first) + "( .*|$)") && !l.strip().startsWith("#")) {
                return i + 1;
            }
        }
        return 0;
    }

    @Test
    void theCommandFinderReadsShellAsTheShellDoes() {
        List<List<String>> found = runnerLines("cd x && A=1 ./runner --shard \"$N\"/3 $NONE $TWO 'lit $X' \\\n  scenarios/ # note\n"
                + "echo runner; runner --version", Map.of("N", "2", "NONE", "", "TWO", "--tags  a,b")::get);
        assertThat(found).containsExactly(List.of("--shard", "2/3", "--tags", "a,b", "lit $X", "scenarios/"),
                List.of("--version"));
    }
}
