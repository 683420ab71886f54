package dev.pgdrill.environment.container;

import dev.pgdrill.engine.env.EnvironmentException;
import dev.pgdrill.engine.env.ExecResult;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The numeric user and group of {@code postgres} in an image (100:102 in ours, 999:999 in the official
 * image), asked once per image ID in a one-off container. The entrypoint runs the init scripts as that
 * user, so the files bind-mounted into {@code /docker-entrypoint-initdb.d} are given to it rather than
 * opened to every user of the host.
 */
public final class ContainerPostgresUser {
    private static final Map<String, ProjectFiles.Owner> BY_IMAGE_ID = new ConcurrentHashMap<>();

    private ContainerPostgresUser() {
    }

    public static ProjectFiles.Owner of(DockerEngine engine, String image) {
        String id = engine.client().inspectImageCmd(image).exec().getId();
        return BY_IMAGE_ID.computeIfAbsent(id, i -> ask(engine, image));
    }

    private static ProjectFiles.Owner ask(DockerEngine engine, String image) {
        ExecResult r = engine.runOnce(image, "root", List.of("sh", "-c", "id -u postgres && id -g postgres"),
                Duration.ofSeconds(60));
        List<String> ids = r.stdout().strip().lines().map(String::strip).toList();
        if (!r.succeeded() || ids.size() != 2 || !ids.stream().allMatch(s -> s.matches("\\d{1,9}"))) {
            throw new EnvironmentException("could not find the postgres user of image " + image + " (`id -u postgres` "
                    + "exited " + r.exitCode() + ": " + (r.stdout() + r.stderr()).strip() + ")");
        }
        return new ProjectFiles.Owner(Integer.parseInt(ids.get(0)), Integer.parseInt(ids.get(1)));
    }
}
