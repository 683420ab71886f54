package dev.pgdrill.environment.compose;

import dev.pgdrill.engine.env.EnvironmentException;
import dev.pgdrill.engine.env.EnvironmentSpec;
import dev.pgdrill.engine.env.Topology;
import dev.pgdrill.environment.common.FreePorts;
import dev.pgdrill.environment.common.Passwords;
import dev.pgdrill.environment.container.NodeImages;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What distinguishes one Compose run: project name, directory of its Compose files, images,
 * admin password and the host ports of primary and replica.
 */
record ComposeSettings(String project, Path dir, String image, String replicaImage, String password,
                       int primaryPort, int replicaPort, EnvironmentSpec spec) {

    static final String DEFAULT_IMAGE = NodeImages.DEFAULT;
    /** The services of {@code docker-compose.yml} as nodes: {@code primary}, and {@code replica} following it. */
    static final Topology SERVICES = new Topology(List.of(Topology.NodeDecl.primary("primary"),
            Topology.NodeDecl.standby("replica", "primary")));

    /** A fresh run: project {@code pgdrill-<run>-<random>}, free ports, a generated password. */
    static ComposeSettings forRun(String runName, Path workRoot, String image) {
        return forRun(runName, workRoot, image, EnvironmentSpec.defaults());
    }

    /** A fresh run for a drill whose {@code spec} may name its own database, seed files and server settings. */
    static ComposeSettings forRun(String runName, Path workRoot, String image, EnvironmentSpec spec) {
        String project = projectName(runName, randomSuffix());
        String img = image == null || image.isBlank() ? DEFAULT_IMAGE : image;
        return new ComposeSettings(project, workRoot.resolve(project), img, replicaImageFor(img), Passwords.generate(),
                FreePorts.reserve(), FreePorts.reserve(), spec);
    }

    /** The database the drill's SQL runs in. */
    String database() {
        return spec.database();
    }

    /** {@code pgdrill-<run>-<suffix>} in the characters Compose accepts for a project name. */
    static String projectName(String runName, String suffix) {
        String run = runName == null ? "" : runName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-")
                .replaceAll("^-+|-+$", "");
        if (run.length() > 30) {
            run = run.substring(0, 30).replaceAll("-+$", "");
        }
        return "pgdrill-" + (run.isEmpty() ? "run" : run) + "-" + suffix;
    }

    /**
     * The replica image's tag: one per PostgreSQL image, shared by all runs (built once, then cached);
     * {@code pgdrill-replica:<major>} for the images of {@link NodeImages#imageFor}.
     */
    static String replicaImageFor(String image) {
        if (image.matches("postgres:\\d+")) {
            return "pgdrill-replica:" + image.substring("postgres:".length());
        }
        return "pgdrill-replica:" + image.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_.-]+", "-");
    }

    /**
     * Why the Compose backend cannot set up {@code nodes}, or null when it can: its first primary is the file's
     * service {@code primary} (it holds the drill's database, seed and settings), and it has no other primary. Every
     * standby runs: the file's {@code replica} when declared as in the file ({@link #isFileReplica}), any other as a
     * node of the drill's image cloned from its upstream.
     */
    static String topologyRefusal(Topology nodes) {
        List<String> primaries = nodes.nodes().stream().filter(Topology.NodeDecl::isPrimary)
                .map(Topology.NodeDecl::name).toList();
        if (!primaries.equals(List.of("primary"))) {
            return "the Compose environment's primary is its file's service 'primary' (it holds the drill's database, "
                    + "seed and settings), and there is one: this drill declares " + (primaries.size() == 1
                    ? "primary '" + primaries.get(0) + "': name it 'primary'"
                    : "primaries " + String.join(", ", primaries) + ": run it with --env local or --env testcontainers");
        }
        return null;
    }

    /** Whether {@code decl} is the Compose file's {@code replica} service as the file defines it (following primary, default options). */
    static boolean isFileReplica(Topology.NodeDecl decl) {
        return decl.equals(Topology.NodeDecl.standby("replica", "primary"));
    }

    /** The host port the Compose file publishes {@code service}'s SQL on. */
    int portOf(String service) {
        return switch (service) {
            case "primary" -> primaryPort;
            case "replica" -> replicaPort;
            default -> throw new EnvironmentException("the Compose file has no service '" + service + "' (services: "
                    + SERVICES + ")");
        };
    }

    List<Integer> ports() {
        return List.of(primaryPort, replicaPort);
    }

    /** Variables for the Compose command (they override any .env). */
    Map<String, String> composeEnv() {
        Map<String, String> env = new HashMap<>();
        env.put("COMPOSE_PROJECT_NAME", project);
        env.put("POSTGRES_IMAGE", image);
        env.put("REPLICA_IMAGE", replicaImage);
        env.put("POSTGRES_PASSWORD", password);
        env.put("PRIMARY_HOST_PORT", Integer.toString(primaryPort));
        env.put("REPLICA_HOST_PORT", Integer.toString(replicaPort));
        return env;
    }

    private static String randomSuffix() {
        SecureRandom random = new SecureRandom();
        return String.format("%06x", random.nextInt(1 << 24));
    }

    @Override
    public String toString() {
        return "ComposeSettings[project=" + project + ", image=" + image + ", ports=" + primaryPort + "/" + replicaPort + "]";
    }
}
