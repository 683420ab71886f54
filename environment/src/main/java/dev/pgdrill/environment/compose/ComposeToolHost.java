package dev.pgdrill.environment.compose;

import dev.pgdrill.engine.env.EnvironmentException;
import dev.pgdrill.engine.env.ExecResult;
import dev.pgdrill.environment.common.ToolHost;
import dev.pgdrill.environment.container.ContainerNode;
import dev.pgdrill.environment.container.NodeScripts;
import dev.pgdrill.environment.container.ProjectContainers;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Runs a backup tool in the run's containers as {@code postgres}, with no environment of the runner:
 * commands about a node in that node's container ({@code docker exec}), or, while its server is
 * stopped (a restore), in a helper container on its data volume; other commands in a running node
 * (the primary first), else in a helper. Every container mounts the pgBackRest volume at
 * {@link ProjectContainers#PGBACKREST}, so configuration, repository, logs and locks are one.
 */
final class ComposeToolHost implements ToolHost<ContainerNode> {
    private final ProjectContainers containers;
    private final Supplier<List<ContainerNode>> nodes;

    ComposeToolHost(ProjectContainers containers, Supplier<List<ContainerNode>> nodes) {
        this.containers = containers;
        this.nodes = nodes;
    }

    @Override
    public ExecResult run(List<String> command, Duration timeout) {
        ContainerNode any = nodes.get().stream().filter(n -> n.isRunning() && !n.isPaused()).findFirst().orElse(null);
        if (any != null) {
            return any.execAs("postgres", command, Map.of(), timeout);
        }
        List<String> args = new ArrayList<>();
        args.add("pgdrill-tool");
        args.addAll(command);
        return containers.runHelper("backup tool command", null, false, NodeScripts.AS_POSTGRES, args, Map.of(),
                timeout);
    }

    @Override
    public ExecResult runOn(ContainerNode node, List<String> command, Duration timeout) {
        return node.execAs("postgres", command, Map.of(), timeout);
    }

    @Override
    public String toolHome() {
        return ProjectContainers.PGBACKREST;
    }

    @Override
    public String socketDir() {
        return "/var/run/postgresql";
    }

    @Override
    public String dbUser() {
        return ContainerNode.ADMIN;
    }

    @Override
    public void writePrivate(String path, String text) {
        ExecResult r = run(List.of("bash", "-c", "umask 077 && printf '%s' \"$1\" > \"$0\"", path, text),
                Duration.ofSeconds(30));
        if (!r.succeeded()) {
            throw new EnvironmentException("could not write " + path + " (exit " + r.exitCode() + "): "
                    + r.stderr().strip());
        }
    }

    @Override
    public List<String> readLines(String path) {
        ExecResult r = run(List.of("bash", "-c", "if [ -f \"$0\" ] && [ ! -L \"$0\" ]; then cat \"$0\"; fi", path),
                Duration.ofSeconds(30));
        if (!r.succeeded()) {
            throw new EnvironmentException("could not read " + path + " (exit " + r.exitCode() + "): "
                    + r.stderr().strip());
        }
        return r.stdout().lines().toList();
    }

    @Override
    public String dataDir(ContainerNode node) {
        return ProjectContainers.DATA;
    }

    @Override
    public int port(ContainerNode node) {
        return 5432;
    }

    @Override
    public void clear(ContainerNode node) {
        node.wiped(true);
        containers.runHelperChecked("emptying node '" + node.name() + "' for a restore", node.dataVolume(), false,
                NodeScripts.HELPER, NodeScripts.env("AS_POSTGRES_SCRIPT", "true"), Duration.ofMinutes(1));
    }

    @Override
    public void adopt(ContainerNode node) {
        String what = "adopting the restored data of node '" + node.name() + "'";
        ExecResult r = containers.runHelper(what, node.dataVolume(), false, NodeScripts.AS_POSTGRES,
                List.of("pgdrill-adopt", "bash", "-c", NodeScripts.NO_UPSTREAM), Map.of(), Duration.ofMinutes(1));
        if (!r.succeeded()) {
            throw new EnvironmentException(what + " failed (exit " + r.exitCode() + "):\n"
                    + ProjectContainers.tail(r.stdout() + "\n" + r.stderr(), 20));
        }
        node.wiped(false);
    }
}
