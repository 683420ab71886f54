package dev.pgdrill.environment.common;

import dev.pgdrill.engine.env.BackupTool;
import dev.pgdrill.engine.env.BackupType;
import dev.pgdrill.engine.env.EnvironmentException;

import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A backup tool as the backends run it: what the engine knows of it ({@link BackupTool}: key, backup
 * types, retention) plus how a backend gets its {@link BackupProvider}. One subclass per tool, listed in
 * {@code META-INF/services/dev.pgdrill.engine.env.BackupTool}; no backend names a tool. A backend offers a
 * tool through what it can run: every backend the tools that come with the server (no {@link #probe()}),
 * a backend with a {@link ToolHost} also those whose probe answers where its servers live.
 */
public abstract class BackendTool extends BackupTool {
    protected BackendTool(String key, int order, Map<BackupType, Integer> types, boolean expires) {
        super(key, order, types, expires);
    }

    /**
     * A command that exits 0 where the tool is installed (run as the server user where the servers live),
     * e.g. {@code pgbackrest version}; empty for a tool that comes with the server and needs no {@link ToolHost}.
     */
    public List<String> probe() {
        return List.of();
    }

    /**
     * This tool's provider for {@code env}.
     *
     * @param host runs the tool where the servers live; null on a backend that has none (then only a tool
     *             without a {@link #probe()} is offered)
     */
    public abstract <N extends BackendNode> BackupProvider<N> provider(BackendEnvironment<N> env, ToolHost<N> host);

    /** {@code tool} as the backends run it; an error when it is only a declaration no backend can run. */
    public static BackendTool of(BackupTool tool) {
        if (tool instanceof BackendTool b) {
            return b;
        }
        throw new EnvironmentException("backup tool '" + tool + "' (" + tool.getClass().getName() + ") has no "
                + "provider: a tool the backends run extends " + BackendTool.class.getSimpleName());
    }

    /**
     * Whether a backend offers {@code tool}: one without a probe always; another when the backend can run
     * commands ({@code probeAnswers} not null) and its probe answers there.
     */
    public static boolean offered(BackupTool tool, Predicate<List<String>> probeAnswers) {
        if (!(tool instanceof BackendTool b)) {
            return false;
        }
        return b.probe().isEmpty() || probeAnswers != null && probeAnswers.test(b.probe());
    }
}
