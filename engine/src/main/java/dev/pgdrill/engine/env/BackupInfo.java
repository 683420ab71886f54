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
 * @param type      what it copied: everything ({@link BackupType#FULL}, also for a naive copy) or the changes
 *                  since {@code parent}
 * @param parent    the backup of the chain a differential or incremental backup builds on, null for a full one
 */
public record BackupInfo(String name, String fromNode, String startLsn, String endLsn,
                         OffsetDateTime endTime, boolean naive, int timeline, BackupType type, String parent) {
    public BackupInfo {
        type = type == null ? BackupType.FULL : type;
    }

    /** A full backup (or naive copy): no parent. */
    public BackupInfo(String name, String fromNode, String startLsn, String endLsn, OffsetDateTime endTime,
                      boolean naive, int timeline) {
        this(name, fromNode, startLsn, endLsn, endTime, naive, timeline, BackupType.FULL, null);
    }
}
