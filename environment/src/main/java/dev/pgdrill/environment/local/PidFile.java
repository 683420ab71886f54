package dev.pgdrill.environment.local;

import dev.pgdrill.environment.common.NoFollow;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** A data directory's postmaster.pid: who runs the server and how far its start-up got. */
final class PidFile {
    private final Path dataDir;
    private final Path file;

    PidFile(Path dataDir) {
        this.dataDir = dataDir;
        this.file = dataDir.resolve("postmaster.pid");
    }

    private List<String> lines() {
        try {
            return NoFollow.isRegularFile(file) ? NoFollow.read(file).lines().toList() : List.of();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** The live postmaster of this data directory (a pid file left by a dead or foreign process does not count). */
    Optional<Long> livePid() {
        List<String> lines = lines();
        if (lines.isEmpty() || lines.get(0).isBlank()) {
            return Optional.empty();
        }
        try {
            long pid = Long.parseLong(lines.get(0).trim());
            boolean ours = ProcTable.alive(pid) && ProcTable.cmdline(pid).contains(dataDir.toString());
            return ours ? Optional.of(pid) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** True once the server accepts connections ("ready", or "standby" for a hot standby), as pg_ctl -w checks. */
    boolean acceptsConnections() {
        List<String> lines = lines();
        if (lines.size() < 8) {
            return false;
        }
        String status = lines.get(7).trim();
        return (status.equals("ready") || status.equals("standby")) && livePid().isPresent();
    }

    /**
     * After a SIGKILL the lock files stay, and the dead postmaster may linger as a zombie (when
     * init does not reap it), which PostgreSQL takes for a live owner: remove them while no server
     * of this directory runs. The socket directory is private to the run, so its files are ours.
     */
    void removeStale(Path socketDir, int port) {
        if (livePid().isPresent()) {
            return;
        }
        try {
            Files.deleteIfExists(file);
            Files.deleteIfExists(socketDir.resolve(".s.PGSQL." + port + ".lock"));
            Files.deleteIfExists(socketDir.resolve(".s.PGSQL." + port));
        } catch (IOException ignored) {
            // the server will complain with a clear message in its log
        }
    }
}
