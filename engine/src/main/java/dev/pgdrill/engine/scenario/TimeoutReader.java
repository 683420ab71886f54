package dev.pgdrill.engine.scenario;

import dev.pgdrill.engine.model.Durations;
import dev.pgdrill.engine.model.Placeholders;

import java.time.Duration;
import java.util.function.UnaryOperator;

/** Reads a drill or step {@code timeout}: a duration, possibly from {@code ${vars.x}} or {@code ${env.X}}. */
final class TimeoutReader {
    private final Problems problems;
    private final UnaryOperator<String> staticText;

    /** @param staticText resolves vars and env references, null when that is impossible */
    TimeoutReader(Problems problems, UnaryOperator<String> staticText) {
        this.problems = problems;
        this.staticText = staticText;
    }

    /** @return the duration, or null after reporting why it is not one */
    Duration read(YamlNode value, String what) {
        String expected = "expected a duration like 500ms, 30s or 2m";
        if (!(value instanceof YamlNode.Scalar s) || s.isNull()) {
            problems.add(value.location(), what + ": " + expected + ", found " + YamlNode.describe(value));
            return null;
        }
        String text = String.valueOf(s.value());
        if (s.value() instanceof String raw && Placeholders.mentions(raw)) {
            text = staticText.apply(raw);
            if (text == null) {
                problems.add(value.location(), what + ": " + expected + ", found " + YamlNode.describe(value)
                        + " (only ${vars.NAME} and ${env.NAME} that are set can be used here)");
                return null;
            }
        }
        Duration d = Durations.parseOrNull(text);
        if (d == null || d.isZero()) {
            String unit = s.value() instanceof Number ? "; add a unit, e.g. '" + text + "s'" : "";
            problems.add(value.location(), what + ": " + expected + " (more than zero), found "
                    + YamlNode.describe(value) + unit);
        }
        return d;
    }
}
