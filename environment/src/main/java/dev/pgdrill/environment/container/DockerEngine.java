package dev.pgdrill.environment.container;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.WaitContainerResultCallback;
import com.github.dockerjava.api.exception.DockerClientException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.StreamType;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import dev.pgdrill.engine.env.EnvironmentException;
import dev.pgdrill.engine.env.ExecResult;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The Docker engine as the container backends use it, through docker-java over the engine's socket
 * ({@code DOCKER_HOST}, default {@code unix:///var/run/docker.sock}): inspection, exec, logs.
 */
public final class DockerEngine implements AutoCloseable {
    /** Exit code reported for a command that hit its timeout, as {@code timeout(1)} does. */
    public static final int TIMED_OUT = 124;

    private final DockerClient client;

    private DockerEngine(DockerClient client) {
        this.client = client;
    }

    /** Connects and pings the engine; fails with what to do when none answers. */
    public static DockerEngine connect() {
        DockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder().build();
        ApacheDockerHttpClient http = new ApacheDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost())
                .sslConfig(config.getSSLConfig())
                .maxConnections(32)
                .connectionTimeout(Duration.ofSeconds(5))
                .build();
        DockerEngine engine = new DockerEngine(DockerClientImpl.getInstance(config, http));
        try {
            engine.client.pingCmd().exec();
        } catch (RuntimeException e) {
            engine.close();
            throw new EnvironmentException("no Docker engine reachable at " + config.getDockerHost() + " (" + e.getMessage()
                    + "): start one (e.g. .ci/install-docker.sh, or `dockerd &` as root) or use --env local");
        }
        return engine;
    }

    /** True when an engine answers a ping at the default address. */
    public static boolean available() {
        try (DockerEngine ignored = connect()) {
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    public DockerClient client() {
        return client;
    }

    public boolean imageExists(String image) {
        try {
            client.inspectImageCmd(image).exec();
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }

    Optional<InspectContainerResponse> inspect(String containerId) {
        try {
            return Optional.of(client.inspectContainerCmd(containerId).exec());
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    /**
     * Runs {@code command} in a running container as {@code user}; stdout and stderr are collected.
     * A command still running at {@code timeout} is reported with exit code {@link #TIMED_OUT}.
     */
    ExecResult exec(String containerId, String user, List<String> command, Map<String, String> env, Duration timeout) {
        String execId = client.execCreateCmd(containerId).withUser(user).withEnv(envList(env))
                .withCmd(command.toArray(String[]::new)).withAttachStdout(true).withAttachStderr(true).exec().getId();
        Output out = new Output();
        try {
            boolean done = client.execStartCmd(execId).exec(out).awaitCompletion(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!done) {
                closeQuietly(out);
                return new ExecResult(TIMED_OUT, out.stdout(), out.stderr() + "\n(timed out after " + timeout + ")");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closeQuietly(out);
            throw new EnvironmentException("interrupted while running " + command + " in container " + containerId, e);
        }
        Long code = client.inspectExecCmd(execId).exec().getExitCodeLong();
        return new ExecResult(code == null ? -1 : code.intValue(), out.stdout(), out.stderr());
    }

    /**
     * Runs {@code command} as {@code user} in a one-off container of {@code image} (no network, no
     * volumes), removed afterwards; a command still running at {@code timeout} gets {@link #TIMED_OUT}.
     */
    public ExecResult runOnce(String image, String user, List<String> command, Duration timeout) {
        String id = client.createContainerCmd(image).withUser(user).withEntrypoint(command)
                .withLabels(Map.of("dev.pgdrill.probe", String.join(" ", command)))
                .withHostConfig(HostConfig.newHostConfig().withNetworkMode("none")).exec().getId();
        try {
            return runToEnd(id, timeout);
        } catch (DockerException e) {
            return new ExecResult(-1, "", e.getMessage());
        } finally {
            try {
                client.removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec();
            } catch (RuntimeException ignored) {
                // already gone
            }
        }
    }

    /**
     * Starts the created container {@code id} and waits for it to end, at most {@code timeout}: its exit
     * code and output, or {@link #TIMED_OUT} when it still runs. The caller removes the container.
     */
    ExecResult runToEnd(String id, Duration timeout) {
        client.startContainerCmd(id).exec();
        Integer code;
        try {
            code = client.waitContainerCmd(id).exec(new WaitContainerResultCallback())
                    .awaitStatusCode(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (DockerException | DockerClientException e) { // docker-java's own timeout is a DockerClientException
            code = null;
        }
        Output output = logs(id);
        return code == null ? new ExecResult(TIMED_OUT, output.stdout(), output.stderr()
                + "\n(timed out after " + timeout + ")") : new ExecResult(code, output.stdout(), output.stderr());
    }

    /** {@code env} as the engine takes it: {@code NAME=value} entries. */
    static List<String> envList(Map<String, String> env) {
        List<String> list = new ArrayList<>();
        env.forEach((k, v) -> list.add(k + "=" + v));
        return list;
    }

    /** Every log line of the container so far (stdout and stderr interleaved as the engine stored them). */
    List<String> logLines(String containerId) {
        return logs(containerId).lines();
    }

    /** The container's whole log, by stream. */
    Output logs(String containerId) {
        Output out = new Output();
        try {
            client.logContainerCmd(containerId).withStdOut(true).withStdErr(true).withTimestamps(false)
                    .withFollowStream(false).withTailAll().exec(out).awaitCompletion(30, TimeUnit.SECONDS);
        } catch (NotFoundException e) {
            return new Output();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return out;
    }

    static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // best effort
        }
    }

    @Override
    public void close() {
        closeQuietly(client);
    }

    /** Collects the frames of an exec or log stream. */
    static final class Output extends ResultCallback.Adapter<Frame> {
        private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        private final ByteArrayOutputStream all = new ByteArrayOutputStream();

        @Override
        public synchronized void onNext(Frame frame) {
            byte[] payload = frame.getPayload();
            if (payload == null) {
                return;
            }
            (frame.getStreamType() == StreamType.STDERR ? stderr : stdout).writeBytes(payload);
            all.writeBytes(payload);
        }

        synchronized String stdout() {
            return stdout.toString(StandardCharsets.UTF_8);
        }

        synchronized String stderr() {
            return stderr.toString(StandardCharsets.UTF_8);
        }

        synchronized List<String> lines() {
            String text = all.toString(StandardCharsets.UTF_8);
            if (text.isEmpty()) {
                return List.of();
            }
            List<String> lines = new ArrayList<>(List.of(text.split("\r?\n", -1)));
            if (lines.get(lines.size() - 1).isEmpty()) {
                lines.remove(lines.size() - 1);
            }
            return lines;
        }
    }
}
