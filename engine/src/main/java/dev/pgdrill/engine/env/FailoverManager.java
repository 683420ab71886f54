package dev.pgdrill.engine.env;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Who decides which node leads: the scenario's {@code environment: { failover-manager: ... }}. {@link #NONE}
 * (the default) is today's behaviour: the drill itself promotes ({@code promote}); a manager (Patroni) elects the
 * leader itself, and the drill faults the nodes and watches whom it elects ({@code wait-leader}).
 *
 * <p>Managers are found with {@link ServiceLoader} (listed in
 * {@code META-INF/services/dev.pgdrill.engine.env.FailoverManager}), as backup tools are: a new manager is one
 * subclass and one line there; nothing names it. When two classes claim one key, the first on the class path wins.
 */
public abstract class FailoverManager {
    /** The manager of a drill that names none: no manager, the drill promotes. */
    public static final String NONE = "none";

    private final String key;
    private final int order;

    /**
     * @param key   the name scenarios use
     * @param order where it comes in the lists users read (lower first)
     */
    protected FailoverManager(String key, int order) {
        this.key = key;
        this.order = order;
    }

    /** The name scenarios use. */
    public final String key() {
        return key;
    }

    /** Where this manager comes in the lists users read (lower first). */
    public final int order() {
        return order;
    }

    /** Whether this is {@link #NONE}: nothing elects a leader but the drill's own steps. */
    public final boolean isNone() {
        return key.equals(NONE);
    }

    /** How a drill asks this manager for a planned change of leader, for messages (e.g. {@code switchover}). */
    public String plannedChange() {
        return "switchover";
    }

    /** The manager named {@code key}, if any is on the class path. */
    public static Optional<FailoverManager> of(String key) {
        return Optional.ofNullable(Found.MANAGERS.get(key));
    }

    /** {@link #NONE}. */
    public static FailoverManager none() {
        return of(NONE).orElseThrow(() -> new IllegalStateException("no failover manager '" + NONE + "' on the class "
                + "path (META-INF/services/" + FailoverManager.class.getName() + ")"));
    }

    /** Every manager's name, for messages and the schema. */
    public static List<String> keys() {
        return List.copyOf(Found.MANAGERS.keySet());
    }

    @Override
    public final boolean equals(Object o) {
        return o instanceof FailoverManager m && m.key.equals(key);
    }

    @Override
    public final int hashCode() {
        return key.hashCode();
    }

    @Override
    public final String toString() {
        return key;
    }

    /** No manager: the drill promotes ({@value #NONE}). */
    public static final class None extends FailoverManager {
        public None() {
            super(NONE, 0);
        }
    }

    /** The managers found, loaded once. */
    private static final class Found {
        static final Map<String, FailoverManager> MANAGERS = load();

        private static Map<String, FailoverManager> load() {
            Map<String, FailoverManager> byKey = new LinkedHashMap<>();
            ServiceLoader.load(FailoverManager.class, FailoverManager.class.getClassLoader()).stream()
                    .map(ServiceLoader.Provider::get).forEach(m -> byKey.putIfAbsent(m.key(), m));
            Map<String, FailoverManager> sorted = new LinkedHashMap<>();
            byKey.values().stream().sorted(Comparator.comparingInt(FailoverManager::order)
                    .thenComparing(FailoverManager::key)).forEach(m -> sorted.put(m.key(), m));
            return sorted;
        }
    }
}
