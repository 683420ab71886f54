package dev.pgdrill.engine.env;

import java.time.OffsetDateTime;

/**
 * A named base backup (or naive copy) held by the environment.
 *
 * @param name      the name given in the scenario
 * @param fromNode  node it was taken from
 * @param startLsn  WAL position where the backup starts (null for a naive copy)
 * @param endLsn    WAL position it must be replayed to before it is consistent (null for a naive copy)
 * @param endTime   when the backup finished
 * @param naive     true for a plain file copy of a live data directory
 * @param timeline  timeline of the source at backup time (0 when unknown)
 */
public record BackupInfo(String name, String fromNode, String startLsn, String endLsn,
                         OffsetDateTime endTime, boolean naive, int timeline) {
}
