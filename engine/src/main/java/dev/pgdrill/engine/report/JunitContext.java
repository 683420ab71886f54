package dev.pgdrill.engine.report;

import java.util.Map;

/**
 * The text inside a JUnit {@code <failure>}/{@code <error>}: what a CI reader needs to see why. It
 * starts with where the failing step is written ({@code scenarios/pitr.yaml:24:5: ...}), the form
 * CI systems and editors turn into a link.
 */
final class JunitContext {
    private JunitContext() {
    }

    /** @param s the failing step, or null when the drill failed outside any step */
    static String of(DrillReport d, StepReport s) {
        StringBuilder b = new StringBuilder("\n");
        if (s == null) {
            if (d.file() != null) {
                b.append(d.file()).append(": drill ").append(d.status().word()).append('\n');
            }
            b.append("drill: ").append(d.name()).append('\n');
            b.append("status: ").append(d.status()).append('\n');
            b.append("message: ").append(nullToEmpty(d.message())).append('\n');
            return b.toString();
        }
        if (!s.bad()) {
            return "";
        }
        if (s.location() != null) {
            b.append(s.location()).append(": step ").append(s.status().word()).append(": ")
                    .append(nullToEmpty(s.message()).lines().findFirst().orElse("")).append('\n');
        }
        b.append("step: ").append(s.title()).append(" (").append(s.type()).append(")\n");
        b.append("message: ").append(nullToEmpty(s.message())).append('\n');
        if (!s.params().isEmpty()) {
            b.append("parameters:\n");
            for (Map.Entry<String, Object> e : s.params().entrySet()) {
                b.append("  ").append(e.getKey()).append(": ").append(Fmt.param(e.getValue())).append('\n');
            }
        }
        if (!s.outputs().isEmpty()) {
            b.append("outputs:\n");
            s.outputs().forEach((k, v) -> b.append("  ").append(k).append(" = ").append(v).append('\n'));
        }
        if (!s.evidence().isEmpty()) {
            b.append("evidence:\n");
            s.evidence().forEach(l -> b.append("  ").append(l).append('\n'));
        }
        if (!s.logTail().isEmpty()) {
            b.append("server log tail:\n");
            s.logTail().forEach(l -> b.append("  ").append(l).append('\n'));
        }
        return b.toString();
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
