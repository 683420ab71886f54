package dev.pgdrill.environment.container;

import com.github.dockerjava.api.command.InspectImageResponse;
import dev.pgdrill.engine.env.EnvironmentException;
import dev.pgdrill.engine.env.ExecResult;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The numeric user and group of {@code postgres} in an image (999:999 in ours and in the official image):
 * our images name it in their {@value #LABEL} label; for any other image it is asked once per image ID in a
 * one-off container. The entrypoint runs the init scripts as that user, so the files bind-mounted into
 * {@code /docker-entrypoint-initdb.d} are given to it rather than opened to every user of the host.
 */
public final class ContainerPostgresUser {
    static final String LABEL = "dev.pgdrill.postgres-user";
    private static final Pattern IDS = Pattern.compile("(\\d{1,9}):(\\d{1,9})");
    private static final Map<String, ProjectFiles.Owner> BY_IMAGE_ID = new ConcurrentHashMap<>();

    private ContainerPostgresUser() {
    }

    public static ProjectFiles.Owner of(DockerEngine engine, String image) {
        InspectImageResponse inspected = engine.client().inspectImageCmd(image).exec();
        return BY_IMAGE_ID.computeIfAbsent(inspected.getId(), i -> labelled(inspected).orElseGet(() -> ask(engine, image)));
    }

    /** The ids the image's {@value #LABEL} label names, when it has a well-formed one. */
    static Optional<ProjectFiles.Owner> labelled(InspectImageResponse image) {
        Map<String, String> labels = image.getConfig() == null ? null : image.getConfig().getLabels();
        Matcher m = labels == null ? null : IDS.matcher(labels.getOrDefault(LABEL, ""));
        return m != null && m.matches()
                ? Optional.of(new ProjectFiles.Owner(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))))
                : Optional.empty();
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
