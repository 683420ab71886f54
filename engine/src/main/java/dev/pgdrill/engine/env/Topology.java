package dev.pgdrill.engine.env;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The nodes a drill's environment starts with, declared once: each a name and the upstream it
 * follows as a streaming standby, or none for a primary. Every backend sets it up the same way
 * (primaries first, each standby after its upstream, then a wait until each standby streams), and the
 * scenario checker and the plan take the initial node names from here.
 *
 * <p>Declarations may come in any order: {@link #setUpOrder()} puts each upstream before the standbys
 * that follow it, keeping the declared order otherwise. A topology is refused (every problem at once)
 * when it is empty, has no primary, names a node twice or with a name a node cannot have
 * ({@link Names#nodeProblem}), or has a standby following itself, an undeclared node, or (through
 * others) a node that follows it back.
 *
 * @param nodes the declarations, in the order the drill wrote them
 */
public record Topology(List<NodeDecl> nodes) {
    /** Today's shape: {@code primary}, and {@code replica} streaming from it. */
    public static final Topology DEFAULT = new Topology(List.of(NodeDecl.primary("primary"),
            NodeDecl.standby("replica", "primary")));

    /** How a node archives WAL into the run's archive ({@code archive_mode}). */
    public enum ArchiveMode {
        /** A primary archives what it writes; a standby archives nothing (PostgreSQL's {@code on}). */
        ON,
        /** A standby archives what it receives too, into the same archive (PostgreSQL's {@code always}). */
        ALWAYS;

        /** The YAML and {@code archive_mode} spelling. */
        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * One declared node.
     *
     * @param name        the node's name
     * @param follows     the node it streams from, or null for a primary
     * @param archive     for a standby: whether it falls back to the run's archive ({@code restore_command}); false
     *                    streams only. A primary always archives (the backup tool needs it)
     * @param archiveMode {@code archive_mode} of the node: {@code on} (default) or {@code always} (a standby
     *                    archives what it receives, into the run's archive)
     * @param settings    server settings of this node only, over the drill's {@code settings} (its
     *                    {@code postgresql.auto.conf}; a standby does not inherit its upstream's)
     */
    public record NodeDecl(String name, String follows, boolean archive, ArchiveMode archiveMode,
                           Map<String, String> settings) {
        public NodeDecl {
            archiveMode = archiveMode == null ? ArchiveMode.ON : archiveMode;
            settings = settings == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(settings));
        }

        /** A node with today's options: archiving on, no settings of its own. */
        public NodeDecl(String name, String follows) {
            this(name, follows, true, ArchiveMode.ON, null);
        }

        public static NodeDecl primary(String name) {
            return new NodeDecl(name, null);
        }

        public static NodeDecl standby(String name, String upstream) {
            return new NodeDecl(name, upstream);
        }

        public boolean isPrimary() {
            return follows == null;
        }

        /** This node with its options replaced. */
        public NodeDecl withOptions(boolean archive, ArchiveMode mode, Map<String, String> nodeSettings) {
            return new NodeDecl(name, follows, archive, mode, nodeSettings);
        }

        /** Whether the node has any option other than the defaults. */
        public boolean hasOptions() {
            return !archive || archiveMode != ArchiveMode.ON || !settings.isEmpty();
        }

        /** This node without the settings named in {@code names} (a command-line override replaces them). */
        NodeDecl withoutSettings(Set<String> names) {
            Map<String, String> kept = new LinkedHashMap<>(settings);
            kept.keySet().removeAll(names);
            return new NodeDecl(name, follows, archive, archiveMode, kept);
        }
    }

    /** @throws IllegalArgumentException with every {@link #problems} of {@code nodes} */
    public Topology {
        nodes = List.copyOf(nodes);
        List<String> problems = problems(nodes);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid topology: " + String.join("; ", problems));
        }
    }

    /** What is wrong with {@code nodes} as a topology, each problem once; empty when it is one. */
    public static List<String> problems(List<NodeDecl> nodes) {
        List<String> problems = new ArrayList<>();
        if (nodes.isEmpty()) {
            return List.of("no nodes: declare at least one primary");
        }
        Map<String, NodeDecl> byName = new LinkedHashMap<>();
        for (NodeDecl n : nodes) {
            String bad = Names.nodeProblem(n.name());
            if (bad != null) {
                problems.add(bad);
            } else if (byName.putIfAbsent(n.name(), n) != null) {
                problems.add("node '" + n.name() + "' is declared twice");
            }
        }
        for (NodeDecl n : nodes) {
            if (n.isPrimary() && !n.archive()) {
                problems.add("node '" + n.name() + "' is a primary: 'archive: false' is for standbys (a primary "
                        + "always archives, the backup tool needs it)");
            }
            n.settings().forEach((k, v) -> {
                String bad = ServerSettings.badName(k);
                if (bad != null) {
                    problems.add("node '" + n.name() + "': " + bad);
                }
            });
        }
        if (nodes.stream().noneMatch(NodeDecl::isPrimary)) {
            problems.add("no primary: every node follows another; declare one without an upstream");
        }
        for (NodeDecl n : byName.values()) {
            if (n.isPrimary()) {
                continue;
            }
            if (n.follows().equals(n.name())) {
                problems.add("node '" + n.name() + "' follows itself");
            } else if (!byName.containsKey(n.follows())) {
                problems.add("node '" + n.name() + "' follows '" + n.follows() + "', which is not declared (nodes: "
                        + String.join(", ", byName.keySet()) + ")");
            }
        }
        if (problems.isEmpty()) {
            cycle(byName).ifPresent(c -> problems.add("nodes follow each other in a circle: " + String.join(" -> ", c)
                    + "; one of them must be a primary or follow a node outside the circle"));
        }
        return problems;
    }

    /** The first circle of upstreams found, as names ending where they began. */
    private static Optional<List<String>> cycle(Map<String, NodeDecl> byName) {
        Set<String> cleared = new LinkedHashSet<>();
        for (String start : byName.keySet()) {
            List<String> path = new ArrayList<>();
            String at = start;
            while (at != null && !cleared.contains(at)) {
                if (path.contains(at)) {
                    List<String> circle = new ArrayList<>(path.subList(path.indexOf(at), path.size()));
                    circle.add(at);
                    return Optional.of(circle);
                }
                path.add(at);
                at = byName.get(at).follows();
            }
            cleared.addAll(path);
        }
        return Optional.empty();
    }

    /** The node names, as declared. */
    public List<String> names() {
        return nodes.stream().map(NodeDecl::name).toList();
    }

    /** The declarations in the order to set them up: each upstream before the standbys following it, else as declared. */
    public List<NodeDecl> setUpOrder() {
        List<NodeDecl> order = new ArrayList<>();
        Set<String> placed = new LinkedHashSet<>();
        while (order.size() < nodes.size()) {
            for (NodeDecl n : nodes) {
                if (!placed.contains(n.name()) && (n.isPrimary() || placed.contains(n.follows()))) {
                    order.add(n);
                    placed.add(n.name());
                    break;
                }
            }
        }
        return order;
    }

    /** The declaration of {@code name}, if declared. */
    public Optional<NodeDecl> node(String name) {
        return nodes.stream().filter(n -> n.name().equals(name)).findFirst();
    }

    /** The standbys declared to follow {@code upstream} directly, as declared. */
    public List<NodeDecl> followersOf(String upstream) {
        return nodes.stream().filter(n -> upstream.equals(n.follows())).toList();
    }

    /** This topology without the node settings named in {@code names}, which the command line sets for every node. */
    public Topology withoutSettings(Set<String> names) {
        return names.isEmpty() ? this : new Topology(nodes.stream().map(n -> n.withoutSettings(names)).toList());
    }

    /** Whether some node has options other than the defaults (archive, archive-mode, settings). */
    public boolean hasNodeOptions() {
        return nodes.stream().anyMatch(NodeDecl::hasOptions);
    }

    /** The first primary in set-up order (where a backup tool is prepared). */
    public NodeDecl firstPrimary() {
        return nodes.stream().filter(NodeDecl::isPrimary).findFirst().orElseThrow();
    }

    @Override
    public String toString() {
        return String.join(", ", nodes.stream().map(Topology::describe).toList());
    }

    private static String describe(NodeDecl n) {
        String text = n.isPrimary() ? n.name() : n.name() + " follows " + n.follows();
        List<String> options = new ArrayList<>();
        if (!n.archive()) {
            options.add("archive: false");
        }
        if (n.archiveMode() != ArchiveMode.ON) {
            options.add("archive-mode: " + n.archiveMode().key());
        }
        if (!n.settings().isEmpty()) {
            options.add("settings: " + String.join(", ", n.settings().keySet()));
        }
        return options.isEmpty() ? text : text + " (" + String.join("; ", options) + ")";
    }
}
