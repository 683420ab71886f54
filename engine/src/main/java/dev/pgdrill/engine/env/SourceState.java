package dev.pgdrill.engine.env;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/**
 * What an environment read from its {@link BackupSource} at set-up (and again when asked): the backups it holds
 * and how far its WAL archive reaches; the evidence and the objectives of a restore from it.
 *
 * @param source        the source as the drill named it
 * @param tool          the tool and its version, e.g. {@code pgbackrest 2.45}
 * @param backups       the backups, oldest first; their names are what {@code restore: from:} takes
 * @param newestWal     the newest archived WAL segment's name, or null when the archive holds none
 * @param newestWalTime when it was archived (the file's modification time in the archive), or null
 * @param segmentSize   the WAL segment size of the source's cluster in bytes, as its archive shows it (0: unknown)
 * @param damaged       archived files that cannot be what their names say (a segment of another size than the
 *                      others: truncated), one line each; a restore refuses such a source before touching anything
 */
public record SourceState(BackupSource source, String tool, List<Backup> backups, String newestWal,
                          OffsetDateTime newestWalTime, long segmentSize, List<String> damaged) {
    public SourceState {
        backups = List.copyOf(backups);
        damaged = List.copyOf(damaged);
    }

    /**
     * One backup of the source.
     *
     * @param name      the name a drill restores it by ({@code from:}); pgBackRest's set label
     * @param label     the tool's own label or set
     * @param startTime when it started, or null when the source does not say
     * @param stopTime  when it stopped, or null when the source does not say
     * @param startLsn  where its WAL starts
     * @param stopLsn   where it is consistent, or null when the source does not say
     */
    public record Backup(String name, String label, OffsetDateTime startTime, OffsetDateTime stopTime,
                         String startLsn, String stopLsn) {
    }

    /** The backup named {@code name}. */
    public Optional<Backup> backup(String name) {
        return backups.stream().filter(b -> b.name().equals(name)).findFirst();
    }

    /** The newest backup (by stop time, else the last listed). */
    public Optional<Backup> newest() {
        return backups.isEmpty() ? Optional.empty() : Optional.of(backups.get(backups.size() - 1));
    }
}
