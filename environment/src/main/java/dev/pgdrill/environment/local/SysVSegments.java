package dev.pgdrill.environment.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The System V shared memory segments a run's killed servers leave behind. Every postmaster creates a
 * small one (56 bytes) as an interlock against orphaned backends and removes it when it shuts down; one
 * that is SIGKILLed (a {@code kill} fault, a stop that had to kill) cannot. A restart of the same data
 * directory removes the old one, but a drill's directories are restored over or deleted, so each killed
 * server would leave one for good, and the kernel's limit of segments ({@code kernel.shmmni}, 4096 by
 * default) is then reached after some thousands of kills: loops of trials get there.
 */
final class SysVSegments {
    private static final Path TABLE = Path.of("/proc/sysvipc/shm");

    private SysVSegments() {
    }

    /**
     * Removes the segments created by one of {@code postmasters} that no process has attached
     * ({@code nattch} 0): a running server keeps its own attached, so only a dead one's go. Returns what
     * could not be removed (empty when all went, or when the table cannot be read).
     */
    static List<String> removeOrphans(Collection<Long> postmasters) {
        List<String> ids = orphansOf(postmasters, TABLE);
        List<String> left = new ArrayList<>();
        for (String id : ids) {
            if (!ServerUser.runRaw(List.of("ipcrm", "-m", id), Map.of(), null, Duration.ofSeconds(10)).succeeded()) {
                left.add(id);
            }
        }
        return left;
    }

    /** The ids of the segments in {@code table} (the format of /proc/sysvipc/shm) created by {@code postmasters}, unattached. */
    static List<String> orphansOf(Collection<Long> postmasters, Path table) {
        List<String> ids = new ArrayList<>();
        if (postmasters.isEmpty()) {
            return ids;
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(table);
        } catch (IOException e) {
            return ids;
        }
        for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
            String[] f = line.trim().split("\\s+");
            // key shmid perms size cpid lpid nattch ...
            if (f.length > 6 && f[1].matches("\\d+") && f[4].matches("\\d+") && f[6].equals("0")
                    && postmasters.contains(Long.parseLong(f[4]))) {
                ids.add(f[1]);
            }
        }
        return ids;
    }
}
