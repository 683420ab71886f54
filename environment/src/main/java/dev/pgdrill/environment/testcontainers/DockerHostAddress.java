package dev.pgdrill.environment.testcontainers;

import dev.pgdrill.engine.env.EnvironmentException;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.dockerclient.DockerClientProviderStrategy;

import java.lang.reflect.Field;
import java.net.URI;
import java.util.Locale;

/**
 * The address at which this JVM reaches the ports that containers publish, given to Testcontainers once,
 * before anything asks it, so that Testcontainers never has to find it out by itself.
 *
 * <p>Why: on a host with a {@code /.dockerenv} file (a CI job that runs in a container with the host's
 * socket, or a machine that simply has the file) Testcontainers 1.21 believes it runs in a container. When
 * the engine's {@code bridge} network names no gateway it then starts a helper container
 * ({@code alpine}) to read the default route, pulling the image first. Without a registry that pull waits
 * for minutes and every drill times out in set-up.
 *
 * <p>The answer follows the socket Testcontainers itself resolved (the one pgdrill's own Docker client
 * also uses unless {@code DOCKER_HOST} says otherwise): a local Unix socket or named pipe means the
 * engine runs on this host and publishes on {@code localhost}; a {@code tcp://} engine publishes on its
 * own host name, which Testcontainers already takes without a helper. A value the user set in
 * {@code TESTCONTAINERS_HOST_OVERRIDE} wins and is left to Testcontainers, as it always is.
 */
final class DockerHostAddress {
    static final String OVERRIDE = "TESTCONTAINERS_HOST_OVERRIDE";
    private static String decided;

    private DockerHostAddress() {
    }

    /** Decides (first call only) and returns the address Testcontainers will use; nothing is pulled or started. */
    static synchronized String configure() {
        if (decided == null) {
            DockerClientProviderStrategy strategy = strategy();
            URI dockerHost = strategy.getTransportConfig().getDockerHost();
            String override = System.getenv(OVERRIDE);
            boolean userSetIt = strategy.allowUserOverrides() && override != null && !override.isBlank();
            String address = address(userSetIt ? override : null, dockerHost);
            if (address == null) {
                throw new EnvironmentException("cannot tell at which address the Docker engine at " + dockerHost
                        + " publishes container ports: set " + OVERRIDE + " to it");
            }
            if (!userSetIt) {
                preset(strategy, address);
            }
            decided = address;
        }
        return decided;
    }

    /**
     * The address for a Docker host: the user's override when set, {@code localhost} for a local socket,
     * the engine's own host for a remote one, {@code null} when the scheme says nothing.
     */
    static String address(String userOverride, URI dockerHost) {
        if (userOverride != null && !userOverride.isBlank()) {
            return userOverride;
        }
        String scheme = dockerHost.getScheme() == null ? "" : dockerHost.getScheme().toLowerCase(Locale.ROOT);
        switch (scheme) {
            case "unix":
            case "npipe":
                return "localhost";
            case "tcp":
            case "http":
            case "https":
                return dockerHost.getHost();
            default:
                return null;
        }
    }

    private static DockerClientProviderStrategy strategy() {
        DockerClientFactory factory = DockerClientFactory.instance();
        factory.getTransportConfig(); // selects the strategy: pings the engine, starts nothing
        try {
            Field f = DockerClientFactory.class.getDeclaredField("strategy");
            f.setAccessible(true);
            return (DockerClientProviderStrategy) f.get(factory);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw unsettable(e);
        }
    }

    /** Fills the strategy's cached answer, which Testcontainers otherwise computes on first use. */
    private static void preset(DockerClientProviderStrategy strategy, String address) {
        try {
            Field f = DockerClientProviderStrategy.class.getDeclaredField("dockerHostIpAddress");
            f.setAccessible(true);
            synchronized (strategy) {
                if (f.get(strategy) == null) {
                    f.set(strategy, address);
                }
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw unsettable(e);
        }
    }

    private static EnvironmentException unsettable(Exception e) {
        return new EnvironmentException("could not give Testcontainers the Docker host's address (" + e + "): set "
                + OVERRIDE + "=localhost in the environment when the engine's socket is local", e);
    }
}
