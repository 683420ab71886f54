package dev.pgdrill.engine.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one masking rule of pgdrill, used by run, plan, console and every report. Two parts:
 * <ul>
 *   <li><b>by value</b>, as CI systems mask secrets in logs: every occurrence of a registered secret
 *       value, in any text, becomes {@link #MASK}. Values shorter than {@value #MIN_LENGTH}
 *       characters are not masked by value (they would mask ordinary text everywhere); they are
 *       listed by {@link #unmasked()} so the caller can warn.</li>
 *   <li><b>by pattern</b>, for secrets nobody registered: values under keys that say secret,
 *       {@code password=...}/{@code password: ...} in free text, SQL {@code PASSWORD '...'}, and the
 *       whole password of connection URLs ({@code postgresql://user:pa@ss@host}: up to the last
 *       {@code @} before the host).</li>
 * </ul>
 * An instance is an immutable value: {@link #with} and {@link #withAll} return a copy that knows more
 * secrets, so a drill's redactor never changes once the drill is loaded, and what one run learns (its
 * environment's generated passwords) stays with that run. An instance with no values applies the
 * patterns alone.
 */
public final class Redactor {
    /** What a masked secret looks like. */
    public static final String MASK = "********";
    /** Secret values shorter than this are not masked by value. */
    public static final int MIN_LENGTH = 3;

    private static final Pattern SECRET_NAME = Pattern.compile("(?i).*(password|passwd|pwd|secret|token).*");
    private static final Pattern ASSIGNMENT = Pattern.compile(
            "(?i)(\\w*(?:password|passwd|pwd)\\w*[\"']?\\s*(?:=|:|=>)\\s*)(\"[^\"]*\"|'[^']*'|[^\\s,;&\"'}\\])\u001B]+)");
    private static final Pattern SQL_PASSWORD = Pattern.compile("(?i)(\\bpassword\\s+)('(?:[^']|'')*')");
    /** user ':' password '@' host: the password runs to the last '@' before the path, query or end. */
    private static final Pattern URL_USERINFO = Pattern.compile("(://[^/:@\\s]+:)([^/?#\\s]*)(@)");

    private final List<String> longestFirst;
    private final List<String> unmasked;

    /** A redactor with no secret values: the patterns alone. */
    public Redactor() {
        this(List.of(), List.of());
    }

    private Redactor(List<String> longestFirst, List<String> unmasked) {
        this.longestFirst = longestFirst;
        this.unmasked = unmasked;
    }

    /** True when a variable, parameter or output with this name holds a secret. */
    public static boolean secretName(String name) {
        return name != null && SECRET_NAME.matcher(name).matches();
    }

    /**
     * This redactor, also masking {@code value} wherever it occurs. Null and empty values change
     * nothing; a value shorter than {@link #MIN_LENGTH} is not masked by value and {@code name} is
     * added to {@link #unmasked()} instead.
     */
    public Redactor with(String name, String value) {
        if (value == null || value.isEmpty()) {
            return this;
        }
        if (value.length() < MIN_LENGTH) {
            return unmasked.contains(name) ? this : new Redactor(longestFirst, List.copyOf(plus(unmasked, name)));
        }
        if (longestFirst.contains(value)) {
            return this;
        }
        List<String> values = plus(longestFirst, value);
        values.sort(Comparator.comparingInt(String::length).reversed());
        return new Redactor(List.copyOf(values), unmasked);
    }

    /** This redactor, also masking values that have no name of their own (e.g. an environment's generated passwords). */
    public Redactor withAll(Collection<String> secretValues) {
        Redactor r = this;
        for (String v : secretValues) {
            r = r.with("(generated)", v);
        }
        return r;
    }

    private static List<String> plus(List<String> list, String item) {
        List<String> out = new ArrayList<>(list);
        out.add(item);
        return out;
    }

    /** Names of secrets too short to be masked by value, in the order they were added. */
    public List<String> unmasked() {
        return List.copyOf(unmasked);
    }

    /** True when {@code value} is masked by value (registered and long enough). */
    public boolean masks(String value) {
        return value != null && longestFirst.contains(value);
    }

    /** {@code text} with every secret value and everything that looks like a password replaced by {@link #MASK}; null stays null. */
    public String mask(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String t = text;
        for (String v : longestFirst) {
            t = t.replace(v, MASK);
        }
        t = ASSIGNMENT.matcher(t).replaceAll(m -> {
            String v = m.group(2);
            String quote = v.startsWith("\"") ? "\"" : v.startsWith("'") ? "'" : "";
            return Matcher.quoteReplacement(m.group(1) + quote + MASK + quote);
        });
        t = SQL_PASSWORD.matcher(t).replaceAll("$1'" + MASK + "'");
        return URL_USERINFO.matcher(t).replaceAll("$1" + MASK + "$3");
    }

    /** Each line masked. */
    public List<String> maskLines(List<String> lines) {
        return lines.stream().map(this::mask).toList();
    }

    /**
     * A JSON-friendly copy of a parameter value: secret keys masked, strings masked, maps sorted by
     * key (so reports are stable), lists kept in order, anything else as its text.
     */
    public Object maskValue(String key, Object value) {
        if (value == null) {
            return null;
        }
        if (key != null && secretName(key)) {
            return MASK;
        }
        if (value instanceof String s) {
            return mask(s);
        }
        if (value instanceof Number || value instanceof Boolean) {
            String shown = String.valueOf(value);
            return shown.equals(mask(shown)) ? value : MASK;
        }
        if (value instanceof Map<?, ?> m) {
            return maskMap(m);
        }
        if (value instanceof Collection<?> c) {
            return c.stream().map(o -> maskValue(null, o)).toList();
        }
        return mask(String.valueOf(value));
    }

    /** A sorted, masked copy of a map (see {@link #maskValue}). */
    public Map<String, Object> maskMap(Map<?, ?> map) {
        Map<String, Object> out = new TreeMap<>();
        map.forEach((k, v) -> out.put(mask(String.valueOf(k)), maskValue(String.valueOf(k), v)));
        return out;
    }

    /** A sorted, masked copy of string outputs. */
    public Map<String, String> maskStrings(Map<String, String> map) {
        Map<String, String> out = new TreeMap<>();
        map.forEach((k, v) -> out.put(mask(k), secretName(k) ? MASK : mask(v)));
        return out;
    }
}
