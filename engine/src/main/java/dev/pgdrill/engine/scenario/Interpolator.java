package dev.pgdrill.engine.scenario;

import dev.pgdrill.engine.model.Placeholders;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;

/**
 * Resolves {@code ${vars.x}}, {@code ${env.X}} and {@code ${steps.<id>.<name>}} in step parameters.
 * {@code $${} writes a literal {@code ${}. Values are substituted as text; SQL steps pass them as
 * bind parameters, never by concatenation.
 */
public final class Interpolator {
    private Interpolator() {
    }

    /** A reference found in text: {@code scope} is vars, env or steps; {@code path} the rest. */
    public record Reference(String text, String scope, List<String> path) {
    }

    /** References in {@code text}, in order; malformed ones have scope "" and path empty. */
    public static List<Reference> references(String text) {
        List<Reference> out = new ArrayList<>();
        Matcher m = Placeholders.REFERENCE.matcher(text);
        while (m.find()) {
            String inside = m.group(1).trim();
            String[] parts = inside.split("\\.", -1);
            if (parts.length < 2) {
                out.add(new Reference(inside, "", List.of()));
            } else {
                out.add(new Reference(inside, parts[0], List.of(parts).subList(1, parts.length)));
            }
        }
        return out;
    }

    /**
     * Resolves every reference in a raw value (String, List, Map or other scalar).
     *
     * @param lookup maps the inside of a reference ({@code vars.victim}) to its value; returns
     *               null when it is unknown, which raises IllegalArgumentException
     */
    public static Object resolve(Object raw, Function<String, String> lookup) {
        if (raw instanceof String s) {
            return resolveText(s, lookup);
        }
        if (raw instanceof List<?> list) {
            return list.stream().map(o -> resolve(o, lookup)).toList();
        }
        if (raw instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), resolve(v, lookup)));
            return Collections.unmodifiableMap(out);
        }
        return raw;
    }

    public static String resolveText(String text, Function<String, String> lookup) {
        if (!text.contains("$")) {
            return text;
        }
        Matcher m = Placeholders.REFERENCE.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String key = m.group(1).trim();
            String value = lookup.apply(key);
            if (value == null) {
                throw new IllegalArgumentException("cannot resolve ${" + key + "}");
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(value));
        }
        m.appendTail(sb);
        return Placeholders.unescape(sb.toString());
    }
}
