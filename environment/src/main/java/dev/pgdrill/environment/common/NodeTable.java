package dev.pgdrill.environment.common;

import dev.pgdrill.engine.env.EnvironmentException;
import dev.pgdrill.engine.env.Node;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/** The nodes of one environment by name, in the order they were added; safe for concurrent steps. */
public final class NodeTable<N extends Node> {
    private static final Pattern NODE_NAME = Pattern.compile("[a-z][a-z0-9_-]{0,30}");

    private final Map<String, N> nodes = new LinkedHashMap<>();

    /**
     * Refuses a name a node cannot have: it must be a lower-case letter then up to 30 lower-case
     * letters, digits, '_' or '-', and none of {@code reserved} (names the backend uses itself).
     */
    public static void checkName(String name, List<String> reserved) {
        if (!NODE_NAME.matcher(name).matches() || reserved.contains(name)) {
            throw new EnvironmentException("invalid node name '" + name
                    + "': use lower-case letters, digits, '_' and '-'"
                    + (reserved.isEmpty() ? "" : " (not " + String.join(", ", reserved) + ")"));
        }
    }

    public synchronized Optional<N> get(String name) {
        return Optional.ofNullable(nodes.get(name));
    }

    public synchronized List<String> names() {
        return List.copyOf(nodes.keySet());
    }

    /** A copy of the nodes, in the order they were added. */
    public synchronized List<N> list() {
        return new ArrayList<>(nodes.values());
    }

    /** The node named {@code name}, or an error naming {@code operation} and the nodes there are. */
    public synchronized N existing(String name, String operation) {
        N node = nodes.get(name);
        if (node == null) {
            throw new EnvironmentException(operation + ": no node named '" + name + "' (nodes: "
                    + String.join(", ", nodes.keySet()) + ")");
        }
        return node;
    }

    public synchronized void add(N node) {
        nodes.put(node.name(), node);
    }

    /** The node named {@code name}, or a new one from {@code create}, added while no other node can be. */
    public synchronized N getOrAdd(String name, Supplier<N> create) {
        N node = nodes.get(name);
        if (node == null) {
            node = create.get();
            nodes.put(name, node);
        }
        return node;
    }
}
