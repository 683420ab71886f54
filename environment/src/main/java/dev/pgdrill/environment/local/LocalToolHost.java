package dev.pgdrill.environment.local;

import dev.pgdrill.engine.env.EnvironmentException;
import dev.pgdrill.engine.env.ExecResult;
import dev.pgdrill.environment.common.Directories;
import dev.pgdrill.environment.common.NoFollow;
import dev.pgdrill.environment.common.ToolHost;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
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
    public void writePrivate(String path, String text) {
        WorkDir.writePrivate(Path.of(path), text, run.user());
    }

    @Override
    public List<String> readLines(String path) {
        Path file = Path.of(path);
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        try {
            return NoFollow.read(file).lines().toList();
        } catch (IOException e) {
            throw new EnvironmentException("could not read " + file + ": " + e.getMessage(), e);
        }
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
        Directories.deleteRecursively(node.dataDir());
    }

    @Override
    public void adopt(LocalNode node) {
        ConfFiles.editAutoConf(node.dataDir(), Map.of("port", Integer.toString(node.port())),
                List.of("primary_conninfo", "primary_slot_name"));
        run.user().own(node.dataDir());
    }
}
