package dev.pgdrill.environment.common;

import dev.pgdrill.engine.env.EnvironmentException;
import dev.pgdrill.engine.env.Names;
import dev.pgdrill.engine.env.Node;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** The nodes of one environment by name, in the order they were added; safe for concurrent steps. */
public final class NodeTable<N extends Node> {
    private final Map<String, N> nodes = new LinkedHashMap<>();

    /**
     * Refuses a name a node cannot have ({@link Names#nodeProblem}: the safe pattern, and none of the
     * names a run keeps for itself). Validation checks scenarios the same way; this is the second
     * line, before the name becomes a path, a container or a volume.
     */
    public static void checkName(String name) {
        String problem = Names.nodeProblem(name);
        if (problem != null) {
            throw new EnvironmentException(problem);
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
