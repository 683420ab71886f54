package dev.pgdrill.engine.scenario;

import dev.pgdrill.engine.model.Location;
import dev.pgdrill.engine.step.Param;
import dev.pgdrill.engine.step.StepRegistry;
import dev.pgdrill.engine.step.StepType;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the items of {@code steps:} or {@code finally:}: one step-type key per item plus the common
 * keys {@code id}, {@code name} and {@code timeout}; the value under the type key is a mapping of
 * parameters, a scalar for the type's shorthand parameter, or nothing.
 */
final class StepReader {
    static final List<String> COMMON_KEYS = List.of("id", "name", "timeout");
    static final Pattern ID = Pattern.compile("[a-z][a-z0-9_-]*");
    private final StepRegistry registry;
    private final Problems problems;
    private final TimeoutReader timeouts;

    StepReader(StepRegistry registry, Problems problems, TimeoutReader timeouts) {
        this.registry = registry;
        this.problems = problems;
        this.timeouts = timeouts;
    }

    List<StepDraft> read(YamlNode.Entry entry) {
        String block = entry.key();
        YamlNode value = entry.value();
        List<StepDraft> out = new ArrayList<>();
        if (value instanceof YamlNode.Scalar s && s.isNull()) {
            return out;
        }
        if (!(value instanceof YamlNode.Sequence list)) {
            problems.add(value.location(), "'" + block + "' must be a list of steps, each item starting with '- ' "
                    + "(e.g. '- sql: {...}'), found " + YamlNode.describe(value));
            return out;
        }
        for (int i = 0; i < list.items().size(); i++) {
            YamlNode item = list.items().get(i);
            String label = StepDraft.position(block, i);
            if (item instanceof YamlNode.Mapping m) {
                out.add(step(block, i, m));
            } else if (item instanceof YamlNode.Scalar s && s.value() instanceof String text
                    && registry.find(text.trim()).isPresent()) {
                problems.add(item.location(), label + ": expected a mapping, found '" + text
                        + "'; write '- " + text.trim() + ":' (with a colon) for a step without parameters");
            } else {
                problems.add(item.location(), label + ": expected a mapping with one step-type key "
                        + "(e.g. '- sql: {...}'), found " + YamlNode.describe(item));
            }
        }
        return out;
    }

    private StepDraft step(String block, int index, YamlNode.Mapping m) {
        StepDraft d = new StepDraft(block, index, m);
        List<YamlNode.Entry> unknown = new ArrayList<>();
        List<YamlNode.Entry> types = new ArrayList<>();
        for (YamlNode.Entry e : m.entries()) {
            if (COMMON_KEYS.contains(e.key())) {
                continue;
            }
            if (registry.find(e.key()).isPresent()) {
                types.add(e);
            } else {
                unknown.add(e);
            }
        }
        if (!types.isEmpty()) {
            d.typeKey = types.get(0).key();
            d.type = registry.find(d.typeKey).orElseThrow();
            d.typeKeyLocation = types.get(0).keyLocation();
        }
        readCommon(d, m);
        for (int i = 1; i < types.size(); i++) {
            report(d, types.get(i).keyLocation(), d.label() + ": a second step type '" + types.get(i).key()
                    + "' in the same step; start each step with '- ' (one step type per list item)");
        }
        for (YamlNode.Entry e : unknown) {
            report(d, e.keyLocation(), d.label() + ": " + unknownKey(d, e.key()));
        }
        if (types.isEmpty() && unknown.isEmpty()) {
            report(d, m.location(), d.label() + ": no step type: expected one key naming the step type "
                    + "(e.g. 'sql:'; 'runner steps' lists them) besides " + String.join(", ", COMMON_KEYS));
        }
        if (d.type != null) {
            readParams(d, types.get(0));
        }
        return d;
    }

    private void report(StepDraft d, Location where, String message) {
        d.problems++;
        problems.add(where, message);
    }

    private String unknownKey(StepDraft d, String key) {
        if (d.type == null) {
            Set<String> candidates = new LinkedHashSet<>(registry.keys());
            candidates.addAll(COMMON_KEYS);
            return "unknown step type '" + key + "'" + DidYouMean.hint(key, candidates)
                    + "; 'runner steps' lists the step types";
        }
        if (param(d.type, key).isPresent()) {
            return "'" + key + "' is a parameter of '" + d.typeKey + "': indent it under '" + d.typeKey + ":'";
        }
        Set<String> candidates = new LinkedHashSet<>(COMMON_KEYS);
        String hint = DidYouMean.hint(key, candidates);
        if (hint.isEmpty()) {
            candidates.addAll(registry.keys());
            hint = DidYouMean.hint(key, candidates);
        }
        return "unknown key '" + key + "'" + hint + "; a step has one step-type key ('"
                + d.typeKey + "') plus optional " + String.join(", ", COMMON_KEYS);
    }

    private void readCommon(StepDraft d, YamlNode.Mapping m) {
        YamlNode.Entry id = m.entry("id");
        if (id != null) {
            String text = id.value() instanceof YamlNode.Scalar s && s.value() instanceof String t ? t : null;
            if (text == null || !ID.matcher(text).matches()) {
                report(d, id.value().location(), d.label() + ": 'id' must be lower-case letters, digits, '-' "
                        + "or '_', starting with a letter (e.g. 'before-delete'), found " + YamlNode.describe(id.value()));
            } else {
                d.id = text;
                d.idLocation = id.value().location();
            }
        }
        YamlNode.Entry name = m.entry("name");
        if (name != null) {
            if (name.value() instanceof YamlNode.Scalar s && !s.isNull()) {
                d.name = String.valueOf(s.value());
            } else {
                report(d, name.value().location(), d.label() + ": 'name' must be text, found "
                        + YamlNode.describe(name.value()));
            }
        }
        YamlNode.Entry timeout = m.entry("timeout");
        if (timeout != null) {
            int before = problems.size();
            d.timeout = timeouts.read(timeout.value(), d.label() + ": 'timeout'");
            d.problems += problems.size() - before;
        }
    }

    private void readParams(StepDraft d, YamlNode.Entry typeEntry) {
        StepType<?> type = d.type;
        YamlNode v = typeEntry.value();
        if (v instanceof YamlNode.Mapping params) {
            for (YamlNode.Entry e : params.entries()) {
                if (param(type, e.key()).isPresent()) {
                    d.params.put(e.key(), e.value());
                } else {
                    report(d, e.keyLocation(), d.label() + ": " + unknownParam(type, e.key()));
                }
            }
        } else if (v instanceof YamlNode.Scalar s && !s.isNull()) {
            if (type.shorthand() != null) {
                d.params.put(type.shorthand(), v);
            } else {
                d.paramsReadable = false;
                report(d, v.location(), d.label() + ": '" + d.typeKey + "' takes a mapping of parameters "
                        + "(e.g. '" + d.typeKey + ": {" + example(type) + "}'), found " + YamlNode.describe(v));
            }
        } else if (v instanceof YamlNode.Sequence) {
            d.paramsReadable = false;
            report(d, v.location(), d.label() + ": '" + d.typeKey + "' takes a mapping of parameters, found a list");
        }
        if (!d.paramsReadable) {
            return;
        }
        for (Param p : type.params()) {
            boolean besideTheType = d.node.entry(p.name()) != null; // reported as misplaced instead
            if (p.required() && !d.params.containsKey(p.name()) && !besideTheType) {
                report(d, typeEntry.keyLocation(), d.label() + ": missing required parameter '" + p.name()
                        + "' (" + p.expected() + ": " + p.description() + ")");
            }
        }
    }

    private String unknownParam(StepType<?> type, String key) {
        List<String> names = type.params().stream().map(Param::name).toList();
        String hint = DidYouMean.hint(key, names);
        String base = "unknown parameter '" + key + "' for '" + type.key() + "'" + hint;
        if (hint.isEmpty() && COMMON_KEYS.contains(key)) {
            return base + "; '" + key + "' belongs to the step: write it beside '" + type.key()
                    + ":' (same indentation), not under it";
        }
        return base + (names.isEmpty() ? "; it takes no parameters"
                : " (parameters: " + String.join(", ", names) + ")");
    }

    private static String example(StepType<?> type) {
        return type.params().stream().filter(Param::required).findFirst()
                .or(() -> type.params().stream().findFirst())
                .map(p -> p.name() + ": ...").orElse("");
    }

    static Optional<Param> param(StepType<?> type, String name) {
        return type.params().stream().filter(p -> p.name().equals(name)).findFirst();
    }
}
