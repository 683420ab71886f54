package dev.pgdrill.junit;

import dev.pgdrill.engine.scenario.Scenario;

import java.lang.reflect.Method;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A drill's {@code tags:}. HOOK: the scenario model gains {@code Scenario.tags()} in a change made
 * beside this module's (issue 17); until both are merged the accessor is looked up once, by name, and
 * a model without it yields no tags. Once merged, this class may become {@code scenario.tags()}.
 */
final class ScenarioTags {
    private static final Method TAGS = accessor();

    private ScenarioTags() {
    }

    /** Whether the scenario model in use knows {@code tags:}. */
    static boolean supported() {
        return TAGS != null;
    }

    static Set<String> of(Scenario scenario) {
        if (TAGS == null) {
            return Set.of();
        }
        try {
            Object tags = TAGS.invoke(scenario);
            Set<String> names = new LinkedHashSet<>();
            if (tags instanceof Collection<?> c) {
                c.forEach(t -> names.add(String.valueOf(t)));
            }
            return names;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read the tags of drill '" + scenario.name() + "': " + e, e);
        }
    }

    private static Method accessor() {
        try {
            Method m = Scenario.class.getMethod("tags");
            return Collection.class.isAssignableFrom(m.getReturnType()) ? m : null;
        } catch (NoSuchMethodException e) {
            return null;
        }
    }
}
