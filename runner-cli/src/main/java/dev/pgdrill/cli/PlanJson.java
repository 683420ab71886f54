package dev.pgdrill.cli;

import dev.pgdrill.engine.model.Durations;
import dev.pgdrill.engine.model.Location;
import dev.pgdrill.engine.model.Redactor;
import dev.pgdrill.engine.model.StepSpec;
import dev.pgdrill.engine.scenario.Scenario;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code runner plan --format json}: the plans as one JSON document, secrets masked as in the text.
 * Shape (version {@link FormatOption#JSON_FORMAT}; fields are only ever added):
 * <pre>
 * {"format": 1, "drills": [{"name", "file", "description", "timeout": "2m00s", "nodes": ["primary", "replica"],
 *   "trial": {"number": 2, "of": 20, "seed": 8812} | null,        (with --seed S --trial K)
 *   "vars": {NAME: VALUE},
 *   "steps" and "finally": [{"block": "steps"|"finally", "number": 1, "type", "name", "id",
 *     "location": {"file", "line", "column"}, "timeout": "1m00s", "defaultTimeout": true,
 *     "params": {NAME: resolved value, or the value drawn in the trial}, "defaults": {NAME: default text},
 *     "drawnFrom": {NAME: "200ms..3s"} (the ranges the trial drew from),
 *     "outputs": ["${steps.ID.OUTPUT}"...], "columnOutputs": false, "nodesAfter": [...] | null}]}]}
 * </pre>
 * Step outputs not known before a run stand as {@code "<steps.ID.OUTPUT>"} inside values.
 */
final class PlanJson {
    private PlanJson() {
    }

    static Map<String, Object> document(List<PlanModel.PlannedDrill> plans) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("format", FormatOption.JSON_FORMAT);
        doc.put("drills", plans.stream().map(PlanJson::drill).toList());
        return doc;
    }

    private static Map<String, Object> drill(PlanModel.PlannedDrill plan) {
        Scenario s = plan.scenario();
        Redactor m = s.secrets();
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("name", m.mask(s.name()));
        d.put("file", m.mask(String.valueOf(s.file())));
        d.put("description", m.mask(s.description()));
        d.put("timeout", Durations.format(s.timeout()));
        d.put("nodes", PlanModel.initialNodes(s));
        Map<String, Object> trial = null;
        if (s.trial() != null) {
            trial = new LinkedHashMap<>();
            trial.put("number", s.trial().number());
            trial.put("of", s.trial().of());
            trial.put("seed", s.trial().runSeed());
        }
        d.put("trial", trial);
        Map<String, Object> vars = new TreeMap<>();
        s.vars().forEach((k, v) -> vars.put(m.mask(k), m.maskValue(k, v)));
        d.put("vars", vars);
        d.put("steps", plan.steps().stream().map(p -> step(p, m)).toList());
        d.put("finally", plan.finallySteps().stream().map(p -> step(p, m)).toList());
        return d;
    }

    private static Map<String, Object> step(PlanModel.PlannedStep p, Redactor m) {
        StepSpec spec = p.spec();
        Map<String, Object> st = new LinkedHashMap<>();
        st.put("block", spec.block());
        st.put("number", spec.index() + 1);
        st.put("type", spec.type());
        st.put("name", spec.name() == null ? null : m.mask(spec.name()));
        st.put("id", spec.id());
        st.put("location", location(spec.location(), m));
        st.put("timeout", Durations.format(p.timeout()));
        st.put("defaultTimeout", p.defaultTimeout());
        Map<String, Object> params = new LinkedHashMap<>();
        Map<String, Object> defaults = new LinkedHashMap<>();
        Map<String, Object> drawnFrom = new LinkedHashMap<>();
        for (PlanModel.PlannedParam param : p.params()) {
            (param.byDefault() ? defaults : params).put(param.name(), m.maskValue(param.name(), param.value()));
            if (param.range() != null) {
                drawnFrom.put(param.name(), m.maskValue(param.name(), param.range()));
            }
        }
        st.put("params", params);
        st.put("defaults", defaults);
        st.put("drawnFrom", drawnFrom);
        List<String> outputs = new ArrayList<>();
        p.outputs().forEach(o -> outputs.add("${steps." + spec.id() + "." + o + "}"));
        st.put("outputs", outputs);
        st.put("columnOutputs", p.columnOutputs());
        st.put("nodesAfter", p.nodesAfter());
        return st;
    }

    /** {@code {"file", "line", "column"}} of a scenario position (also used for validate's problems). */
    static Map<String, Object> location(Location l, Redactor m) {
        Map<String, Object> at = new LinkedHashMap<>();
        if (l == null) {
            return at;
        }
        at.put("file", l.file() == null ? null : m.mask(l.file().toString()));
        at.put("line", l.line() > 0 ? l.line() : null);
        at.put("column", l.line() > 0 && l.column() > 0 ? l.column() : null);
        return at;
    }
}
