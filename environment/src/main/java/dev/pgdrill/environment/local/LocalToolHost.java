package dev.pgdrill.environment.local;

import dev.pgdrill.engine.env.ExecResult;
import dev.pgdrill.engine.env.Names;
import dev.pgdrill.environment.common.ToolHost;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Runs a backup tool on this machine as the server user, in the run's work directory, with a built environment. */
final class LocalToolHost implements ToolHost<LocalNode> {
    private final RunContext run;

    LocalToolHost(RunContext run) {
        this.run = run;
    }

    @Override
    public ExecResult run(List<String> command, Duration timeout) {
        return run.user().run(command, Map.of(), run.workDir(), timeout);
    }

    @Override
    public String toolHome() {
        return run.workDir().resolve(Names.TOOL).toString();
    }

    @Override
    public String socketDir() {
        return run.sock().toString();
    }

    @Override
    public void writePrivate(String path, String text) {
        WorkDir.writePrivate(Path.of(path), text, run.user());
    }

    @Override
    public List<String> readLines(String path) {
        return run.user().readIfPresent(Path.of(path)).map(text -> text.lines().toList()).orElse(List.of());
    }

    @Override
    public String dataDir(LocalNode node) {
        return node.dataDir().toString();
    }

    @Override
    public int port(LocalNode node) {
        return node.port();
    }

    @Override
    public void clear(LocalNode node) {
        run.user().delete(node.dataDir());
    }

    @Override
    public void adopt(LocalNode node) {
        ConfFiles.editAutoConf(run.user(), node.dataDir(), Map.of("port", Integer.toString(node.port())),
                List.of("primary_conninfo", "primary_slot_name"));
        run.user().own(node.dataDir());
    }
}
