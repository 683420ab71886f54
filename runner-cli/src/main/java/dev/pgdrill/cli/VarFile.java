package dev.pgdrill.cli;

import dev.pgdrill.engine.api.DrillException;
import dev.pgdrill.engine.api.ExitCode;
import dev.pgdrill.engine.model.Location;
import dev.pgdrill.engine.scenario.ConfinedFiles;
import dev.pgdrill.engine.scenario.Problem;
import dev.pgdrill.engine.scenario.ScenarioLoader;
import dev.pgdrill.engine.scenario.YamlNode;
import dev.pgdrill.engine.scenario.YamlTreeReader;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code --var-file FILE}: variables from a file, as untrusted as {@code --var} (a value never
 * becomes SQL text). A file named {@code *.yaml} or {@code *.yml} is a YAML mapping of names to
 * scalars; any other file holds {@code NAME=VALUE} lines, where the value is everything after the
 * first {@code =} as written (no quotes removed), and blank lines and lines starting with {@code #}
 * are skipped. Names follow the rule of {@code --var}. Every problem is reported at once with
 * {@code file:line:column}, and then nothing runs (exit 2).
 */
final class VarFile {
    private VarFile() {
    }

    /** The variables of {@code file}, in file order. */
    static Map<String, String> read(Path file) {
        byte[] content = content(file);
        List<Problem> problems = new ArrayList<>();
        Map<String, String> vars = file.getFileName() != null && file.getFileName().toString().matches(".*\\.ya?ml")
                ? yaml(file, content, problems) : lines(file, content, problems);
        if (!problems.isEmpty()) {
            StringBuilder msg = new StringBuilder();
            problems.stream().sorted(Problem.BY_POSITION).forEach(p -> msg.append(p).append('\n'));
            throw new DrillException(ExitCode.INVALID, msg + "runner: " + Words.plural(problems.size(), "problem")
                    + " in --var-file " + file + "; nothing was run");
        }
        return vars;
    }

    private static Map<String, String> yaml(Path file, byte[] content, List<Problem> problems) {
        Map<String, String> vars = new LinkedHashMap<>();
        if (new String(content, StandardCharsets.UTF_8).lines().allMatch(l -> l.isBlank() || l.strip().startsWith("#"))) {
            return vars;
        }
        YamlNode root = YamlTreeReader.read(file, content, problems);
        if (root == null) {
            return vars;
        }
        if (!(root instanceof YamlNode.Mapping m)) {
            problems.add(new Problem(root.location(), "expected a mapping of variable names to values "
                    + "(e.g. 'victim: Johnson'), found " + YamlNode.describe(root)));
            return vars;
        }
        for (YamlNode.Entry e : m.entries()) {
            if (!name(e.key(), e.keyLocation(), problems)) {
                continue;
            }
            if (e.value() instanceof YamlNode.Scalar s && !s.isNull() && !s.alias()) {
                vars.put(e.key(), String.valueOf(s.value()));
            } else {
                problems.add(new Problem(e.value().location(), "variable '" + e.key()
                        + "': expected text or a number, found " + YamlNode.describe(e.value())));
            }
        }
        return vars;
    }

    private static Map<String, String> lines(Path file, byte[] content, List<Problem> problems) {
        Map<String, String> vars = new LinkedHashMap<>();
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(content)).toString();
        } catch (CharacterCodingException e) {
            problems.add(new Problem(new Location(file, 0, 0), "not UTF-8 text"));
            return vars;
        }
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            int indent = line.indexOf(trimmed.charAt(0));
            Location at = new Location(file, i + 1, indent + 1);
            int eq = line.indexOf('=', indent);
            if (eq < 0) {
                problems.add(new Problem(at, "expected NAME=VALUE (a YAML file must be named *.yaml or *.yml)"));
            } else if (name(line.substring(indent, eq), at, problems)) {
                vars.put(line.substring(indent, eq), line.substring(eq + 1));
            }
        }
        return vars;
    }

    private static boolean name(String name, Location at, List<Problem> problems) {
        String bad = VarName.problem(name);
        if (bad != null) {
            problems.add(new Problem(at, bad));
        }
        return bad == null;
    }

    /** The file's content: a regular file, not a link, read up to {@link ScenarioLoader#MAX_BYTES}. */
    private static byte[] content(Path file) {
        String why;
        try {
            return ConfinedFiles.read(file, ScenarioLoader.MAX_BYTES);
        } catch (ConfinedFiles.Refused e) {
            why = e.getMessage().equals("does not exist") ? "no such file" : e.getMessage();
        } catch (NoSuchFileException e) {
            why = "no such file";
        } catch (AccessDeniedException e) {
            why = "permission denied";
        } catch (IOException e) {
            why = "cannot read: " + e.getMessage();
        }
        throw new DrillException(ExitCode.INVALID, "runner: --var-file " + file + ": " + why + "; nothing was run");
    }
}
