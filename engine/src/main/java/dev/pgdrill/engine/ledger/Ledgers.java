package dev.pgdrill.engine.ledger;

import dev.pgdrill.engine.step.RunState;

import java.util.Optional;

/** The ledgers of a drill, kept in its {@link RunState} under {@code ledger:<name>}. */
public final class Ledgers {
    private Ledgers() {
    }

    /** The ledger called {@code name}, created empty on first use. */
    public static WriteLedger of(RunState state, String name) {
        synchronized (Ledgers.class) {
            WriteLedger l = state.get(key(name));
            if (l == null) {
                l = new WriteLedger(name);
                state.put(key(name), l);
            }
            return l;
        }
    }

    /** The ledger called {@code name} if anything created it. */
    public static Optional<WriteLedger> find(RunState state, String name) {
        return Optional.ofNullable(state.get(key(name)));
    }

    private static String key(String name) {
        return "ledger:" + name;
    }
}
