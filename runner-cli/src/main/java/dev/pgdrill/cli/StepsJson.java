package dev.pgdrill.cli;

import dev.pgdrill.engine.model.Durations;
import dev.pgdrill.engine.step.Param;
import dev.pgdrill.engine.step.StepType;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * {@code runner steps --format json}: the step vocabulary as one JSON document, from the same step
 * types as the text. Shape (version {@link FormatOption#JSON_FORMAT}; fields are only ever added):
 * <pre>
 * {"format": 1, "steps": [{"type": "restore", "description",
 *   "params": [{"name", "type": "string"|"enum"|..., "allowed": [...], "required": true, "default": "..."|null,
 *               "description"}],
 *   "shorthand": "node"|null, "outputs": ["lsn", ...],
 *   "outputDescriptions": {"lsn": "what it holds", ...}, "defaultTimeout": "5m00s"}]}
 * </pre>
 */
final class StepsJson {
    private StepsJson() {
    }

    static Map<String, Object> document(Collection<StepType<?>> types) {
        List<Map<String, Object>> steps = new ArrayList<>();
        for (StepType<?> t : types) {
            Map<String, Object> step = new LinkedHashMap<>();
            step.put("type", t.key());
            step.put("description", t.description());
            List<Map<String, Object>> params = new ArrayList<>();
            for (Param p : t.params()) {
                Map<String, Object> param = new LinkedHashMap<>();
                param.put("name", p.name());
                param.put("type", p.type().name().toLowerCase(Locale.ROOT));
                param.put("allowed", p.allowed());
                param.put("required", p.required());
                param.put("default", p.defaultValue());
                param.put("description", p.description());
                params.add(param);
            }
            step.put("params", params);
            step.put("shorthand", t.shorthand());
            step.put("outputs", List.copyOf(new TreeSet<>(t.outputs())));
            Map<String, String> described = new LinkedHashMap<>();
            t.outputDescriptions().forEach(o -> described.put(o.name(), o.description()));
            step.put("outputDescriptions", described);
            step.put("defaultTimeout", Durations.format(t.defaultTimeout()));
            steps.add(step);
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("format", FormatOption.JSON_FORMAT);
        doc.put("steps", steps);
        return doc;
    }
}
