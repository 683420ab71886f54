package dev.pgdrill.engine.step;

import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;

/** Every step type known to the runner, found through {@link ServiceLoader}; keyed by YAML key. */
public final class StepRegistry {
    private final Map<String, StepType<?>> types;

    public StepRegistry(Collection<? extends StepType<?>> types) {
        Map<String, StepType<?>> m = new TreeMap<>();
        for (StepType<?> t : types) {
            StepType<?> previous = m.put(t.key(), t);
            if (previous != null) {
                throw new IllegalStateException("two step types claim '" + t.key() + "': "
                        + previous.getClass().getName() + " and " + t.getClass().getName());
            }
        }
        this.types = Collections.unmodifiableMap(m);
    }

    /** The step types on the class path. */
    public static StepRegistry load() {
        return new StepRegistry(ServiceLoader.load(StepType.class).stream()
                .<StepType<?>>map(ServiceLoader.Provider::get).toList());
    }

    public Optional<StepType<?>> find(String key) {
        return Optional.ofNullable(types.get(key));
    }

    /** Sorted by key. */
    public Collection<StepType<?>> all() {
        return types.values();
    }

    public Set<String> keys() {
        return types.keySet();
    }
}
