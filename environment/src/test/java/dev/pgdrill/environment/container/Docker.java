package dev.pgdrill.environment.container;

import dev.pgdrill.environment.NodeSql;
import org.junit.jupiter.api.Assumptions;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Helpers for the Compose integration tests: the engine check, leftovers of a project, polling. */
public final class Docker {
    private Docker() {
    }

    public static void assumeEngine() {
        Assumptions.assumeTrue(DockerEngine.available(),
                "no Docker engine reachable at /var/run/docker.sock: compose tests skipped");
    }

    /** Containers, networks and volumes that still carry the project's label. */
    public static List<String> leftovers(String project) {
        try (DockerEngine engine = DockerEngine.connect()) {
            ProjectContainers pc = new ProjectContainers(engine, project, "unused");
            List<String> left = new ArrayList<>();
            pc.containers().forEach(c -> left.add("container " + String.join(",", c.getNames())));
            pc.networks().forEach(n -> left.add("network " + n.getName()));
            pc.volumes().forEach(v -> left.add("volume " + v));
            return left;
        }
    }

    /** Removes whatever a failed test left of the project. */
    public static void sweep(String project) {
        try (DockerEngine engine = DockerEngine.connect()) {
            new ProjectContainers(engine, project, "unused").sweep();
        }
    }

    /** Polls {@code check} every 100 ms (exceptions count as false) until true or the timeout, then fails. */
    public static void await(Duration timeout, String what, NodeSql.Check check) throws InterruptedException {
        NodeSql.await(timeout, Duration.ofMillis(100), what, check);
    }
}
