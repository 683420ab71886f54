package dev.pgdrill.engine.scenario;

import dev.pgdrill.engine.env.Names;
import dev.pgdrill.engine.env.Topology;
import dev.pgdrill.engine.env.Topology.ArchiveMode;
import dev.pgdrill.engine.env.Topology.NodeDecl;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code environment: nodes:} into a {@link Topology}: a mapping of node name to its options.
 *
 * <pre>
 * nodes:                       # default: { primary: {}, replica: { follows: primary } }
 *   primary: { settings: { synchronous_standby_names: "ANY 1 (s1, s2)" } }
 *   s1: { follows: primary }
 *   s2: { follows: s1 }         # cascading
 *   s3: { follows: primary, archive: false, archive-mode: always, settings: { hot_standby_feedback: "on" } }
 * </pre>
 *
 * Every problem is reported at its position: an unknown key, a bad name, an undeclared upstream, a
 * circle of upstreams (at the first node in it), a reserved setting, {@code archive: false} on a primary.
 */
final class NodesReader {
    /** The keys of one node, in the order the schema lists them. */
    static final List<String> KEYS = List.of("follows", "archive", "archive-mode", "settings");

    private NodesReader() {
    }

    /** The declared topology, or null when the block has problems (they go to {@code problems}). */
    static Topology read(YamlNode.Entry e, Problems problems) {
        if (!(e.value() instanceof YamlNode.Mapping m) || m.entries().isEmpty()) {
            problems.add(e.value().location(), "'nodes' must be a mapping of node names to their options, e.g. "
                    + "'nodes: { primary: {}, s1: { follows: primary } }', found " + YamlNode.describe(e.value()));
            return null;
        }
        int before = problems.size();
        List<NodeDecl> nodes = new ArrayList<>();
        Map<String, YamlNode.Entry> where = new LinkedHashMap<>();
        for (YamlNode.Entry n : m.entries()) {
            String bad = Names.nodeProblem(n.key());
            if (bad != null) {
                problems.add(n.keyLocation(), bad);
                continue;
            }
            NodeDecl decl = node(n, problems);
            if (decl != null) {
                nodes.add(decl);
                where.put(n.key(), n);
            }
        }
        if (problems.size() > before) {
            return null;
        }
        for (NodeDecl n : nodes) {
            if (!n.isPrimary() && !where.containsKey(n.follows())) {
                YamlNode.Entry follows = ((YamlNode.Mapping) where.get(n.name()).value()).entry("follows");
                problems.add(follows.value().location(), "node '" + n.name() + "' follows '" + n.follows()
                        + "', which is not declared" + DidYouMean.hint(n.follows(), where.keySet()) + " (nodes: "
                        + String.join(", ", where.keySet()) + ")");
            }
        }
        if (problems.size() > before) {
            return null;
        }
        for (String problem : Topology.problems(nodes)) {
            String at = problem.replaceAll("^.*?circle: ([^ ]+) .*$", "$1").replaceAll("^.*?'([^']+)'.*$", "$1");
            problems.add(where.containsKey(at) ? where.get(at).keyLocation() : e.keyLocation(), problem);
        }
        if (problems.size() > before) {
            return null;
        }
        return new Topology(nodes);
    }

    private static NodeDecl node(YamlNode.Entry n, Problems problems) {
        if (n.value() instanceof YamlNode.Scalar s && s.isNull()) {
            return NodeDecl.primary(n.key());
        }
        if (!(n.value() instanceof YamlNode.Mapping m)) {
            problems.add(n.value().location(), "node '" + n.key() + "' must be a mapping of its options ("
                    + String.join(", ", KEYS) + "), e.g. '{ follows: primary }' or '{}' for a primary, found "
                    + YamlNode.describe(n.value()));
            return null;
        }
        String follows = null;
        boolean archive = true;
        ArchiveMode mode = ArchiveMode.ON;
        Map<String, String> settings = Map.of();
        int before = problems.size();
        for (YamlNode.Entry o : m.entries()) {
            switch (o.key()) {
                case "follows" -> {
                    follows = o.value() instanceof YamlNode.Scalar s && s.value() instanceof String t ? t : null;
                    if (follows == null) {
                        problems.add(o.value().location(), "node '" + n.key() + "': 'follows' must name the node it "
                                + "streams from, found " + YamlNode.describe(o.value()));
                    } else if (follows.equals(n.key())) {
                        problems.add(o.value().location(), "node '" + n.key() + "' follows itself");
                    }
                }
                case "archive" -> {
                    if (o.value() instanceof YamlNode.Scalar s && s.value() instanceof Boolean b) {
                        archive = b;
                    } else {
                        problems.add(o.value().location(), "node '" + n.key() + "': 'archive' must be true or false, "
                                + "found " + YamlNode.describe(o.value()));
                    }
                }
                case "archive-mode" -> {
                    String text = o.value() instanceof YamlNode.Scalar s && !s.isNull() ? String.valueOf(s.value()) : "";
                    if (o.value() instanceof YamlNode.Scalar s && s.value() instanceof Boolean b && b) {
                        text = "on";  // YAML 1.1 reads an unquoted on as true
                    }
                    ArchiveMode chosen = null;
                    for (ArchiveMode a : ArchiveMode.values()) {
                        if (a.key().equals(text)) {
                            chosen = a;
                        }
                    }
                    if (chosen == null) {
                        problems.add(o.value().location(), "node '" + n.key() + "': 'archive-mode' must be on or always, "
                                + "found " + YamlNode.describe(o.value()));
                    } else {
                        mode = chosen;
                    }
                }
                case "settings" -> settings = SettingsReader.read(o, problems);
                default -> problems.add(o.keyLocation(), "unknown key '" + o.key() + "' in node '" + n.key() + "'"
                        + DidYouMean.hint(o.key(), KEYS) + " (expected: " + String.join(", ", KEYS) + ")");
            }
        }
        if (follows == null && !archive) {
            YamlNode.Entry a = m.entry("archive");
            problems.add(a.value().location(), "node '" + n.key() + "' is a primary (it follows no node): "
                    + "'archive: false' is for standbys (a primary always archives, the backup tool needs it)");
        }
        if (problems.size() > before) {
            return null;
        }
        return new NodeDecl(n.key(), follows, archive, mode, settings);
    }
}
