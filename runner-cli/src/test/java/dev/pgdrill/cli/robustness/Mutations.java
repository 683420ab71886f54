package dev.pgdrill.cli.robustness;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Random mutations of a valid scenario, as a person editing it might make them: keys deleted,
 * renamed or duplicated, scalars turned into other types, steps swapped, duplicated or deleted,
 * references to things that do not exist, the file cut short. Deterministic for a given
 * {@link Random}; {@link #describe} says what was done, for failure messages.
 */
final class Mutations {
    private static final List<Object> ODD_VALUES = List.of(42, -1, 3.5, true, "", "banana", "10 parsecs",
            List.of(), List.of(1, "two"), Map.of(), Map.of("x", 1), "${steps.nope.time}", "${vars.missing}",
            "${env.PGDRILL_SURELY_UNSET}", "${steps.", "0/ZZZ", "99999999999999999999");
    private static final List<String> KEY_NAMES = List.of("name", "id", "on", "from", "node", "query", "run", "timeout",
            "target", "equals", "rows", "sql", "verify", "wait", "restore", "backup", "finally", "steps", "vars", "bogus");

    private final Random random;
    private final List<String> done = new ArrayList<>();

    Mutations(Random random) {
        this.random = random;
    }

    String describe() {
        return String.join("; ", done);
    }

    /** 1 to 3 random mutations of {@code yaml}, tree-level and textual. */
    String mutate(String yaml) {
        Object tree = load(yaml);
        int n = 1 + random.nextInt(3);
        for (int i = 0; i < n; i++) {
            tree = mutateTree(tree);
        }
        String text = dump(tree);
        return random.nextInt(6) == 0 ? mutateText(text) : text;
    }

    /** Only step-level edits that usually keep a scenario valid: delete, swap or repeat a step, drop a name. */
    String mildly(String yaml) {
        Object tree = load(yaml);
        if (tree instanceof Map<?, ?> root && root.get("steps") instanceof List<?> steps && steps.size() > 2) {
            @SuppressWarnings("unchecked") List<Object> s = (List<Object>) steps;
            int a = random.nextInt(s.size());
            int b = random.nextInt(s.size());
            switch (random.nextInt(4)) {
                case 0 -> done.add("deleted step #" + (a + 1) + ": " + s.remove(a));
                case 1 -> {
                    Object t = s.get(a);
                    s.set(a, s.get(b));
                    s.set(b, t);
                    done.add("swapped steps #" + (a + 1) + " and #" + (b + 1));
                }
                case 2 -> {
                    Map<String, Object> copy = new LinkedHashMap<>(asMap(s.get(a)));
                    copy.remove("id");
                    s.add(a + 1, copy);
                    done.add("repeated step #" + (a + 1) + " without its id");
                }
                default -> {
                    asMap(s.get(a)).remove("name");
                    done.add("removed the name of step #" + (a + 1));
                }
            }
        }
        return dump(tree);
    }

    static Object load(String yaml) {
        DumperOptions o = new DumperOptions();
        return new Yaml(new org.yaml.snakeyaml.constructor.Constructor(new LoaderOptions()),
                new org.yaml.snakeyaml.representer.Representer(o), o, new LoaderOptions(), new CoreResolver()).load(yaml);
    }

    static String dump(Object tree) {
        DumperOptions o = new DumperOptions();
        o.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        o.setWidth(200);
        return new Yaml(new org.yaml.snakeyaml.constructor.Constructor(new LoaderOptions()),
                new org.yaml.snakeyaml.representer.Representer(o), o, new LoaderOptions(), new CoreResolver()).dump(tree);
    }

    /** YAML 1.2 core scalars: {@code on}, {@code yes}, {@code off} stay strings (as for the runner's loader). */
    static final class CoreResolver extends org.yaml.snakeyaml.resolver.Resolver {
        @Override
        protected void addImplicitResolvers() {
            addImplicitResolver(org.yaml.snakeyaml.nodes.Tag.BOOL,
                    java.util.regex.Pattern.compile("^(?:true|True|TRUE|false|False|FALSE)$"), "tTfF");
            addImplicitResolver(org.yaml.snakeyaml.nodes.Tag.INT, INT, "-+0123456789");
            addImplicitResolver(org.yaml.snakeyaml.nodes.Tag.FLOAT, FLOAT, "-+.0123456789");
            addImplicitResolver(org.yaml.snakeyaml.nodes.Tag.NULL, NULL, "~nN\0");
            addImplicitResolver(org.yaml.snakeyaml.nodes.Tag.NULL, EMPTY, null);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object o) {
        return (Map<String, Object>) o;
    }

    private Object mutateTree(Object tree) {
        List<Object> containers = new ArrayList<>();
        collect(tree, containers);
        if (containers.isEmpty()) {
            done.add("replaced the whole document");
            return odd();
        }
        Object c = containers.get(random.nextInt(containers.size()));
        if (c instanceof Map<?, ?> m && !m.isEmpty()) {
            @SuppressWarnings("unchecked") Map<Object, Object> map = (Map<Object, Object>) m;
            List<Object> keys = new ArrayList<>(map.keySet());
            Object key = keys.get(random.nextInt(keys.size()));
            switch (random.nextInt(5)) {
                case 0 -> {
                    map.remove(key);
                    done.add("deleted key '" + key + "'");
                }
                case 1 -> {
                    String to = random.nextBoolean() ? pick(KEY_NAMES) : key + "x";
                    Object v = map.remove(key);
                    map.put(to, v);
                    done.add("renamed key '" + key + "' to '" + to + "'");
                }
                case 2 -> {
                    String other = pick(KEY_NAMES);
                    map.put(other, map.get(key));
                    done.add("copied the value of '" + key + "' under '" + other + "'");
                }
                default -> {
                    Object v = odd();
                    map.put(key, v);
                    done.add("set '" + key + "' to " + v);
                }
            }
        } else if (c instanceof List<?> l && !l.isEmpty()) {
            List<Object> list = (List<Object>) l;
            int a = random.nextInt(list.size());
            int b = random.nextInt(list.size());
            switch (random.nextInt(4)) {
                case 0 -> {
                    list.remove(a);
                    done.add("deleted item #" + (a + 1));
                }
                case 1 -> {
                    Object t = list.get(a);
                    list.set(a, list.get(b));
                    list.set(b, t);
                    done.add("swapped items #" + (a + 1) + " and #" + (b + 1));
                }
                case 2 -> {
                    list.add(b, list.get(a));
                    done.add("duplicated item #" + (a + 1));
                }
                default -> {
                    Object v = odd();
                    list.set(a, v);
                    done.add("set item #" + (a + 1) + " to " + v);
                }
            }
        }
        return tree;
    }

    private String mutateText(String text) {
        String[] lines = text.split("\n", -1);
        if (random.nextBoolean()) {
            int at = random.nextInt(text.length() + 1);
            done.add("truncated at character " + at);
            return text.substring(0, at);
        }
        int i = random.nextInt(lines.length);
        done.add("duplicated line " + (i + 1));
        List<String> out = new ArrayList<>(List.of(lines));
        out.add(i, lines[i]);
        return String.join("\n", out);
    }

    private static void collect(Object node, List<Object> out) {
        if (node instanceof Map<?, ?> m) {
            out.add(m);
            m.values().forEach(v -> collect(v, out));
        } else if (node instanceof List<?> l) {
            out.add(l);
            l.forEach(v -> collect(v, out));
        }
    }

    /** One of the odd values, as a fresh mutable copy (later mutations may edit it). */
    private Object odd() {
        return copy(pick(ODD_VALUES));
    }

    private static Object copy(Object v) {
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, x) -> out.put(String.valueOf(k), copy(x)));
            return out;
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(x -> out.add(copy(x)));
            return out;
        }
        return v;
    }

    private <T> T pick(List<T> from) {
        return from.get(random.nextInt(from.size()));
    }
}
