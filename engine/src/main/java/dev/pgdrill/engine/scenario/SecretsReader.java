package dev.pgdrill.engine.scenario;

import dev.pgdrill.engine.model.Redactor;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Decides which values of a drill are secret and builds its {@link Redactor}: variables
 * whose name says secret ({@link Redactor#secretName}), variables marked secret on the command line
 * ({@code --secret NAME=VALUE}) or in the top-level {@code secrets:} list, the values of
 * {@code ${env.X}} references whose name says secret, and those a secret variable refers to.
 */
final class SecretsReader {
    private SecretsReader() {
    }

    /** The names listed under {@code secrets:}; each must be a variable ({@code vars:} or {@code --var}). */
    static Set<String> listed(YamlNode.Entry entry, Map<String, String> vars, Problems problems) {
        Set<String> names = new LinkedHashSet<>();
        if (entry == null || entry.value() instanceof YamlNode.Scalar s && s.isNull()) {
            return names;
        }
        if (!(entry.value() instanceof YamlNode.Sequence q)) {
            problems.add(entry.value().location(), "'secrets' must be a list of variable names "
                    + "(e.g. 'secrets: [db_pass]'), found " + YamlNode.describe(entry.value()));
            return names;
        }
        for (YamlNode item : q.items()) {
            if (!(item instanceof YamlNode.Scalar s) || s.isNull()) {
                problems.add(item.location(), "'secrets': expected a variable name, found " + YamlNode.describe(item));
            } else if (!vars.containsKey(String.valueOf(s.value()))) {
                String name = String.valueOf(s.value());
                problems.add(item.location(), "'secrets': '" + name + "' is not a variable of 'vars:' or --var"
                        + DidYouMean.hint(name, vars.keySet()));
            } else {
                names.add(String.valueOf(s.value()));
            }
        }
        return names;
    }

    /** A redactor holding every secret value of the drill whose YAML tree is {@code top}. */
    static Redactor collect(YamlNode top, Map<String, String> vars, Set<String> marked,
                            Function<String, String> environment) {
        Redactor secrets = new Redactor();
        for (Map.Entry<String, String> v : vars.entrySet()) {
            boolean secret = Redactor.secretName(v.getKey()) || marked.contains(v.getKey());
            if (secret) {
                secrets = secrets.with(v.getKey(), v.getValue());
            }
            secrets = envText(v.getValue(), secret, environment, secrets);
        }
        return envReferences(top, environment, secrets);
    }

    private static Redactor envReferences(YamlNode node, Function<String, String> environment, Redactor secrets) {
        if (node instanceof YamlNode.Scalar s && s.value() != null) {
            return envText(String.valueOf(s.value()), false, environment, secrets);
        }
        Redactor out = secrets;
        if (node instanceof YamlNode.Sequence q) {
            for (YamlNode item : q.items()) {
                out = envReferences(item, environment, out);
            }
        } else if (node instanceof YamlNode.Mapping m) {
            for (YamlNode.Entry e : m.entries()) {
                out = envReferences(e.value(), environment, out);
            }
        }
        return out;
    }

    /** Adds the values of the {@code ${env.X}} references in {@code text}: all of them, or only those whose name says secret. */
    private static Redactor envText(String text, boolean all, Function<String, String> environment, Redactor secrets) {
        Redactor out = secrets;
        for (Interpolator.Reference r : Interpolator.references(text)) {
            String name = String.join(".", r.path());
            if ("env".equals(r.scope()) && (all || Redactor.secretName(name))) {
                out = out.with("env." + name, environment.apply(name));
            }
        }
        return out;
    }
}
