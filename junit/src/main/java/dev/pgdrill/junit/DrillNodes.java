package dev.pgdrill.junit;

import dev.pgdrill.engine.env.ConnectionInfo;
import dev.pgdrill.engine.env.Environment;
import dev.pgdrill.engine.env.Node;
import org.jdbi.v3.core.Jdbi;

import java.util.List;

/**
 * The nodes of a running drill, as a check sees them. A node's address is looked up at each call,
 * so a node restored or rebuilt by an earlier step is reached where it now runs.
 */
public final class DrillNodes {
    private final Environment environment;

    DrillNodes(Environment environment) {
        this.environment = environment;
    }

    /** The drill's node names, e.g. {@code [primary, replica]}. */
    public List<String> names() {
        return environment.nodeNames();
    }

    /**
     * A {@link Jdbi} on {@code node}'s database, as the drill's own steps connect. Each handle opens its
     * own connection (no pool): close handles you open ({@code useHandle}/{@code withHandle} do). Jdbi reads
     * {@code :name} and {@code ?} in SQL text as parameters, inside dollar quotes too (seen: {@code $$:x$$}
     * reaches the server as {@code $$?$$}), unlike the drill's own {@code sql:} steps; bind values instead.
     *
     * @throws IllegalArgumentException when the drill has no such node
     */
    public Jdbi jdbi(String node) {
        ConnectionInfo c = connection(node);
        return Jdbi.create(c.jdbcUrl(), c.user(), c.password());
    }

    /** Where {@code node} listens (its password is never printed). */
    public ConnectionInfo connection(String node) {
        Node n = environment.node(node).orElseThrow(() -> new IllegalArgumentException(
                "no node '" + node + "' in this drill (nodes: " + String.join(", ", names()) + ")"));
        return n.connectionInfo();
    }
}
