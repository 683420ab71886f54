package dev.pgdrill.engine.report;

import java.util.Map;

/** The text inside a JUnit {@code <failure>}/{@code <error>}: what a CI reader needs to see why. */
final class JunitContext {
    private JunitContext() {
    }

    /** @param s the failing step, or null when the drill failed outside any step */
    static String of(DrillReport d, StepReport s) {
        StringBuilder b = new StringBuilder("\n");
        if (s == null) {
            b.append("drill: ").append(d.name()).append('\n');
            b.append("status: ").append(d.status()).append('\n');
            b.append("message: ").append(nullToEmpty(d.message())).append('\n');
            return b.toString();
        }
        if (!s.bad()) {
            return "";
        }
        b.append("step: ").append(s.title()).append(" (").append(s.type()).append(")\n");
        if (s.location() != null) {
            b.append("at: ").append(s.location()).append('\n');
        }
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
