package dev.pgdrill.engine.postgres;

import dev.pgdrill.engine.env.Node;
import dev.pgdrill.engine.step.StepContext;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/** WAL switching and waiting for the archive, shared by switch-wal, capture-target, wait and restore. */
public final class Wal {
    private Wal() {
    }

    /**
     * A WAL segment to wait for.
     *
     * @param lsn      the position it was derived from
     * @param segment  segment file name
     * @param timeline timeline of the segment
     * @param segno    segment number
     * @param segmentSize WAL segment size of the server
     */
    public record Segment(String lsn, String segment, int timeline, long segno, long segmentSize) {
    }

    /** What the archive shows for a segment. */
    public record ArchiveState(boolean archived, String description) {
    }

    /**
     * Runs {@code pg_switch_wal()} on {@code node} (a primary) and returns the segment it completed:
     * the one holding the byte just before the end LSN it returns. Not {@code pg_walfile_name()} of that
     * LSN: when there was nothing to switch the LSN lies exactly on a segment boundary, and there
     * PostgreSQL 17 names the next segment (still being written, so never archived) where 15 names the
     * completed one. Only the timeline is taken from {@code pg_walfile_name()}.
     */
    public static Segment switchWal(StepContext ctx, Node node) throws SQLException {
        try (Connection c = Sql.open(ctx, node, null)) {
            Rows r = Sql.run(c, "SELECT s::text, pg_walfile_name(s), "
                    + "(SELECT setting::bigint FROM pg_settings WHERE name = 'wal_segment_size') "
                    + "FROM pg_switch_wal() s", Map.of(), ctx.remaining());
            List<Object> row = r.rows().get(0);
            String lsn = (String) row.get(0);
            int timeline = Lsn.timeline((String) row.get(1));
            long size = Long.parseLong((String) row.get(2));
            long segno = Lsn.segmentBefore(Lsn.parse(lsn), size);
            return new Segment(lsn, Lsn.segmentName(timeline, segno, size), timeline, segno, size);
        }
    }

    /** The segment holding the WAL just before {@code lsn} on {@code node}'s current timeline. */
    public static Segment segmentOf(StepContext ctx, Node node, String lsn) throws SQLException {
        long pos = Lsn.parse(lsn);
        try (Connection c = Sql.open(ctx, node, null)) {
            Rows r = Sql.run(c, "SELECT (SELECT setting::bigint FROM pg_settings WHERE name = 'wal_segment_size'), "
                    + "CASE WHEN pg_is_in_recovery() THEN (SELECT timeline_id FROM pg_control_checkpoint()) END, "
                    + "CASE WHEN NOT pg_is_in_recovery() THEN pg_walfile_name(pg_current_wal_lsn()) END",
                    Map.of(), ctx.remaining());
            List<Object> row = r.rows().get(0);
            long size = Long.parseLong((String) row.get(0));
            int timeline = row.get(1) != null ? Integer.parseInt((String) row.get(1)) : Lsn.timeline((String) row.get(2));
            long segno = Lsn.segmentBefore(pos, size);
            return new Segment(lsn, Lsn.segmentName(timeline, segno, size), timeline, segno, size);
        }
    }

    /** Waits until {@code seg} is in the archive, by pg_stat_archiver on {@code node} or the archive's listing. */
    public static void awaitArchived(StepContext ctx, Node node, Segment seg) throws InterruptedException {
        ctx.await("WAL segment " + seg.segment() + " (" + seg.lsn() + ") to be archived from '" + node.name() + "'",
                null, () -> archiveState(ctx, node, seg), ArchiveState::archived, ArchiveState::description);
    }

    /**
     * Makes the archive hold everything committed so far on {@code nodeName}: when it runs as a
     * primary, switches WAL and waits until archived; otherwise records why it was skipped.
     */
    public static void archiveCurrent(StepContext ctx, String nodeName) throws InterruptedException {
        Node node = Probes.answering(ctx, nodeName).orElse(null);
        if (node == null) {
            ctx.evidence("archive-first skipped: '" + nodeName + "' is not running");
            return;
        }
        Segment seg;
        try {
            if (Probes.inRecovery(ctx, node)) {
                ctx.evidence("archive-first skipped: '" + nodeName + "' is in recovery");
                return;
            }
            seg = switchWal(ctx, node);
        } catch (SQLException e) {
            ctx.evidence("archive-first skipped: '" + nodeName + "' did not answer: " + Sql.describe(e));
            return;
        }
        awaitArchived(ctx, node, seg);
        ctx.evidence("archive-first: WAL switched on '" + nodeName + "' at " + seg.lsn() + ", segment "
                + seg.segment() + " archived");
    }

    public static ArchiveState archiveState(StepContext ctx, Node node, Segment seg) {
        String stat;
        boolean byStat = false;
        try (Connection c = Sql.open(node, null, Probes.probeLimit(ctx))) {
            Rows r = Sql.run(c, "SELECT last_archived_wal, failed_count, last_failed_wal FROM pg_stat_archiver",
                    Map.of(), Probes.probeLimit(ctx));
            List<Object> row = r.rows().get(0);
            String last = (String) row.get(0);
            byStat = Lsn.covers(last, seg.timeline(), seg.segno(), seg.segmentSize());
            stat = "last_archived_wal " + (last == null ? "none" : last) + ", failed_count " + row.get(1)
                    + (row.get(2) == null ? "" : ", last_failed_wal " + row.get(2));
        } catch (SQLException e) {
            stat = "pg_stat_archiver unavailable: " + Sql.describe(e);
        }
        if (byStat) {
            return new ArchiveState(true, stat);
        }
        List<String> files = ctx.env().archivedWalFiles();
        boolean listed = files.stream().anyMatch(f -> Lsn.covers(f, seg.timeline(), seg.segno(), seg.segmentSize()));
        String newest = files.isEmpty() ? "archive empty" : "newest in archive " + files.get(files.size() - 1);
        return new ArchiveState(listed, stat + "; " + newest);
    }
}
