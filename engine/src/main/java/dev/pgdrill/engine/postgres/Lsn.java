package dev.pgdrill.engine.postgres;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * WAL positions ({@code 0/3000148}) and WAL segment file names ({@code 000000010000000000000003}).
 *
 * <p>A position is an unsigned 64-bit number held in a {@code long}: positions from
 * {@code 80000000/0} up are negative as Java longs. Compare them with {@link #compare}, subtract
 * them with {@link #bytesFrom} and divide them with {@link #segmentOf}, never with {@code <},
 * {@code -} or {@code /}.
 */
public final class Lsn {
    /** PostgreSQL's default WAL segment size. */
    public static final long DEFAULT_SEGMENT_SIZE = 16L * 1024 * 1024;
    private static final Pattern LSN = Pattern.compile("([0-9A-Fa-f]{1,8})/([0-9A-Fa-f]{1,8})");
    private static final Pattern SEGMENT = Pattern.compile("([0-9A-F]{8})([0-9A-F]{8})([0-9A-F]{8})");

    private Lsn() {
    }

    public static boolean isLsn(String text) {
        return text != null && LSN.matcher(text.trim()).matches();
    }

    /** @throws IllegalArgumentException when {@code text} is not {@code X/Y} in hex */
    public static long parse(String text) {
        Matcher m = text == null ? null : LSN.matcher(text.trim());
        if (m == null || !m.matches()) {
            throw new IllegalArgumentException("not a WAL position: '" + text + "' (expected e.g. 0/3000148)");
        }
        return (Long.parseLong(m.group(1), 16) << 32) | Long.parseLong(m.group(2), 16);
    }

    /** Orders two positions as PostgreSQL does: as unsigned 64-bit numbers. */
    public static int compare(long a, long b) {
        return Long.compareUnsigned(a, b);
    }

    /** Whether position {@code a} lies after position {@code b}. */
    public static boolean isAfter(long a, long b) {
        return compare(a, b) > 0;
    }

    /**
     * Bytes of WAL from {@code from} up to {@code to}: 0 when {@code to} is not after {@code from},
     * and {@link Long#MAX_VALUE} for a span that does not fit a long.
     */
    public static long bytesFrom(long from, long to) {
        if (!isAfter(to, from)) {
            return 0;
        }
        long d = to - from;
        return d < 0 ? Long.MAX_VALUE : d;
    }

    /** Number of the segment holding the byte at {@code lsn}. */
    public static long segmentOf(long lsn, long segmentSize) {
        return Long.divideUnsigned(lsn, segmentSize);
    }

    public static String format(long lsn) {
        return String.format(Locale.ROOT, "%X/%X", lsn >>> 32, lsn & 0xFFFFFFFFL);
    }

    /**
     * Number of the segment holding the byte just before {@code lsn}, as {@code pg_walfile_name}
     * does: a position exactly at a segment boundary (what {@code pg_switch_wal()} returns) names the
     * segment that was just completed.
     */
    public static long segmentBefore(long lsn, long segmentSize) {
        return lsn == 0 ? 0 : Long.divideUnsigned(lsn - 1, segmentSize);
    }

    /** The segment file name for {@code segno} on {@code timeline}. */
    public static String segmentName(int timeline, long segno, long segmentSize) {
        long perId = 0x100000000L / segmentSize;
        return String.format(Locale.ROOT, "%08X%08X%08X", timeline, segno / perId, segno % perId);
    }

    /** Segment number of a segment file name, or -1 for anything else (history files, .partial, ...). */
    public static long segmentNumber(String fileName, long segmentSize) {
        if (fileName == null) {
            return -1;
        }
        Matcher m = SEGMENT.matcher(fileName.trim());
        if (!m.matches()) {
            return -1;
        }
        long perId = 0x100000000L / segmentSize;
        return Long.parseLong(m.group(2), 16) * perId + Long.parseLong(m.group(3), 16);
    }

    /** Timeline of a segment file name, or -1. */
    public static int timeline(String fileName) {
        Matcher m = fileName == null ? null : SEGMENT.matcher(fileName.trim());
        return m != null && m.matches() ? Integer.parseInt(m.group(1), 16) : -1;
    }

    /**
     * Whether {@code archivedFile} shows that segment {@code segno} of {@code timeline} is archived:
     * the archiver ships segments in order, so a segment at or past it (same or later timeline) counts.
     */
    public static boolean covers(String archivedFile, int timeline, long segno, long segmentSize) {
        long n = segmentNumber(archivedFile, segmentSize);
        return n >= 0 && timeline(archivedFile) >= timeline && n >= segno;
    }
}
