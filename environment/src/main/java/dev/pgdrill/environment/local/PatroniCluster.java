package dev.pgdrill.environment.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pgdrill.engine.env.EnvironmentException;
import dev.pgdrill.engine.env.ExecResult;
import dev.pgdrill.engine.env.Leader;
import dev.pgdrill.engine.env.Names;
import dev.pgdrill.engine.env.PatroniSettings;
import dev.pgdrill.engine.env.StopMode;
import dev.pgdrill.engine.wait.Poller;
import dev.pgdrill.environment.common.FreePorts;
import dev.pgdrill.environment.common.Replication;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A run's Patroni cluster on the local backend: one etcd and one Patroni agent per node, all processes of the run
 * ({@link Daemon}), their files in {@code <work>/patroni/} (each agent's configuration, etcd's data, their logs).
 *
 * <p>{@link #takeOver}: the nodes set up as usual (the primary seeded, its standbys streaming) are stopped, etcd
 * starts, then the primary's agent, which adopts the data directory and takes the leader key (a new timeline),
 * then each standby's agent, which points its node at the leader directly (not through the run's proxy: partition
 * and latency are refused with a manager). PostgreSQL's own log stays {@code logs/<node>.log} (the logging
 * collector writes it), so every step that reads a node's log still does.
 */
final class PatroniCluster {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(2);

    private final RunContext run;
    private final PatroniSettings dcs;
    private final Path home;
    private final int clientPort;
    private final int peerPort;
    private final Daemon etcd;
    private final Map<String, Agent> agents = new ConcurrentHashMap<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(HTTP_TIMEOUT).build();

    PatroniCluster(RunContext run, PatroniSettings dcs) {
        this.run = run;
        this.dcs = dcs;
        this.home = run.workDir().resolve(Names.MANAGER);
        this.clientPort = FreePorts.reserve();
        this.peerPort = FreePorts.reserve();
        this.etcd = new Daemon("etcd", run, home.resolve("etcd.log"), List.of("etcd", "--name", "pgdrill",
                "--listen-client-urls", url(clientPort), "--advertise-client-urls", url(clientPort),
                "--listen-peer-urls", url(peerPort), "--initial-advertise-peer-urls", url(peerPort),
                "--initial-cluster", "pgdrill=" + url(peerPort), "--data-dir=" + home.resolve("etcd")));
    }

    private static String url(int port) {
        return "http://127.0.0.1:" + port;
    }

    /** One node's Patroni: its configuration, REST API port and process. */
    final class Agent implements LocalNode.Agent {
        final LocalNode node;
        final int restPort;
        final Daemon daemon;

        Agent(LocalNode node) {
            this.node = node;
            this.restPort = FreePorts.reserve();
            this.daemon = new Daemon("Patroni of node '" + node.name() + "'", run, home.resolve(node.name() + ".log"),
                    List.of("patroni", home.resolve(node.name() + ".yml").toString()));
        }

        @Override
        public void kill() {
            daemon.kill();
        }

        /** As {@code systemctl stop patroni}: Patroni shuts PostgreSQL down and gives up the leader key. */
        @Override
        public void stop() {
            daemon.terminate(Duration.ofSeconds(60));
        }

        @Override
        public void start() {
            daemon.start();
        }

        @Override
        public boolean running() {
            return daemon.alive();
        }

        @Override
        public long pid() {
            return daemon.pid();
        }
    }

    /**
     * Hands the running nodes to Patroni: {@code primary} first, then {@code standbys} (each streaming from it), all
     * within {@code deadline}. Returns once the primary leads and every standby streams from it.
     */
    void takeOver(LocalNode primary, List<LocalNode> standbys, Poller deadline) {
        run.user().runChecked("creating " + home, List.of("mkdir", "-m", "0700", home.toString()), Map.of(),
                run.workDir(), Duration.ofSeconds(10));
        List<LocalNode> all = new ArrayList<>(List.of(primary));
        all.addAll(standbys);
        for (LocalNode n : all) {
            Agent a = new Agent(n);
            agents.put(n.name(), a);
            WorkDir.writePrivate(home.resolve(n.name() + ".yml"), PatroniConfig.of(run, dcs, home, a.node, a.restPort, clientPort), run.user());
        }
        for (int i = all.size() - 1; i >= 0; i--) {
            all.get(i).shutDown(StopMode.FAST, Duration.ofSeconds(30));
        }
        etcd.start();
        Poller.Outcome<Boolean> up = deadline.poll("etcd to answer on " + url(clientPort) + "/health",
                () -> get(clientPort, "/health").map(j -> "true".equals(j.path("health").asText())).orElse(false));
        if (!up.reached()) {
            throw new EnvironmentException(up.message() + "; last lines of " + etcd.log() + ":\n" + tail(etcd.log()));
        }
        lockEtcd();
        attach(primary);
        Poller.Outcome<Boolean> leads = deadline.poll("Patroni to make node '" + primary.name() + "' the leader",
                () -> leader().map(l -> l.node().equals(primary.name())).orElse(false)
                        && primary.isRunning() && writable(primary));
        if (!leads.reached()) {
            throw new EnvironmentException(leads.message() + "; last lines of " + agents.get(primary.name()).daemon.log()
                    + ":\n" + tail(agents.get(primary.name()).daemon.log()));
        }
        standbys.forEach(this::attach);
        for (LocalNode s : standbys) {
            Poller.Outcome<Boolean> streams = deadline.poll("node '" + s.name() + "' to stream from node '"
                    + primary.name() + "' under Patroni", () -> Replication.streaming(primary, s.name()));
            if (!streams.reached()) {
                throw new EnvironmentException(streams.message() + "; last lines of " + agents.get(s.name()).daemon.log()
                        + ":\n" + tail(agents.get(s.name()).daemon.log()));
            }
        }
    }

    private void attach(LocalNode node) {
        Agent a = agents.get(node.name());
        node.agent(a);
        a.start();
    }

    private static boolean writable(LocalNode node) {
        try (var c = node.connect(); var s = c.createStatement();
             var rs = s.executeQuery("SELECT NOT pg_is_in_recovery()")) {
            return rs.next() && rs.getBoolean(1);
        } catch (Exception e) {
            return false;
        }
    }

    private String tail(Path log) {
        try {
            return ServerUser.tail(run.user().readIfPresent(log).orElse(""), 15);
        } catch (RuntimeException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    /** One line per member of Patroni's {@code /cluster} (empty when no agent answers). */
    List<String> members() {
        return view().members();
    }

    /** The leader by Patroni's {@code /cluster}, asked of each agent in turn until one answers. */
    Optional<Leader> leader() {
        View v = view();
        return v.leader() == null ? Optional.empty()
                : Optional.of(new Leader(v.leader(), v.timeline(), "Patroni /cluster", v.members()));
    }

    private record View(String leader, long timeline, List<String> members) {
    }

    private View view() {
        for (Agent a : agents.values()) {
            if (!a.running()) {
                continue;
            }
            Optional<JsonNode> cluster = get(a.restPort, "/cluster");
            if (cluster.isEmpty()) {
                continue;
            }
            String leader = null;
            long timeline = 0;
            List<String> members = new ArrayList<>();
            for (JsonNode m : cluster.get().path("members")) {
                String name = m.path("name").asText();
                members.add(name + ": " + m.path("role").asText() + ", " + m.path("state").asText() + ", timeline "
                        + m.path("timeline").asText("?") + (m.has("lag") ? ", lag " + m.path("lag").asText() : ""));
                if (m.path("role").asText().equals("leader") && m.path("state").asText().equals("running")) {
                    leader = name;
                    timeline = m.path("timeline").asLong(0);
                }
            }
            return new View(leader, timeline, members);
        }
        return new View(null, 0, List.of());
    }

    /**
     * Turns etcd's authentication on before any agent starts (its JSON gateway: the root user with the run's password,
     * the root role, auth enabled): etcd listens on loopback, which every local user reaches, and whoever writes the
     * cluster's keys (its {@code /config}) decides what the servers run.
     */
    private void lockEtcd() {
        String user = PatroniConfig.quoted(PatroniConfig.ETCD_USER);
        for (String[] call : List.of(
                new String[] {"user/add", "{\"name\": " + user + ", \"password\": " + PatroniConfig.quoted(run.password()) + "}"},
                new String[] {"role/add", "{\"name\": \"root\"}"},
                new String[] {"user/grant", "{\"user\": " + user + ", \"role\": \"root\"}"},
                new String[] {"enable", "{}"})) {
            HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(url(clientPort) + "/v3/auth/" + call[0]))
                    .timeout(HTTP_TIMEOUT).POST(HttpRequest.BodyPublishers.ofString(call[1])).build(), "etcd");
            if (r == null || r.statusCode() != 200 || r.body().contains("\"error\"")) {
                throw new EnvironmentException("could not turn etcd's authentication on (" + call[0] + ": "
                        + (r == null ? "no answer" : "HTTP " + r.statusCode() + " " + r.body().strip()) + ")");
            }
        }
    }

    /** The answer to {@code request}, or null when {@code who} did not answer. */
    private HttpResponse<String> send(HttpRequest request, String who) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EnvironmentException("interrupted while asking " + who, e);
        }
    }

    private Optional<JsonNode> get(int port, String path) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url(port) + path)).timeout(HTTP_TIMEOUT)
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? Optional.of(JSON.readTree(r.body())) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            // not an answer: a wait cut short by its deadline must not take this for "no leader"
            throw new EnvironmentException("interrupted while asking Patroni's REST API on port " + port, e);
        }
    }

    /**
     * A planned switchover to {@code candidate} through the REST API of a running agent ({@code POST /switchover}
     * with the current leader, as Patroni 3.0 requires); Patroni answers once it is done.
     */
    void switchover(String candidate) {
        String leader = leader().map(Leader::node).orElseThrow(() -> new EnvironmentException("switchover to '"
                + candidate + "': Patroni names no leader now"));
        String body = "{\"leader\": " + PatroniConfig.quoted(leader) + ", \"candidate\": " + PatroniConfig.quoted(candidate) + "}";
        for (Agent a : agents.values()) {
            if (!a.running()) {
                continue;
            }
            HttpResponse<String> r;
            try {
                r = http.send(HttpRequest.newBuilder(URI.create(url(a.restPort) + "/switchover"))
                        .timeout(Duration.ofSeconds(90)).header("Content-Type", "application/json")
                        .header("Authorization", basicAuth())
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                continue; // this agent did not answer: ask the next one
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new EnvironmentException("interrupted while asking Patroni for a switchover", e);
            }
            if (r.statusCode() != 200) {
                throw new EnvironmentException("Patroni refused the switchover from '" + leader + "' to '" + candidate
                        + "' (HTTP " + r.statusCode() + "): " + r.body().strip());
            }
            return;
        }
        throw new EnvironmentException("switchover to '" + candidate + "': no Patroni REST API answered");
    }

        /** etcd's client port on loopback. */
    int etcdPort() {
        return clientPort;
    }

    /** Each agent's REST API port on loopback, by node. */
    Map<String, Integer> restPorts() {
        Map<String, Integer> ports = new LinkedHashMap<>();
        agents.forEach((n, a) -> ports.put(n, a.restPort));
        return ports;
    }

    /** The REST API's credentials for its unsafe endpoints, as HTTP Basic. */
    private String basicAuth() {
        return "Basic " + Base64.getEncoder().encodeToString((PatroniConfig.REST_USER + ":" + run.password())
                .getBytes(StandardCharsets.UTF_8));
    }

    /** Patroni's and etcd's versions as they report them ({@code patroni 3.0.2}, {@code etcd 3.4.23}). */
    Map<String, String> versions() {
        Map<String, String> v = new LinkedHashMap<>();
        ExecResult p = run.user().run(List.of("patroni", "--version"), Map.of(), run.workDir(), Duration.ofSeconds(30));
        v.put("patroni", p.succeeded() ? p.stdout().strip().replaceFirst("^patroni ", "") : "unknown");
        ExecResult e = run.user().run(List.of("etcd", "--version"), Map.of(), run.workDir(), Duration.ofSeconds(30));
        v.put("etcd", e.succeeded() ? e.stdout().lines().findFirst().orElse("").replaceFirst("^etcd Version: ", "").strip()
                : "unknown");
        return v;
    }

    /** SIGKILLs every agent, then etcd (the clean-up's first step: no agent restarts a server being stopped). */
    List<Throwable> killAll() {
        List<Throwable> problems = new ArrayList<>();
        for (Agent a : agents.values()) {
            try {
                a.kill();
            } catch (RuntimeException e) {
                problems.add(e);
            }
        }
        try {
            etcd.kill();
        } catch (RuntimeException e) {
            problems.add(e);
        }
        agents.values().forEach(a -> FreePorts.release(a.restPort));
        FreePorts.release(clientPort);
        FreePorts.release(peerPort);
        return problems;
    }
}
