package dev.pgdrill.environment.container;

import dev.pgdrill.engine.env.EnvironmentException;
import dev.pgdrill.engine.env.ExecResult;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Faults on replication links, made real on the project's replication network.
 *
 * <p>{@code partition} disconnects the node's container from that network (its SQL port on the
 * client network stays reachable for the runner) and ends the walsender/walreceiver of each link
 * the node is an end of, so the cut is seen at once instead of after {@code wal_receiver_timeout};
 * {@code heal} reconnects it under its {@code repl-<node>} alias and the standby reconnects by
 * itself. The state lives in Docker, so it survives stops and restarts of the node, as on the
 * local backend. {@code latency} puts a netem delay on the node's replication interface, which
 * delays everything the node sends to other nodes; kernels without {@code sch_netem} refuse it.
 */
public final class LinkFaults {
    private final ProjectContainers project;
    private final Function<String, ContainerNode> nodes;
    /** downstream node -> its upstream. */
    private final Map<String, String> links = new HashMap<>();

    public LinkFaults(ProjectContainers project, Function<String, ContainerNode> nodes) {
        this.project = project;
        this.nodes = nodes;
    }

    public synchronized void link(String downstream, String upstream) {
        links.put(downstream, upstream);
    }

    public synchronized void unlink(String downstream) {
        links.remove(downstream);
    }

    public synchronized void partition(ContainerNode node) {
        if (project.onReplicationNetwork(node.containerId())) {
            project.disconnectReplication(node.containerId());
        }
        links.forEach((down, up) -> {
            if (down.equals(node.name()) || up.equals(node.name())) {
                endWalsender(nodes.apply(up), down);
                endWalreceiver(nodes.apply(down));
            }
        });
    }

    public synchronized void heal(ContainerNode node) {
        if (!project.onReplicationNetwork(node.containerId())) {
            project.connectReplication(node.containerId(), node.name());
        }
    }

    public void latency(ContainerNode node, Duration delay) {
        var info = project.engineInspect(node.containerId());
        var net = info.getNetworkSettings().getNetworks().get(project.replicationNetwork());
        if (net == null) {
            throw new EnvironmentException("latency on node '" + node.name() + "': the node is partitioned "
                    + "(not on the replication network); heal it first");
        }
        if (!node.isRunning() || node.isPaused()) {
            throw new EnvironmentException("latency on node '" + node.name() + "': the node must be running");
        }
        long ms = Math.max(0, delay.toMillis());
        Map<String, String> env = NodeScripts.env("IP", net.getIpAddress(), "DELAY_MS", Long.toString(ms));
        ExecResult r = node.execAs("root", List.of("bash", "-c", NodeScripts.LATENCY), env, Duration.ofSeconds(30));
        if (!r.succeeded()) {
            throw new EnvironmentException("latency on node '" + node.name() + "' is not supported by this Docker host: "
                    + "`tc qdisc replace ... netem delay " + ms + "ms` failed: " + r.stderr().trim()
                    + " (the host kernel needs the sch_netem module; the local environment, --env local, "
                    + "supports latency without it)");
        }
    }

    private static void endWalsender(ContainerNode upstream, String applicationName) {
        if (upstream == null || !upstream.isRunning() || upstream.isPaused()) {
            return;
        }
        try (Connection c = upstream.connect();
             PreparedStatement ps = c.prepareStatement("SELECT pg_terminate_backend(pid) FROM pg_stat_replication "
                     + "WHERE application_name = ?")) {
            ps.setString(1, applicationName);
            ps.execute();
        } catch (SQLException e) {
            // the link is cut either way; the walsender then ends at wal_sender_timeout
        }
    }

    private static void endWalreceiver(ContainerNode downstream) {
        if (downstream == null || !downstream.isRunning() || downstream.isPaused()) {
            return;
        }
        downstream.execAs("postgres", List.of("bash", "-c", NodeScripts.END_WALRECEIVER), Map.of(),
                Duration.ofSeconds(10));
    }
}
