package dev.pgdrill.engine.report;

import dev.pgdrill.engine.model.Measurement;
import dev.pgdrill.engine.run.StepStatus;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The step list of a drill page: one native {@code <details>} per step (expands without script),
 * open when the step did not pass; the body shows SQL and parameters, outputs, measurements,
 * evidence and, on failure, the message and server log tail.
 */
final class StepDetails {
    /** The id of a step's section on its drill page, which the summary and the timeline link to. */
    static String anchor(StepReport s) {
        return (s.finallyBlock() ? "finally-" : "step-") + s.number();
    }

    private static final Set<String> CODE_KEYS = Set.of("run", "query", "sql", "statement", "command", "script",
            "exec", "cmd");

    private StepDetails() {
    }

    static void list(Html h, List<StepReport> steps) {
        h.open("div", "class", "step-list");
        for (StepReport s : steps) {
            step(h, s);
        }
        h.close("div").nl();
    }

    private static void step(Html h, StepReport s) {
        h.open("details", "class", "step " + Html.statusClass(s.status()), "id", anchor(s),
                "open", s.bad() ? "open" : null);
        h.open("summary");
        h.el("span", "#" + s.number(), "class", "num").badge(s.status()).el("span", s.label(), "class", "label")
                .el("span", s.type(), "class", "type")
                .el("span", s.status() == StepStatus.SKIPPED ? "" : Fmt.duration(s.durationMs()), "class", "dur");
        h.close("summary");
        h.open("div", "class", "step-body");
        if (s.message() != null) {
            h.el("pre", s.message(), "class", "mono message " + Html.statusClass(s.status()));
        }
        h.open("dl", "class", "facts");
        h.fact("type", s.type());
        h.fact("id", s.id());
        h.fact("written at", s.location());
        h.fact("started", Fmt.when(s.start()));
        h.fact("duration", Fmt.duration(s.durationMs()));
        h.close("dl");
        params(h, s.params());
        if (!s.outputs().isEmpty()) {
            h.el("h4", "Outputs");
            h.open("table", "class", "kv");
            s.outputs().forEach((k, v) -> h.open("tr").el("th", k).open("td").el("code", v).close("td").close("tr"));
            h.close("table");
        }
        if (!s.measurements().isEmpty()) {
            h.el("h4", "Measurements");
            h.open("table", "class", "kv");
            for (Measurement m : s.measurements()) {
                h.open("tr").el("th", m.name()).el("td", Fmt.measurement(m), "class", "num").close("tr");
            }
            h.close("table");
        }
        if (!s.samples().isEmpty()) {
            h.el("p", s.samples().size() + " samples recorded (" + String.join(", ",
                    s.samples().stream().map(p -> p.series()).distinct().toList()) + ")", "class", "hint");
        }
        if (!s.evidence().isEmpty()) {
            h.el("h4", "Evidence");
            h.el("pre", String.join("\n", s.evidence()), "class", "mono evidence");
        }
        if (!s.logTail().isEmpty()) {
            h.el("h4", "Server log tail");
            h.el("pre", String.join("\n", s.logTail()), "class", "mono log");
        }
        h.close("div");
        h.close("details").nl();
    }

    private static void params(Html h, Map<String, Object> params) {
        if (params.isEmpty()) {
            return;
        }
        h.el("h4", "Parameters");
        h.open("table", "class", "kv params");
        params.forEach((k, v) -> {
            String text = Fmt.param(v);
            h.open("tr").el("th", k).open("td");
            if (CODE_KEYS.contains(k) || text.contains("\n")) {
                h.el("pre", text, "class", "mono sql");
            } else {
                h.el("code", text);
            }
            h.close("td").close("tr");
        });
        h.close("table");
    }
}
