package dev.pgdrill.engine.arch;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rules on the source text that bytecode cannot show: no fully-qualified class names written inline in
 * code (an import says once what a name means). Reads every module's main sources.
 */
class SourceRulesTest {
    /** A qualified name such as {@code java.util.Locale.ROOT} outside an import or a comment. */
    static final Pattern INLINE_QUALIFIED = Pattern.compile(
            "(?<![\\w.\"])(?:java|javax|dev|org|com)(?:\\.[a-z][a-z0-9_]*)+\\.[A-Z]\\w*");

    @Test
    void codeNamesClassesByTheirImportNotInline() throws IOException {
        Path root = Path.of("..").toAbsolutePath().normalize();
        List<String> found = new ArrayList<>();
        for (String module : List.of("engine", "environment", "runner-cli", "junit")) {
            Path sources = root.resolve(module).resolve("src/main/java");
            assertThat(sources).isDirectory();
            try (Stream<Path> files = Files.walk(sources)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    found.addAll(inlineNames(root.relativize(f).toString(), Files.readAllLines(f)));
                }
            }
        }
        assertThat(found).as("inline qualified names (import them instead)").isEmpty();
    }

    @Test
    void theRuleSeesAnInlineNameAndLeavesImportsCommentsAndStringsAlone() {
        List<String> lines = List.of(
                "import java.util.Locale;",
                " * {@link java.util.Locale} in Javadoc",
                "    // java.util.Locale in a comment",
                "    String s = \"java.util.Locale\";",
                "    String t = x.toLowerCase(java.util.Locale.ROOT);");
        assertThat(inlineNames("X.java", lines)).containsExactly("X.java:5: java.util.Locale");
    }

    static List<String> inlineNames(String file, List<String> lines) {
        List<String> found = new ArrayList<>();
        boolean inComment = false;
        for (int i = 0; i < lines.size(); i++) {
            String s = lines.get(i).strip();
            if (s.startsWith("/*")) {
                inComment = true;
            }
            boolean skip = inComment || s.startsWith("//") || s.startsWith("*") || s.startsWith("import ")
                    || s.startsWith("package ");
            if (s.contains("*/")) {
                inComment = false;
            }
            if (skip) {
                continue;
            }
            var m = INLINE_QUALIFIED.matcher(lines.get(i));
            while (m.find()) {
                found.add(file + ":" + (i + 1) + ": " + m.group());
            }
        }
        return found;
    }
}
